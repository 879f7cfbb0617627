import { findingsOf } from '../test-utils/lint-snippet';
import { IgnoreFile } from '../rule';

const lint = (ignoreFile: IgnoreFile | null | undefined) => findingsOf('GD010', 'FROM scratch\n', { ignoreFile });
const ignore = (content: string): IgnoreFile => ({ path: 'Dockerfile.dockerignore', content });

describe('GD010 dockerignore', () => {
  it('fires when there is no ignore file', () => {
    const findings = lint(null);
    expect(findings).toHaveLength(1);
    expect([findings[0].line, findings[0].column]).toEqual([1, 1]);
  });

  it('says nothing when the context is unknown', () => {
    expect(lint(undefined)).toEqual([]);
  });

  it.each(['.git\n.env\n', '*\n!go.mod\n!**/*.go\n', '# c\n/.git/\n.env*\n', '**/.git\n**/.env\n', '.*\n'])('accepts %j', (content) => {
    expect(lint(ignore(content))).toEqual([]);
  });

  it.each([
    ['node_modules\n', '.git and .env'],
    ['.git\n', '.env'],
    ['*\n!.env\n', '.env'],
    ['.git\n.env\n!.git\n', '.git'],
  ])('fires on %j', (content, missing) => {
    const [finding] = lint(ignore(content));
    expect(finding.message).toContain(`does not exclude ${missing}`);
  });

  it('judges only what the real context holds: nothing to exclude, no finding', () => {
    const inContext = (content: IgnoreFile | null, context: string[]) => findingsOf('GD010', 'FROM scratch\n', { ignoreFile: content, context });
    expect(inContext(null, ['go.mod', 'main.go'])).toEqual([]);
    expect(inContext(ignore('node_modules\n'), ['go.mod'])).toEqual([]);
    expect(inContext(null, ['.env'])[0].message).toMatch(/the build context has \.env and no ignore file/);
    expect(inContext(ignore('.env\n'), ['.git', '.env'])[0].message).toContain('does not exclude .git');
  });

  it('reports an ignore file BuildKit rejects', () => {
    expect(lint(ignore('!\n'))[0].message).toMatch(/is not a valid ignore file, BuildKit rejects it: illegal exclusion pattern/);
  });
});
