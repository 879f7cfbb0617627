// A local npm registry (verdaccio) serving the go-docker package built from this repo and proxying
// everything else from the public registry. Storage is kept between runs, so tarballs download once.
// It never touches ~/.npmrc: child processes get an npm userconfig file of their own.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../../tools/lib/free-port';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const REGISTRY_DIR = join(REPO_ROOT, 'tmp', 'local-registry');
const UPSTREAM = process.env.GO_DOCKER_UPSTREAM_REGISTRY ?? 'https://registry.npmjs.org/';

export interface LocalRegistry {
  url: string;
  /** Variables that point npm (and so nx add, create-nx-workspace) at this registry. */
  env: Record<string, string>;
  process: ChildProcess;
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`verdaccio did not answer on ${url} within 60 s:\n${log()}`);
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const storage = join(REGISTRY_DIR, 'storage');
  mkdirSync(storage, { recursive: true });
  const config = join(REGISTRY_DIR, `config-${port}.yaml`);
  writeFileSync(
    config,
    [
      `storage: ${storage}`,
      'uplinks:',
      `  npmjs: { url: '${UPSTREAM}', timeout: 120s, maxage: 60m }`,
      'packages:',
      "  'go-docker': { access: $all, publish: $all, unpublish: $all }",
      "  '**': { access: $all, publish: $all, unpublish: $all, proxy: npmjs }",
      'log: { type: stdout, format: pretty, level: warn }',
      'max_body_size: 200mb',
      '',
    ].join('\n'),
  );
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'verdaccio'), ['--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitUntilUp(url, child, () => log);
  // verdaccio lets anyone publish here, but npm insists on a token for the registry.
  const userconfig = join(REGISTRY_DIR, `npmrc-${port}`);
  writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=go-docker-local\nfund=false\naudit=false\nupdate-notifier=false\n`);
  return { url, env: { npm_config_userconfig: userconfig, npm_config_registry: url }, process: child };
}

/** Publishes the built packages/go-docker, replacing an earlier publish of the same version. */
export function publishPlugin(registry: Pick<LocalRegistry, 'url' | 'env'>): string {
  const packageDir = join(REPO_ROOT, 'packages', 'go-docker');
  const { name, version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
  const env = { ...process.env, ...registry.env };
  try {
    execFileSync('npm', ['unpublish', `${name}@${version}`, '--force', '--registry', registry.url], { env, stdio: 'ignore' });
  } catch {
    // nothing published yet
  }
  // npm prints the whole file list on stderr; show it only when publishing fails.
  const result = spawnSync('npm', ['publish', '--registry', registry.url, '--ignore-scripts'], { cwd: packageDir, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm publish failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return version;
}
