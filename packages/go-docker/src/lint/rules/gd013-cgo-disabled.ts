import { isStaticBase } from '../model/base-images';
import { DockerfileModel, lineage, rootImage, Stage, stageReferencedBy } from '../model/dockerfile-model';
import { GoInvocation, isCompile } from '../model/go-invocations';
import { parseCopy } from '../parser/arguments';
import { Rule, TextEdit } from '../rule';
import { invocationRange, report, segmentRange } from './helpers';

const STATIC_EXTLDFLAGS = /-extldflags[= ]*['"]?[^'"]*-static/;
/** Words that may stand before an inline `NAME=value` assignment without changing its meaning. */
const SAFE_BEFORE_ASSIGNMENT = new Set(['env', '/usr/bin/env', 'do', 'then', 'else', '{', '(', '!', 'time', 'if', 'while', 'until']);

export const rule: Rule = {
  id: 'GD013',
  name: 'cgo-disabled',
  defaultSeverity: 'error',
  summary: 'Build binaries for scratch/distroless-static with `CGO_ENABLED=0`.',
  fixable: true,
  docs: `
With cgo on (the default wherever a C compiler is present, e.g. the Debian-based \`golang\` images) the
binary links libc dynamically. On \`scratch\` or \`distroless/static\` there is no libc and the container
dies at start with the confusing \`exec /app: no such file or directory\`.

Fires on a \`go build\`/\`go install\` whose binary ends up in a static final base (the build stage is the
final stage's base or is copied from, directly or through other stages) and that does not run with
\`CGO_ENABLED=0\` (ENV, ARG default, inline, \`export\` or \`go env -w\`). An explicit \`CGO_ENABLED=1\` with
\`-extldflags -static\` is accepted (a static cgo binary). A build-time value is not judged.

**Fix**: prefixes the command with \`CGO_ENABLED=0\` when the variable is not set at all.

Default severity **error**: the image does not start.
`,
  check(context) {
    const final = context.model.finalStage;
    if (!final) return;
    const { image } = rootImage(final);
    if (!image || !isStaticBase(image)) return;
    for (const stage of contributingStages(context.model, final)) {
      for (const invocation of stage.goInvocations) {
        if (!isCompile(invocation)) continue;
        const env = invocation.env;
        if (env.has('CGO_ENABLED') && env.get('CGO_ENABLED') === undefined) continue;
        const cgo = env.get('CGO_ENABLED');
        if (cgo === '0') continue;
        if (cgo !== undefined && linksStatically(invocation)) continue;
        context.report(
          report(
            invocationRange(invocation),
            `\`go ${invocation.subcommand}\` runs with cgo ${cgo === undefined ? 'enabled by default' : `CGO_ENABLED=${cgo}`} but the binary ships on static base "${image}" (no libc); set CGO_ENABLED=0`,
            cgo === undefined ? disableCgo(invocation) : undefined,
          ),
        );
      }
    }
  },
};

function linksStatically(invocation: GoInvocation): boolean {
  return invocation.flags.some((f) => f.name === 'ldflags' && STATIC_EXTLDFLAGS.test(f.value ?? ''));
}

function disableCgo(invocation: GoInvocation): TextEdit[] | undefined {
  const { words, commandIndex, segment } = invocation.command;
  const before = words[commandIndex - 1];
  if (before && !SAFE_BEFORE_ASSIGNMENT.has(before.value) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(before.value)) return undefined;
  const range = segmentRange(segment, invocation.goWord);
  return range ? [{ start: range.start, end: range.start, text: 'CGO_ENABLED=0 ' }] : undefined;
}

/** Stages whose files can reach the final image: its lineage and everything copied or mounted from, transitively. */
export function contributingStages(model: DockerfileModel, final: Stage): Stage[] {
  const found: Stage[] = [];
  someContributingStage(model, final, (stage) => {
    found.push(stage);
    return false;
  });
  return found;
}

/** Whether `test` holds for a stage contributing to `final` (visited depth first, stopping at the first). */
export function someContributingStage(model: DockerfileModel, final: Stage, test: (stage: Stage) => boolean): boolean {
  const seen = new Set<Stage>();
  const visit = (stage: Stage): boolean => {
    for (const s of lineage(stage)) {
      if (seen.has(s)) continue;
      seen.add(s);
      if (test(s)) return true;
      for (const instruction of s.instructions) {
        if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
          const from = stageReferencedBy(model, parseCopy(instruction).from, s);
          if (from && visit(from)) return true;
        }
      }
      for (const run of s.runs) {
        for (const mount of run.mounts) {
          const from = stageReferencedBy(model, mount.from, s);
          if (from && visit(from)) return true;
        }
      }
    }
    return false;
  };
  return visit(final);
}
