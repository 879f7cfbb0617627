/**
 * Every Dockerfile the setup generator produces lints clean, at every severity: all of its golden files
 * (each layout, runtime, strategy and option), so a template change that breaks a rule fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintFiles } from './run-lint';

const generatorGoldens = join(__dirname, '..', 'generators', 'setup', '__fixtures__', 'golden');

function findDockerfiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findDockerfiles(path);
    return name === 'Dockerfile' ? [path] : [];
  });
}

function findingsOf(file: string): string[] {
  const result = lintFiles({ paths: [file], cwd: join(file, '..'), overrides: { threshold: 'info' } });
  return [...result.problems.map((p) => p.message), ...result.findings.map((f) => `${f.rule} ${f.line}: ${f.message}`)];
}

describe('generated Dockerfiles', () => {
  const goldens = findDockerfiles(generatorGoldens).map((g) => relative(generatorGoldens, g));

  it('covers every golden case (in-docker and prebuilt, distroless, scratch and cgo)', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(14);
    const texts = goldens.map((g) => readFileSync(join(generatorGoldens, g), 'utf8'));
    expect(texts.some((t) => t.includes('FROM scratch') || t.includes('ARG RUNTIME_IMAGE=scratch'))).toBe(true);
    expect(texts.some((t) => t.includes('CGO_ENABLED=1'))).toBe(true);
    expect(texts.some((t) => t.includes('COPY dist/'))).toBe(true);
  });

  it.each(goldens)('%s lints clean', (file) => {
    expect(findingsOf(join(generatorGoldens, file))).toEqual([]);
    expect(readFileSync(join(generatorGoldens, file), 'utf8')).toContain('USER 1001:1001');
  });
});
