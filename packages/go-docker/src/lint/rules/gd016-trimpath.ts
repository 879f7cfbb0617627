import { Rule } from '../rule';
import { insertAfter, invocationRange, report } from './helpers';

const TRIMPATH_IN_GOFLAGS = /(^|\s)-trimpath(=true)?(\s|$)/;

export const rule: Rule = {
  id: 'GD016',
  name: 'trimpath',
  defaultSeverity: 'info',
  summary: 'Build with `-trimpath`.',
  fixable: true,
  docs: `
Without \`-trimpath\` the binary embeds absolute build paths (\`/src/…\`, \`/go/pkg/mod/…\`): builds in
different directories differ byte-for-byte, and file-system layout leaks into stack traces.

Fires on \`go build\` without \`-trimpath\` (in its flags or in \`GOFLAGS\`).

**Fix**: adds \`-trimpath\` after \`go build\`.

Default severity **info**: reproducibility hygiene, no functional impact.
`,
  check(context) {
    for (const stage of context.model.stages) {
      for (const invocation of stage.goInvocations) {
        if (invocation.subcommand !== 'build') continue;
        const trimpath = invocation.flags.find((f) => f.name === 'trimpath');
        if (trimpath && trimpath.value !== 'false') continue;
        if (TRIMPATH_IN_GOFLAGS.test(invocation.env.get('GOFLAGS') ?? '')) continue;
        context.report(report(invocationRange(invocation), '`go build` without `-trimpath` embeds build paths in the binary', insertAfter(invocation.command.segment, invocation.subcommandWord, ' -trimpath')));
      }
    }
  },
};
