import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/local-registry';
import { commitAll, registryChildEnv, findFiles, run, workspaceWithLayout } from './support/nx-workspace';

const GOLDEN_DIR = join(REPO_ROOT, 'packages', 'go-docker', 'src', 'generators', 'setup', '__fixtures__', 'golden');
const env = registryChildEnv;
const nx = (cwd: string, ...args: string[]) => run('npx', ['nx', ...args], cwd, env());

// The same cases as the generator's golden files: a real install must write exactly what the unit tests pin.
const CASES: Array<[layout: string, args: string[]]> = [
  ['go-work', ['--port=8080']],
  ['root-module', []],
  ['replace', ['--port=8080']],
];

describe.each(CASES)('nx add go-docker + nx g go-docker:setup in a real Nx workspace (%s layout)', (layout, args) => {
  let ws: string;

  beforeAll(() => {
    ws = workspaceWithLayout(`setup-${layout}`, layout, env());
  });

  it('nx add installs the plugin from the registry and registers it', () => {
    const output = nx(ws, 'add', 'go-docker');
    expect(output).toContain('Package go-docker added successfully');
    expect(JSON.parse(readFileSync(join(ws, 'package.json'), 'utf8')).devDependencies['go-docker']).toBeDefined();
    expect(JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8')).plugins).toContainEqual({ plugin: 'go-docker', options: {} });
    commitAll(ws, 'nx add go-docker', env());
    // init is idempotent: running it again leaves nx.json as it is.
    nx(ws, 'g', 'go-docker:init');
    expect(run('git', ['status', '--porcelain'], ws, env())).toBe('');
  });

  it('--dry-run lists the files and writes nothing', () => {
    const output = nx(ws, 'g', 'go-docker:setup', '--dry-run', ...args);
    expect(output).toMatch(/CREATE .*\/Dockerfile\n/);
    expect(output).toContain('Dockerfile.dockerignore');
    expect(findFiles(ws, (name) => name.startsWith('Dockerfile'))).toEqual([]);
  });

  it('writes exactly the golden Dockerfiles and ignore files', () => {
    nx(ws, 'g', 'go-docker:setup', ...args);
    const written = findFiles(ws, (name) => name === 'Dockerfile' || name === 'Dockerfile.dockerignore').sort();
    const golden = findFiles(join(GOLDEN_DIR, layout), () => true).sort();
    expect(written).toEqual(golden);
    for (const path of written) expect(readFileSync(join(ws, path), 'utf8')).toBe(readFileSync(join(GOLDEN_DIR, layout, path), 'utf8'));
  });

  it('the installed CLI (npx go-docker lint) finds nothing in the generated Dockerfiles', () => {
    const dockerfiles = findFiles(ws, (name) => name === 'Dockerfile');
    const output = run('npx', ['go-docker', 'lint', '--threshold', 'info', ...dockerfiles], ws, env());
    expect(output).not.toMatch(/GD0\d\d/);
  });

  it('every file a Dockerfile mounts exists in its build context and passes its ignore file', () => {
    for (const dockerfilePath of findFiles(ws, (name) => name === 'Dockerfile')) {
      const dockerfile = readFileSync(join(ws, dockerfilePath), 'utf8');
      const context = /-f \S+ (\S+)\n/.exec(dockerfile)?.[1] as string;
      const allowed = readFileSync(join(ws, `${dockerfilePath}.dockerignore`), 'utf8');
      for (const [, source] of dockerfile.matchAll(/--mount=type=bind,source=(\S+),target=/g)) {
        expect(existsSync(join(ws, context, source))).toBe(true);
        expect(allowed).toContain(`\n!${source}\n`);
      }
    }
  });

  it('a second run changes nothing, and an edited Dockerfile is kept', () => {
    commitAll(ws, 'setup', env());
    nx(ws, 'g', 'go-docker:setup', ...args);
    expect(run('git', ['status', '--porcelain'], ws, env())).toBe('');

    const [dockerfilePath] = findFiles(ws, (name) => name === 'Dockerfile');
    const edited = `${readFileSync(join(ws, dockerfilePath), 'utf8')}LABEL owner=payments\n`;
    writeFileSync(join(ws, dockerfilePath), edited);
    const output = nx(ws, 'g', 'go-docker:setup', ...args);
    expect(output).toContain(`${dockerfilePath} kept: edited since setup wrote it; --force replaces it and saves yours as ${dockerfilePath}~.`);
    expect(readFileSync(join(ws, dockerfilePath), 'utf8')).toBe(edited);
  });
});
