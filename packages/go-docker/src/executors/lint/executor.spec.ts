import type { ExecutorContext } from '@nx/devkit';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintInputFiles } from '../../lint/inputs';
import lintExecutor from './executor';

const CLEAN = readFileSync(join(__dirname, '..', '..', 'generators', 'setup', '__fixtures__', 'golden', 'go-work', 'apps', 'api', 'Dockerfile'), 'utf8');

const created: string[] = [];
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'go-docker-executor-'));
  created.push(root);
  writeFileSync(join(root, 'nx.json'), JSON.stringify({ plugins: [{ plugin: 'go-docker', options: { lint: { threshold: 'info' } } }] }));
  mkdirSync(join(root, 'apps', 'api'), { recursive: true });
  writeFileSync(join(root, 'apps', 'api', 'Dockerfile'), CLEAN);
  writeFileSync(join(root, '.dockerignore'), '.git\n.env\n');
  return root;
}

const contextFor = (root: string) => ({ root, projectName: 'api', cwd: root, isVerbose: false }) as unknown as ExecutorContext;

describe('go-docker:lint executor', () => {
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    stdout.mockRestore();
    stderr.mockRestore();
  });

  it('succeeds on a clean Dockerfile judged against the workspace-root context', async () => {
    const root = workspace();
    await expect(lintExecutor({ dockerfile: 'apps/api/Dockerfile', context: '.' }, contextFor(root))).resolves.toEqual({ success: true });
  });

  it('fails without an ignore file in a project context holding a .env, and writes the report file', async () => {
    const root = workspace();
    writeFileSync(join(root, 'apps', 'api', '.env'), 'TOKEN=x\n');
    const result = await lintExecutor({ dockerfile: 'apps/api/Dockerfile', format: 'json', outputFile: 'dist/lint/api.json' }, contextFor(root));
    expect(result.success).toBe(false);
    const findings = JSON.parse(readFileSync(join(root, 'dist', 'lint', 'api.json'), 'utf8'));
    expect(findings.map((f: { rule: string }) => f.rule)).toEqual(['GD010']);
  });

  it('fails cleanly on bad options and unparseable files', async () => {
    const root = workspace();
    await expect(lintExecutor({ dockerfile: 'apps/api/Dockerfile', ignore: ['GD404'] }, contextFor(root))).resolves.toEqual({ success: false });
    writeFileSync(join(root, 'apps', 'api', 'Dockerfile'), 'hello\n');
    await expect(lintExecutor({ dockerfile: 'apps/api/Dockerfile', context: '.' }, contextFor(root))).resolves.toEqual({ success: false });
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('apps/api/Dockerfile:1: not a valid Dockerfile'));
  });

  it('lists the input files of a docker-lint target', () => {
    expect(lintInputFiles({ workspaceRoot: '/ws', dockerfile: 'apps/api/Dockerfile', context: '.' })).toEqual([
      'apps/api/Dockerfile',
      'apps/api/Dockerfile.dockerignore',
      '.dockerignore',
      'go-docker.lint.json',
      'nx.json',
    ]);
    expect(lintInputFiles({ workspaceRoot: '/ws', dockerfile: '/ws/apps/api/Dockerfile' })).toContain('apps/api/.dockerignore');
  });
});
