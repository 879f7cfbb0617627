import { DockerfileModel, lineage, Stage, stageReferencedBy } from '../model/dockerfile-model';
import { compilesLocalCode, GoInvocation } from '../model/go-invocations';
import { RunCommand } from '../model/shell-commands';
import { parseCopy } from '../parser/arguments';
import { Instruction } from '../parser/instructions';
import { isExcluded, parseIgnorePatterns } from '../dockerignore';
import { Rule, RuleContext } from '../rule';
import { instructionRange, isModuleFile, report } from './helpers';

const MOD_IN_GOFLAGS = /(?:^|\s)-mod=(\w+)/;

export const rule: Rule = {
  id: 'GD001',
  name: 'go-mod-download-first',
  defaultSeverity: 'warning',
  summary: 'Download modules in their own step, with only go.mod/go.sum available, before sources enter the stage.',
  fixable: false,
  docs: `
Docker caches a step until its inputs change. When \`go mod download\` runs with only \`go.mod\`/\`go.sum\`
(and \`go.work\`) available, editing a \`.go\` file does not invalidate it, so dependencies are not
downloaded again on every source change.

Fires on a stage that runs \`go build\` or \`go install\` of local packages (not \`go install tool@v1\`) when no earlier step of the stage (or a stage it is
built \`FROM\`, or copies the module cache from) runs \`go mod download\` before sources enter: before any
\`COPY\`/\`ADD\` of more than module files, and with bind mounts of module files only.
Builds from \`vendor/\` are exempt: \`-mod=vendor\` (flag or GOFLAGS), or a build context with
\`vendor/modules.txt\` that the ignore file lets in (the go command then uses vendor/ by default) unless the
build says \`-mod=mod\`/\`-mod=readonly\`.

\`\`\`Dockerfile
# fires
COPY . .
RUN go mod download && go build ./cmd/api
# fine
RUN --mount=type=bind,source=go.mod,target=go.mod --mount=type=bind,source=go.sum,target=go.sum go mod download
RUN --mount=type=bind,target=. go build ./cmd/api
\`\`\`

Default severity **warning**: the image is correct either way; the cost is slow rebuilds.
`,
  check(context) {
    for (const stage of context.model.stages) {
      const compile = stage.goInvocations.find(compilesLocalCode);
      if (!compile || usesVendor(compile, context)) continue;
      if (downloadsModulesFirst(context.model, stage, compile.run.instruction)) continue;
      context.report(
        report(
          instructionRange(compile.run.instruction),
          `\`go ${compile.subcommand}\` runs without an earlier \`go mod download\` step that sees only go.mod/go.sum; source edits will re-download every module`,
        ),
      );
    }
  },
};

function usesVendor(invocation: GoInvocation, context: RuleContext): boolean {
  const mod = invocation.flags.find((f) => f.name === 'mod')?.value ?? MOD_IN_GOFLAGS.exec(invocation.env.get('GOFLAGS') ?? '')?.[1];
  if (mod !== undefined) return mod === 'vendor';
  return context.contextHas?.('vendor/modules.txt') === true && !ignoresVendor(context);
}

/** True when the ignore file keeps vendor/ out of the context (or cannot be read the way BuildKit reads it). */
function ignoresVendor(context: RuleContext): boolean {
  if (!context.ignoreFile) return false;
  try {
    return isExcluded(parseIgnorePatterns(context.ignoreFile.content), 'vendor/modules.txt');
  } catch {
    return true;
  }
}

/** True when the COPY/ADD brings anything besides module files from the build context. */
export function bringsSources(instruction: Instruction): boolean {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  const copy = parseCopy(instruction);
  if (copy.from !== undefined || copy.inline) return false;
  return copy.sources.some((source) => !isModuleFile(source));
}

/** True when a RUN's context bind mounts expose more than module files. */
export function mountsSources(run: RunCommand): boolean {
  return run.mounts.some((m) => m.type === 'bind' && m.from === undefined && !isModuleFile(m.source ?? '.'));
}

function isEarlyDownload(run: RunCommand, stage: Stage): boolean {
  return !mountsSources(run) && stage.goInvocations.some((g) => g.run === run && g.subcommand === 'mod download');
}

function downloadsModulesFirst(model: DockerfileModel, stage: Stage, until: Instruction | undefined, depth = 0): boolean {
  let sourcesEntered = false;
  for (const s of lineage(stage).reverse()) {
    for (const instruction of s.instructions) {
      if (instruction === until) return false;
      if (bringsSources(instruction)) sourcesEntered = true;
      if (instruction.keyword === 'COPY' && depth < 5) {
        const from = stageReferencedBy(model, parseCopy(instruction).from, s);
        if (from && downloadsModulesFirst(model, from, undefined, depth + 1)) return true;
      }
      const run = s.runs.find((r) => r.instruction === instruction);
      if (run && !sourcesEntered && isEarlyDownload(run, s)) return true;
    }
  }
  return false;
}
