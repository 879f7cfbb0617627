/** Every Dockerfile shape the setup generator produces must lint clean, at every severity. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles } from './run-lint';

const fixtures = join(__dirname, '__fixtures__', 'generated');

describe('generated Dockerfiles', () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.Dockerfile'));

  it('has the reference shapes', () => {
    expect(files.sort()).toEqual(['cgo.Dockerfile', 'module.Dockerfile', 'prebuilt.Dockerfile', 'scratch.Dockerfile', 'workspace.Dockerfile']);
  });

  it.each(files)('%s lints clean', (file) => {
    const result = lintFiles({ paths: [join(fixtures, file)], cwd: fixtures, overrides: { threshold: 'info' } });
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => `${f.rule} ${f.line}: ${f.message}`)).toEqual([]);
    expect(readFileSync(join(fixtures, file), 'utf8')).toContain('USER 1001:1001');
  });
});
