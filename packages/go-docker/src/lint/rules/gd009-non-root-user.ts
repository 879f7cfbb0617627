import { lineage, variablesAt } from '../model/dockerfile-model';
import { expand } from '../model/variables';
import { Instruction } from '../parser/instructions';
import { splitWords } from '../parser/shell-words';
import { Rule } from '../rule';
import { instructionRange, report } from './helpers';

export const rule: Rule = {
  id: 'GD009',
  name: 'non-root-user',
  defaultSeverity: 'error',
  summary: 'End the final stage with a numeric, non-root, non-1000 `USER uid:gid`.',
  fixable: false,
  docs: `
A container running as root turns any remote-code bug into root inside the container, one kernel bug away
from the host. Kubernetes \`runAsNonRoot\` can only verify a **numeric** user; a name like \`nonroot\` is
rejected at admission. UID 1000 is the first regular user on most hosts and in many base images, so it
collides with real accounts on bind mounts and shared volumes; pick e.g. \`1001:1001\` or \`65532:65532\`.

Fires when the final stage (including the stages it is built \`FROM\`) sets no USER, or the last USER is
\`root\`/\`0\`, uid \`1000\`, or not numeric. A user from a build-time value is not judged. A base image's
own default user (e.g. distroless \`:nonroot\`) is not visible in the Dockerfile, so write it out.

Default severity **error**: security baseline; many clusters refuse such images.
`,
  check(context) {
    const final = context.model.finalStage;
    if (!final) return;
    let last: { instruction: Instruction; user?: string } | undefined;
    for (const stage of lineage(final).reverse()) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'USER') continue;
        const written = splitWords(instruction.args)[0]?.value ?? '';
        last = { instruction, user: expand(written, variablesAt(stage, instruction)) };
      }
    }
    if (!last) {
      context.report(report(instructionRange(final.from), 'the final stage sets no USER, so the container runs as root; add `USER 1001:1001` (numeric, not 1000)'));
      return;
    }
    if (last.user === undefined) return;
    const [user, group] = last.user.split(':');
    const range = instructionRange(last.instruction);
    if (user === 'root' || user === '0') context.report(report(range, `USER ${last.user} runs the container as root; use a numeric non-root user such as 1001:1001`));
    else if (!/^\d+$/.test(user)) context.report(report(range, `USER "${last.user}" is not numeric, so runAsNonRoot cannot verify it; use a numeric uid:gid such as 1001:1001`));
    else if (user === '1000') context.report(report(range, 'USER 1000 collides with the first regular user of most hosts and images; use another uid such as 1001 or 65532'));
    else if (group !== undefined && (group === '0' || group === 'root')) context.report(report(range, `USER ${last.user} uses the root group; use a non-root gid`));
  },
};
