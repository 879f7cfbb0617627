import { GoFlag, goFlags, GoInvocation } from '../model/go-invocations';
import { expand } from '../model/variables';
import { Rule, TextEdit } from '../rule';
import { insertAfter, invocationRange, isContiguous, report, segmentRange } from './helpers';

export const rule: Rule = {
  id: 'GD008',
  name: 'strip-debug-symbols',
  defaultSeverity: 'info',
  summary: 'Build with `-ldflags="-s -w"` to leave the symbol table and DWARF out of the image.',
  fixable: true,
  docs: `
\`-s\` omits the symbol table and \`-w\` the DWARF debug info: typically 25–30% smaller binaries (and
images). Panics still print full stack traces; only debuggers lose symbols.

Fires on \`go build\` whose \`-ldflags\` (after expanding ENV/ARG and shell variables of the same RUN)
lacks \`-s\` or \`-w\`. When the flags depend on a build-time value nothing is said. Debug builds
(\`-gcflags="all=-N -l"\`, for delve) are exempt: there the symbols are the point.

**Fix**: adds \`-ldflags="-s -w"\`, or prepends the missing flags to an existing literal \`-ldflags\`.

Default severity **info**: size only; some teams keep symbols on purpose.
`,
  check(context) {
    for (const stage of context.model.stages) {
      for (const invocation of stage.goInvocations) {
        if (invocation.subcommand !== 'build') continue;
        const flags = goFlags(invocation.args);
        // `-gcflags="all=-N -l"` is a build for a debugger: keeping symbols is the point.
        if (flags.some((f) => f.name === 'gcflags' && /(^|[\s=])-N(\s|$)/.test(f.value ?? ''))) continue;
        const ldflags = flags.filter((f) => f.name === 'ldflags').pop();
        if (!ldflags) {
          context.report(report(invocationRange(invocation), '`go build` without `-ldflags="-s -w"` keeps symbol tables and debug info in the image', insertAfter(invocation.command.segment, invocation.subcommandWord, ' -ldflags="-s -w"')));
          continue;
        }
        const value = expand(ldflags.value ?? '', invocation.env);
        if (value === undefined) continue;
        const present = new Set(value.split(/\s+/).map((f) => f.replace(/^['"]|['"]$/g, '').replace(/^--/, '-')));
        const missing = ['-s', '-w'].filter((f) => !present.has(f) && !present.has(`${f}=true`));
        if (missing.length === 0) continue;
        context.report(report(invocationRange(invocation), `\`go build -ldflags\` lacks ${missing.join(' and ')}; add them to strip symbols and debug info`, prependFlags(invocation, ldflags, missing)));
      }
    }
  },
};

/** Rewrites the ldflags value with the missing flags in front, re-quoted; only for literal values on one line. */
function prependFlags(invocation: GoInvocation, flag: GoFlag, missing: string[]): TextEdit[] | undefined {
  const segment = invocation.command.segment;
  const word = flag.valueWord ?? flag.flagWord;
  const range = segmentRange(segment, word);
  if (!range || !isContiguous(segment, word) || word.expands) return undefined;
  const combined = `${missing.join(' ')} ${flag.value ?? ''}`.trim();
  const quoted = `"${combined.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
  // `-ldflags=…` keeps the user's spelling of the flag name; `-ldflags …` only has its value word replaced.
  const prefix = flag.valueWord ? '' : `${segment.text.slice(word.start, word.end).split('=')[0]}=`;
  return [{ ...range, text: prefix + quoted }];
}
