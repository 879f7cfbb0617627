import { isMinimalBase } from '../model/base-images';
import { lineage, rootImage } from '../model/dockerfile-model';
import { Rule } from '../rule';
import { argumentRange, instructionRange, report } from './helpers';

export const rule: Rule = {
  id: 'GD006',
  name: 'minimal-runtime-base',
  defaultSeverity: 'warning',
  summary: 'Ship Go binaries on scratch, distroless or another minimal static base.',
  fixable: false,
  docs: `
A Go binary needs no shell, package manager or compiler at run time. \`golang\`, \`debian\`, \`ubuntu\` or
\`alpine\` as the final base add hundreds of packages (and their CVEs) and megabytes to every pull.

Fires when the final stage's base image (following \`FROM <stage>\` to the image it starts from) is not
\`scratch\`, \`gcr.io/distroless/*\`, \`cgr.dev/chainguard/static\`/\`glibc-dynamic\`, a Microsoft distroless
or UBI micro image, or an image listed in the \`minimalBases\` setting. Unresolved images are not judged.

\`\`\`Dockerfile
FROM gcr.io/distroless/static-debian12:nonroot
\`\`\`

Default severity **warning**: not a bug, but the biggest lever on image size and vulnerability count.
`,
  check(context) {
    const final = context.model.finalStage;
    if (!final) return;
    const { image, unresolved } = rootImage(final);
    if (unresolved || image === undefined || isMinimalBase(image, context.settings.minimalBases)) return;
    const root = lineage(final).pop();
    const word = final.fromArgs.image;
    context.report(
      report(
        word ? argumentRange(final.from, word) : instructionRange(final.from),
        `the final image is based on "${image}"${root !== final ? ` (through stage "${final.fromArgs.image?.value}")` : ''}; use scratch or gcr.io/distroless/static for a Go binary`,
      ),
    );
  },
};
