/**
 * The ignore-file matcher (utils/dockerignore-patterns) against moby/patternmatcher itself: thousands of
 * generated ignore files × paths, plus hand-picked ones, must get the same answers (0 disagreements).
 */
import { compilePatterns, isExcluded, readIgnoreLines } from '../utils/dockerignore-patterns';
import { askOracle, IgnoreAnswer } from './test-utils/buildkit-oracle';
import { Random } from './test-utils/random';

const PIECES = [
  'a', 'b', 'ab', 'go', '/', '/', '*', '*', '**', '?', '[', ']', '!', '^', '-', '\\', '.', '..', ' ', '#', '\t', 'é', 'dist', '.git', '.env',
  '[!a]', '[^a]', '[a-c]', '[c-a]', '[[:alpha:]]', '[[:digit:]]', '[[:nope:]]', '[[:^space:]]', '[]a]', '[a-]', '[-a]', '[\\]]', '[*]', '[?]',
  '\\d', '\\w', '\\s', '\\D', '\\x41', '\\x{61}', '\\101', '\\1', '\\Q.*\\E', '\\pL', '\\p{Greek}', '\\p{Nope}', '\\A', '\\z', '\\b', '\\C', '\\*', '\\[',
  '{', '}', '$', '+', '(', ')', '|', '//', '/.', './', '**/', '/**', '**b/*', '{2}', '{1,2}', '{,2}', '{0}', '{01}', '{2,1}', '{1,}', 'a|b', '*|', '\\x4',
  '\u00a0', '\u2000', '\r', '\\.', '\\/', '[a-z]{2}', '[[:upper:]]', 'α', '\ufeff', '[\\d]', '[^\\s]', '[\\pL]', '[a-\\d]', '\\p', '\\P{L}', '**/*.go',
];
const PREFIXES = ['', '', '', '!', '! ', ' ', '/', '#', ' #', '\t!', './', '../'];
const PATHS = [
  'a', 'b', 'ab', 'ba', 'a/b', 'a/b/c', 'b/a', 'a/a/b', 'x/y/a', 'go', 'go/a', 'a.go', 'b.go', 'a/b.go', '.git', '.git/config', '.env', 'a/.env',
  'dist', 'dist/a', 'dist/.x', '!', '!a', '^', '-', '[', ']', 'a-b', 'A', '1', '_', 'é', 'α', 'Ω', 'a b', '#a', 'a\\b', '*', '**', '?', 'ab/b',
  'a.b', '.', 'aa/b/b', 'abab', 'c', 'x', '{a}', '$', 'a+', '(a)', '|',
];

function ours(content: string): IgnoreAnswer {
  let patterns;
  let lines: string[];
  try {
    lines = readIgnoreLines(content);
    patterns = compilePatterns(lines);
  } catch {
    return { error: 'error' };
  }
  return {
    patterns: lines,
    results: PATHS.map((path) => {
      try {
        return isExcluded(patterns, path);
      } catch {
        return 'error' as const;
      }
    }),
  };
}

const normalize = (a: IgnoreAnswer): IgnoreAnswer => (a.error ? { error: 'error' } : { patterns: a.patterns ?? [], results: a.results });

function generated(count: number): string[] {
  const random = new Random(20260101);
  return Array.from({ length: count }, () => {
    const lines = 1 + random.int(3);
    return Array.from({ length: lines }, () => random.pick(PREFIXES) + random.join(PIECES, 1, 5)).join(random.pick(['\n', '\n', '\r\n']));
  });
}

const HAND_PICKED = [
  '*\n!go.mod\n!apps/api/*.go\n**/*_test.go',
  '.git\n**/.env\nnode_modules',
  '*.md\n!README.md',
  'dist/*/bin?',
  '\ufeff.git\n# comment\n  # indented\n!',
  '!\n',
  'a\n!a/b\n',
  '**',
  '**/',
  '/',
  'a/**',
  '**/a',
  '[',
  'a*[',
  '*[',
  `${'a'.repeat(70000)}\n`,
];

describe('ignore files: ours vs moby/patternmatcher', () => {
  it('agrees on every generated and hand-picked case', () => {
    const cases = [...HAND_PICKED, ...generated(10_000)];
    const answers = askOracle<IgnoreAnswer>(cases.map((content) => ({ kind: 'ignore', content, paths: PATHS })));
    const disagreements: string[] = [];
    cases.forEach((content, k) => {
      const expected = normalize(answers[k]);
      const actual = ours(content);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const paths = PATHS.filter((_, p) => expected.results?.[p] !== actual.results?.[p]);
        const summary = (a: IgnoreAnswer) => (a.error ? 'error' : paths.map((p) => `${p}=${a.results?.[PATHS.indexOf(p)]}`).join(' '));
        disagreements.push(`${JSON.stringify(content.slice(0, 120))} → ${JSON.stringify(expected.patterns)}: go ${summary(expected)}; ours ${JSON.stringify(actual.patterns)} ${summary(actual)}`);
      }
    });
    expect(disagreements.slice(0, 20)).toEqual([]);
    // Not vacuous: BuildKit rejects some of the files, and both answers occur among the others.
    const flat = answers.flatMap((a) => (a.error ? ['rejected'] : (a.results ?? []).map(String)));
    expect(new Set(flat)).toEqual(new Set(['rejected', 'true', 'false', 'error']));
    expect(cases.length * PATHS.length).toBeGreaterThan(100_000);
  });
});
