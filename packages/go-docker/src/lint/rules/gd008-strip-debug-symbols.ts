import { GoFlag, GoInvocation } from '../model/go-invocations';
import { expand, Variables } from '../model/variables';
import { Rule, TextEdit } from '../rule';
import { insertAfter, invocationRange, isContiguous, report, segmentRange } from './helpers';

const DEBUG_GCFLAGS = /(^|[\s=])-N(\s|$)/;

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
lacks \`-s\` or \`-w\`. When a build-time value could add flags (\`-ldflags "$LDFLAGS"\`) nothing is said;
a variable inside a flag's value (\`-X main.version=$VERSION\`) does not stop the check. Debug builds
(\`-gcflags="all=-N -l"\`, for delve) are exempt: there the symbols are the point.

**Fix**: adds \`-ldflags="-s -w"\`, or inserts the missing flags at the start of an existing \`-ldflags\`
value (right after its opening quote, so variables in it are kept; an unquoted literal is re-quoted).

Default severity **info**: size only; some teams keep symbols on purpose.
`,
  check(context) {
    for (const stage of context.model.stages) {
      for (const invocation of stage.goInvocations) {
        if (invocation.subcommand !== 'build') continue;
        const flags = invocation.flags;
        // `-gcflags="all=-N -l"` is a build for a debugger: keeping symbols is the point.
        if (flags.some((f) => f.name === 'gcflags' && DEBUG_GCFLAGS.test(f.value ?? ''))) continue;
        const ldflags = flags.filter((f) => f.name === 'ldflags').pop();
        if (!ldflags) {
          context.report(report(invocationRange(invocation), '`go build` without `-ldflags="-s -w"` keeps symbol tables and debug info in the image', insertAfter(invocation.command.segment, invocation.subcommandWord, ' -ldflags="-s -w"')));
          continue;
        }
        const value = decidableLdflags(ldflags.value ?? '', invocation.env);
        if (value === undefined) continue;
        const present = new Set(value.split(/\s+/).map((f) => f.replace(/^['"]|['"]$/g, '').replace(/^--/, '-')));
        const missing = ['-s', '-w'].filter((f) => !present.has(f) && !present.has(`${f}=true`));
        if (missing.length === 0) continue;
        context.report(report(invocationRange(invocation), `\`go build -ldflags\` lacks ${missing.join(' and ')}; add them to strip symbols and debug info`, prependFlags(invocation, ldflags, missing)));
      }
    }
  },
};

/**
 * The ldflags to judge, or undefined when a build-time value could still add flags. Only a variable standing
 * as a whole flag (`$LDFLAGS`) can do that; one inside a flag's value (`-X main.version=$VERSION`) cannot.
 */
function decidableLdflags(raw: string, env: Variables): string | undefined {
  const expanded = expand(raw, env);
  if (expanded !== undefined) return expanded;
  const parts = raw.split(/\s+/).filter(Boolean);
  return parts.some((p) => p.startsWith('$') || p.startsWith('"$') || p.startsWith("'$")) ? undefined : parts.filter((p) => !p.includes('$')).join(' ');
}

/**
 * Adds the missing flags to an existing -ldflags value: inserted right after its opening quote when quoted
 * (keeps the user's text, variables included), else the literal value is re-quoted. Only for words on one line.
 */
function prependFlags(invocation: GoInvocation, flag: GoFlag, missing: string[]): TextEdit[] | undefined {
  const segment = invocation.command.segment;
  const word = flag.valueWord ?? flag.flagWord;
  const range = segmentRange(segment, word);
  if (!range || !isContiguous(segment, word)) return undefined;
  const raw = segment.text.slice(word.start, word.end);
  const valueAt = flag.valueWord ? 0 : raw.indexOf('=') + 1;
  if (raw[valueAt] === '"' || raw[valueAt] === "'") {
    const at = range.start + valueAt + 1;
    return [{ start: at, end: at, text: `${missing.join(' ')} ` }];
  }
  if (word.expands) return undefined;
  const combined = `${missing.join(' ')} ${flag.value ?? ''}`.trim();
  const quoted = `"${combined.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
  return [{ start: range.start + valueAt, end: range.end, text: quoted }];
}
