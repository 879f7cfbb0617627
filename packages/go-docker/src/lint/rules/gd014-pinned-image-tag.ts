import { isScratch } from '../model/base-images';
import { parseImageReference } from '../model/image-ref';
import { Rule } from '../rule';
import { argumentRange, report } from './helpers';

export const rule: Rule = {
  id: 'GD014',
  name: 'pinned-image-tag',
  defaultSeverity: 'warning',
  summary: 'Pin every FROM image to a tag or digest other than `latest`.',
  fixable: false,
  docs: `
\`FROM golang\` or \`FROM golang:latest\` builds with whatever was pushed last: a new Go major version or
base OS can break the build or change the binary without any change in the repository, and builds are
not reproducible. Pin a version tag (\`golang:1.26\`) or, better, a digest.

Fires on a FROM image with no tag and no digest, or the tag \`latest\` without a digest. Stage names and
\`scratch\` are exempt; ARG defaults are resolved first; unresolved images are not judged.

Default severity **warning**: reproducibility, not immediate breakage.
`,
  check(context) {
    for (const stage of context.model.stages) {
      const image = stage.image;
      const word = stage.fromArgs.image;
      if (!image || !word || isScratch(image)) continue;
      const ref = parseImageReference(image);
      if (ref.digest) continue;
      if (!ref.tag) context.report(report(argumentRange(stage.from, word), `image "${image}" has no tag or digest; pin a version (e.g. "${image}:<version>") or a digest`));
      else if (ref.tag === 'latest') context.report(report(argumentRange(stage.from, word), `image "${image}" uses the "latest" tag; pin a version or a digest`));
    }
  },
};
