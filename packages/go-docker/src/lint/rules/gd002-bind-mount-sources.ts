import { lineage } from '../model/dockerfile-model';
import { compilesLocalCode } from '../model/go-invocations';
import { Instruction } from '../parser/instructions';
import { Rule } from '../rule';
import { bringsSources } from './gd001-go-mod-download-first';
import { instructionRange, report } from './helpers';

export const rule: Rule = {
  id: 'GD002',
  name: 'bind-mount-sources',
  defaultSeverity: 'info',
  summary: 'Bring Go sources into a build step with `RUN --mount=type=bind` instead of COPY/ADD.',
  fixable: false,
  docs: `
\`COPY . .\` in a build stage writes every source file into a layer that is thrown away anyway, and any
file in the context (even an unrelated README) invalidates it. \`RUN --mount=type=bind,target=.\` exposes
the sources to the build step only, without a layer.

Fires on a \`COPY\`/\`ADD\` from the build context of anything besides go.mod/go.sum/go.work in a stage that
runs \`go build\` or \`go install\` of local packages (or a stage it is built \`FROM\`). \`COPY --from=…\` and heredocs are fine.

\`\`\`Dockerfile
# fires
COPY . .
RUN go build -o /out/api ./cmd/api
# fine
RUN --mount=type=bind,target=. go build -o /out/api ./cmd/api
\`\`\`

Default severity **info**: \`COPY\` is correct and widely used; bind mounts are an optimisation.
`,
  check(context) {
    const reported = new Set<Instruction>();
    for (const stage of context.model.stages) {
      if (!stage.goInvocations.some(compilesLocalCode)) continue;
      for (const s of lineage(stage)) {
        for (const instruction of s.instructions) {
          if (reported.has(instruction) || !bringsSources(instruction)) continue;
          reported.add(instruction);
          context.report(
            report(instructionRange(instruction), `${instruction.keyword} brings sources into a Go build stage; use \`RUN --mount=type=bind,target=. go build …\` instead`),
          );
        }
      }
    }
  },
};
