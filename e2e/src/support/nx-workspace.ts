// Real Nx workspaces, created by create-nx-workspace through the local registry once, then copied per
// test so each starts from the same clean state.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { REPO_ROOT } from './local-registry';

export const NX_VERSION = '23.2.1';
export const E2E_DIR = join(REPO_ROOT, 'tmp', 'e2e');
export const LAYOUTS_DIR = join(REPO_ROOT, 'packages', 'go-docker', 'src', '__fixtures__', 'layouts');

/** Environment for child processes: the local registry, and Nx without daemon, cloud, TUI or prompts. */
export function childEnv(registryEnv: Record<string, string>): NodeJS.ProcessEnv {
  // The outer `nx run-many` / `npm test` pass their own NX_* and npm_* settings down (NX_SKIP_NX_CACHE,
  // the task's hash and project, npm's lifecycle config): a workspace under test must not inherit them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(NX_|npm_)/i.test(key)));
  return { ...inherited, ...registryEnv, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };
}

/** childEnv for a test worker: the local registry that the global setup started and put in process.env. */
export function registryChildEnv(): NodeJS.ProcessEnv {
  return childEnv({ npm_config_userconfig: process.env.npm_config_userconfig ?? '', npm_config_registry: process.env.npm_config_registry ?? '' });
}

/** Runs a command (argv, no shell) and returns stdout then stderr; on failure the error carries both. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status ?? result.signal}):\n${output}`);
  return output;
}

/** An empty Nx workspace from create-nx-workspace (made once; reused while it exists). */
export function templateWorkspace(env: NodeJS.ProcessEnv): string {
  const name = `template-nx-${NX_VERSION}`;
  const dir = join(E2E_DIR, name);
  if (existsSync(join(dir, 'node_modules', 'nx', 'package.json'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(E2E_DIR, { recursive: true });
  run(
    'npx',
    ['--yes', `create-nx-workspace@${NX_VERSION}`, name, '--preset=apps', '--packageManager=npm', '--nxCloud=skip', '--analytics=false', '--skipGit', '--interactive=false'],
    E2E_DIR,
    env,
  );
  return dir;
}

/** A fresh copy of the template workspace with a Go fixture (a layout name, or a directory) in it, as a git repository. */
export function workspaceWithLayout(name: string, layout: string, env: NodeJS.ProcessEnv): string {
  const dir = join(E2E_DIR, 'runs', name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(templateWorkspace(env), dir, { recursive: true, verbatimSymlinks: true });
  cpSync(isAbsolute(layout) ? layout : join(LAYOUTS_DIR, layout), dir, { recursive: true });
  run('git', ['init', '-q', '-b', 'main'], dir, env);
  commitAll(dir, 'fixture', env);
  return dir;
}

export function commitAll(dir: string, message: string, env: NodeJS.ProcessEnv): void {
  run('git', ['add', '-A'], dir, env);
  run('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', 'commit', '-q', '--allow-empty', '-m', message], dir, env);
}

/** Workspace-relative paths of every file below dir whose name matches. */
export function findFiles(dir: string, match: (name: string) => boolean, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    if (name === 'node_modules' || name === '.git' || name === '.nx') return [];
    const path = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) return findFiles(dir, match, path);
    return match(name) ? [path] : [];
  });
}
