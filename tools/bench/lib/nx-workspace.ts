// A real Nx workspace for the benchmarks that go through `nx run` as a user types it: nx and @nx/* from this
// repository's node_modules (linked, not installed), go-docker as packages/go-docker built by bench.sh.
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './measure';

export const REPO = join(__dirname, '..', '..', '..');

/** node_modules of `root`: a link to every package of this repository's, and go-docker itself. */
export function linkNodeModules(root: string): void {
  const nodeModules = join(root, 'node_modules');
  mkdirSync(nodeModules, { recursive: true });
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (name !== 'go-docker' && name !== '.bin' && !name.startsWith('.')) symlinkSync(join(REPO, 'node_modules', name), join(nodeModules, name));
  }
  symlinkSync(join(REPO, 'packages', 'go-docker'), join(nodeModules, 'go-docker'));
}

/** package.json, nx.json (with or without the go-docker plugin), .gitignore and node_modules in `root`. */
export function makeNxWorkspace(root: string, options: { plugin: boolean; nxJson?: Record<string, unknown> }): void {
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench-workspace', private: true }, null, 2));
  writeFileSync(join(root, 'nx.json'), JSON.stringify({ ...(options.plugin ? { plugins: ['go-docker'] } : {}), ...options.nxJson }, null, 2));
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.nx\ndist\n');
  linkNodeModules(root);
}

/** The workspace as a git repository with one commit (the build dates its image at that commit's time). */
export function commitWorkspace(root: string): void {
  const git = (...args: string[]) => run(['git', '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], { cwd: root });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench workspace');
}

/** The Nx binary of this repository, run in `root` (it finds root's nx.json). */
export const NX = join(REPO, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
