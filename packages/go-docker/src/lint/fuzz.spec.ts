/**
 * Property tests: random and mutated Dockerfiles never make the linter (or the fixer) throw anything but a
 * clean "not a Dockerfile" error, and never take long.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Finding, lintText, UnparseableDockerfileError } from './engine';
import { fixText } from './fixer';
import { lintFiles } from './run-lint';
import { corpusFiles } from './test-utils/corpus';

// Generous: the machine running the tests may be heavily loaded; a super-linear input still blows far past it.
const MAX_MS_PER_FILE = 2000;

/** Lints and fixes; returns false on anything other than findings or an UnparseableDockerfileError. */
function survives(text: string): boolean {
  const started = Date.now();
  const lint = (t: string): Finding[] => lintText(t, { file: 'fuzz/Dockerfile', ignoreFile: null });
  try {
    lint(text);
    const fixed = fixText(text, lint);
    lint(fixed.output); // A fixed file must still be a Dockerfile.
  } catch (error) {
    if (!(error instanceof UnparseableDockerfileError)) throw error;
  }
  const elapsed = Date.now() - started;
  if (elapsed > MAX_MS_PER_FILE) throw new Error(`took ${elapsed} ms`);
  return true;
}

const FRAGMENTS = [
  'FROM ', 'RUN ', 'COPY ', 'ADD ', 'ARG ', 'ENV ', 'USER ', 'WORKDIR ', 'ONBUILD ', 'go build ', 'go install ', 'go mod download',
  '--platform=$BUILDPLATFORM ', '--mount=type=cache,target=/go/pkg/mod ', '--mount=type=bind,target=. ', '--from=build ',
  'golang:1.26', 'scratch', ' AS build', '${GO_IMAGE}', '$TARGETARCH', '${A:-b}', '${', '$(', '`', '"', "'", '\\', '\\\n',
  '\n', '\r\n', '\t', ' ', '#', '# go-docker ignore=GD007\n', '# escape=`\n', '<<EOF', '<<-EOF', 'EOF\n', '&&', '||', ';', '|',
  '-ldflags="-s -w"', '-trimpath', 'CGO_ENABLED=0 ', 'GOOS=linux ', '=', '[', ']', '["go","build"]', '{', '}', 'é', '\u0000',
];

describe('fuzz', () => {
  it('survives random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes).toString('utf8')), survives), { numRuns: 1500 });
  });

  it('lint runs over files of random bytes report each one cleanly and never fail as a whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'go-docker-fuzz-'));
    try {
      const files = fc.sample(fc.uint8Array({ maxLength: 4000 }), { numRuns: 200, seed: 7 });
      files.forEach((bytes, k) => writeFileSync(join(dir, `f${k}.Dockerfile`), Buffer.concat([Buffer.from(k % 2 ? 'FROM scratch\n' : ''), Buffer.from(bytes)])));
      const result = lintFiles({ paths: [dir], cwd: dir });
      expect(result.files).toHaveLength(files.length);
      const unexpected = result.problems.filter((p) => !/: not a valid Dockerfile: /.test(p.message));
      expect(unexpected).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('survives random Dockerfile-like text', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 80 }).map((parts) => parts.join(''));
    const prefixed = text.map((t) => `FROM golang:1.26 AS build\n${t}`);
    fc.assert(fc.property(fc.oneof(text, prefixed), survives), { numRuns: 1500 });
  });

  it('survives mutated corpus files', () => {
    const corpus = corpusFiles().map((file) => readFileSync(file, 'utf8'));
    const mutation = fc.record({
      file: fc.nat({ max: corpus.length - 1 }),
      kind: fc.constantFrom('delete', 'duplicate', 'insert', 'truncate', 'swap-lines'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.nat({ max: 200 }),
      fragment: fc.constantFrom(...FRAGMENTS),
    });
    const mutate = ({ file, kind, at, length, fragment }: { file: number; kind: string; at: number; length: number; fragment: string }) => {
      const text = corpus[file];
      const i = Math.floor(at * text.length);
      switch (kind) {
        case 'delete':
          return text.slice(0, i) + text.slice(i + length);
        case 'duplicate':
          return text.slice(0, i + length) + text.slice(i, i + length) + text.slice(i + length);
        case 'insert':
          return text.slice(0, i) + fragment + text.slice(i);
        case 'truncate':
          return text.slice(0, i);
        default: {
          const lines = text.split('\n');
          const a = Math.floor(at * lines.length);
          const b = (a + length) % lines.length;
          [lines[a], lines[b]] = [lines[b], lines[a]];
          return lines.join('\n');
        }
      }
    };
    fc.assert(fc.property(mutation.map(mutate), survives), { numRuns: 1500 });
  });
});
