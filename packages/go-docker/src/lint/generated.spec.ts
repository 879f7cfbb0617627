/**
 * Every Dockerfile shape the setup generator produces must lint clean, at every severity: the reference shapes
 * copied here, and (once merged) the generator's own golden files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintFiles } from './run-lint';

const fixtures = join(__dirname, '__fixtures__', 'generated');
const generatorGoldens = join(__dirname, '..', 'generators', 'setup', '__fixtures__', 'golden');

/**
 * Findings a golden may have on purpose. The debug variant keeps symbols for a debugger, so GD008 (info) fires;
 * the generator should emit `# go-docker ignore=GD008 # debug build keeps symbols` above that RUN, then this goes.
 */
const EXPECTED_IN_GOLDENS: Record<string, string[]> = { 'go-work-debug-custom-image/apps/api/Dockerfile': ['GD008'] };

function findDockerfiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findDockerfiles(path);
    return name === 'Dockerfile' || name.endsWith('.Dockerfile') ? [path] : [];
  });
}

function findingsOf(file: string): string[] {
  const result = lintFiles({ paths: [file], cwd: join(file, '..'), overrides: { threshold: 'info' } });
  return [...result.problems.map((p) => p.message), ...result.findings.map((f) => `${f.rule} ${f.line}: ${f.message}`)];
}

describe('generated Dockerfiles', () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.Dockerfile'));

  it('has the reference shapes', () => {
    expect(files.sort()).toEqual(['cgo.Dockerfile', 'module.Dockerfile', 'prebuilt.Dockerfile', 'scratch.Dockerfile', 'workspace.Dockerfile']);
  });

  it.each(files)('%s lints clean', (file) => {
    expect(findingsOf(join(fixtures, file))).toEqual([]);
    expect(readFileSync(join(fixtures, file), 'utf8')).toContain('USER 1001:1001');
  });

  const goldens = existsSync(generatorGoldens) ? findDockerfiles(generatorGoldens) : [];
  (goldens.length > 0 ? it.each(goldens.map((g) => relative(generatorGoldens, g))) : it.skip.each([['(generator goldens not merged yet)']]))(
    'generator golden %s lints clean',
    (file) => {
      const expected = EXPECTED_IN_GOLDENS[file] ?? [];
      const unexpected = findingsOf(join(generatorGoldens, file)).filter((f) => !expected.includes(f.split(' ')[0]));
      expect(unexpected).toEqual([]);
    },
  );
});
