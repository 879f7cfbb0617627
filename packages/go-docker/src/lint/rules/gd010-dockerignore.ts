import { isExcluded, parseIgnorePatterns } from '../dockerignore';
import { Rule } from '../rule';
import { report } from './helpers';

/** What must never reach the build context. */
const MUST_EXCLUDE = [
  { name: '.git', probe: '.git/config' },
  { name: '.env', probe: '.env' },
];

export const rule: Rule = {
  id: 'GD010',
  name: 'dockerignore',
  defaultSeverity: 'warning',
  summary: 'Keep `.git` and `.env` out of the build context with an ignore file.',
  fixable: false,
  docs: `
Everything in the build context is sent to the builder and can end up in a layer via \`COPY . .\`:
\`.git\` makes builds slow and busts caches on every commit; \`.env\` usually holds secrets.

Judged against the build context (\`--context DIR\`, default the Dockerfile's directory): the applicable
ignore file is \`<Dockerfile>.dockerignore\` beside the Dockerfile, else \`.dockerignore\` at the context
root (BuildKit's order). Fires when there is none, or when it does not exclude both \`.git\` and \`.env\`
(an allow-list that starts with \`*\` counts). Not judged when the context is unknown (e.g. stdin).

Default severity **warning**: a leak waiting to happen rather than a broken build.
`,
  check(context) {
    const ignoreFile = context.ignoreFile;
    if (ignoreFile === undefined) return;
    const at = { start: 0, end: 0 };
    if (ignoreFile === null) {
      context.report(report(at, 'the build context has no ignore file (<Dockerfile>.dockerignore beside the Dockerfile or .dockerignore at the context root); add one that excludes .git and .env'));
      return;
    }
    const patterns = parseIgnorePatterns(ignoreFile.content);
    const leaking = MUST_EXCLUDE.filter((m) => !isExcluded(patterns, m.probe)).map((m) => m.name);
    if (leaking.length > 0) context.report(report(at, `${ignoreFile.path} does not exclude ${leaking.join(' and ')}; add them (or start an allow-list with "*")`));
  },
};
