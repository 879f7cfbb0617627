import { effectiveRegistry, parseImageReference, qualifyImage } from '../model/image-ref';
import { isScratch } from '../model/base-images';
import { DockerfileModel, Stage } from '../model/dockerfile-model';
import { parseKeyValues } from '../parser/arguments';
import { Rule, TextEdit } from '../rule';
import { argumentRange, report } from './helpers';

export const rule: Rule = {
  id: 'GD007',
  name: 'qualified-image',
  defaultSeverity: 'warning',
  summary: 'Name the registry of every FROM image (`docker.io/library/golang`, not `golang`).',
  fixable: true,
  docs: `
A short name such as \`golang\` means Docker Hub to Docker, but other tools (Podman, containerd with
short-name aliases, registry mirrors) may resolve it elsewhere — a supply-chain risk — and it hides
Docker Hub's pull-rate limits. Spelling out the registry makes the source explicit.

Fires on a FROM image without a registry host; \`ARG\` defaults are resolved first (\`FROM \${GO_IMAGE}\`
with \`ARG GO_IMAGE=golang:1.26\` fires on the ARG's default). Stage names and \`scratch\` are exempt;
images still holding an unresolved \`$VAR\` are not judged. With the \`trustedRegistries\` setting it also
fires on images from any other registry.

**Fix**: rewrites \`golang:1.26\` to \`docker.io/library/golang:1.26\` (in the FROM, or in the ARG default).

Default severity **warning**: ambiguity in where code comes from is a supply-chain concern.
`,
  check(context) {
    const trusted = context.settings.trustedRegistries.map((r) => r.toLowerCase());
    for (const stage of context.model.stages) {
      const image = stage.image;
      const word = stage.fromArgs.image;
      if (!image || !word || isScratch(image)) continue;
      const range = argumentRange(stage.from, word);
      if (!parseImageReference(image).registry) {
        context.report(report(range, `image "${image}" has no registry; write "${qualifyImage(image)}"`, qualifyEdit(context.model, stage, image)));
      } else if (trusted.length > 0 && !trusted.includes(effectiveRegistry(image).toLowerCase())) {
        context.report(report(range, `image "${image}" comes from registry "${effectiveRegistry(image)}", which is not in trustedRegistries (${trusted.join(', ')})`));
      }
    }
  },
};

const VARIABLE_ONLY = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/** The edit that qualifies the image where it is written: the FROM word itself, or the global ARG default it names. */
function qualifyEdit(model: DockerfileModel, stage: Stage, image: string): TextEdit[] | undefined {
  const word = stage.fromArgs.image;
  if (!word) return undefined;
  const raw = stage.from.args.slice(word.start, word.end);
  if (raw === image) {
    const range = argumentRange(stage.from, word);
    return range.end - range.start === raw.length ? [{ start: range.start, end: range.end, text: qualifyImage(image) }] : undefined;
  }
  const variable = VARIABLE_ONLY.exec(raw);
  if (!variable || (raw.startsWith('${') !== raw.endsWith('}'))) return undefined;
  for (const instruction of [...model.globalArgInstructions].reverse()) {
    const declaration = parseKeyValues(instruction).find((kv) => kv.key === variable[1]);
    if (!declaration) continue;
    if (declaration.value !== image) return undefined;
    const written = instruction.args.slice(declaration.word.start, declaration.word.end);
    if (written !== `${variable[1]}=${image}`) return undefined; // Quoted: leave it to the user.
    const start = instruction.sourceAt(declaration.word.start + variable[1].length + 1);
    const end = instruction.sourceAt(declaration.word.end - 1) + 1;
    return end - start === image.length ? [{ start, end, text: qualifyImage(image) }] : undefined;
  }
  return undefined;
}
