import { parseKeyValues } from '../parser/arguments';
import { Rule } from '../rule';
import { argumentRange, report } from './helpers';

/** Both are case-insensitive (`i`), so an ASCII name needs no upper-cased copy; see looksSecret. */
const SECRET_NAME = /TOKEN|PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|_KEY$|^KEY$|_PASS$|_PWD$/i;
/** Names that merely point at or describe a secret, and well-known public values (GPG_KEY is a fingerprint). */
const NOT_SECRET = /(_FILE|_PATH|_DIR|_URL|_ID|_NAME|_ENABLED|_VERSION|_KEYRING|_SERVER|_HOST|_TYPE|_SIZE|_LENGTH)$|PUBLIC|^GPG_KEYS?$/i;
const NON_ASCII = /[^\x00-\x7f]/;

/** Whether the name looks like a secret's. Upper-casing a non-ASCII name can make ASCII letters (`ſ` → `S`). */
function looksSecret(key: string): boolean {
  const name = NON_ASCII.test(key) ? key.toUpperCase() : key;
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

export const rule: Rule = {
  id: 'GD015',
  name: 'no-secrets-in-arg-env',
  defaultSeverity: 'error',
  summary: 'Pass secrets with `RUN --mount=type=secret`, never as ARG or ENV.',
  fixable: false,
  docs: `
ENV values are stored in the image config; ARG values used by a RUN are recorded in the image history
and in build provenance. Anyone who can pull the image (or its cache) can read them.

Fires on an \`ARG\` or \`ENV\` whose name looks like a secret (TOKEN, PASSWORD, SECRET, CREDENTIAL,
API_KEY, PRIVATE_KEY, \`…_KEY\`, \`…_PASS\`), unless it names a file, path, URL or id (\`…_FILE\`, \`…_PATH\`, …).

\`\`\`Dockerfile
RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download
\`\`\`

Default severity **error**: a leaked credential cannot be un-leaked.
`,
  check(context) {
    for (const instruction of context.parsed.instructions) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const { key, word } of parseKeyValues(instruction)) {
        if (!looksSecret(key)) continue;
        context.report(report(argumentRange(instruction, word), `${instruction.keyword} ${key} looks like a secret; it would be kept in the image history — use \`RUN --mount=type=secret,id=…\` instead`));
      }
    }
  },
};
