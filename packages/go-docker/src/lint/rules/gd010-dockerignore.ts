import { IgnorePattern, isExcluded, parseIgnorePatterns } from '../dockerignore';
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

Judged against the real build context (the \`context\` option of the project's build target for the
\`docker-lint\` target, \`--context DIR\` on the command line; default the Dockerfile's directory): the
applicable ignore file is \`<Dockerfile>.dockerignore\` beside the Dockerfile, else \`.dockerignore\` at the
context root (BuildKit's order), matched with BuildKit's own semantics. Fires when \`.git\` or \`.env\` is in
the context and no ignore file excludes it (an allow-list that starts with \`*\` counts); a context that
has neither needs no ignore file. Also fires when the ignore file has a pattern BuildKit rejects. Not judged when the context is unknown (e.g. stdin).

Default severity **warning**: a leak waiting to happen rather than a broken build.
`,
  check(context) {
    const ignoreFile = context.ignoreFile;
    if (ignoreFile === undefined) return;
    const at = { start: 0, end: 0 };
    // Only what is really in the context can leak (all of it when we cannot look).
    const present = MUST_EXCLUDE.filter((m) => context.contextHas?.(m.name) ?? true);
    if (present.length === 0) return;
    if (ignoreFile === null) {
      const names = present.map((m) => m.name).join(' and ');
      context.report(report(at, `the build context has ${names} and no ignore file (<Dockerfile>.dockerignore beside the Dockerfile or .dockerignore at the context root); add one that excludes ${names}`));
      return;
    }
    let patterns: IgnorePattern[];
    try {
      patterns = parseIgnorePatterns(ignoreFile.content);
    } catch (error) {
      context.report(report(at, `${ignoreFile.path} is not a valid ignore file, BuildKit rejects it: ${(error as Error).message}`));
      return;
    }
    const leaking = present.filter((m) => {
      try {
        return !isExcluded(patterns, m.probe);
      } catch (error) {
        context.report(report(at, `${ignoreFile.path} has a pattern BuildKit rejects: ${(error as Error).message}`));
        return false;
      }
    }).map((m) => m.name);
    if (leaking.length > 0) context.report(report(at, `${ignoreFile.path} does not exclude ${leaking.join(' and ')}; add them (or start an allow-list with "*")`));
  },
};
