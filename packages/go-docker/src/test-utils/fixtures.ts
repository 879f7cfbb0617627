import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';

export const LAYOUTS_DIR = join(__dirname, '..', '__fixtures__', 'layouts');
export const LAYOUTS = ['go-work', 'root-module', 'replace'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Every file of a fixture directory, workspace-relative. */
export function fixtureFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = prefix ? `${prefix}/${name}` : name;
    return statSync(join(dir, path)).isDirectory() ? fixtureFiles(dir, path) : [path];
  });
}

/** Copies a layout fixture into a devkit tree. */
export function writeLayout(tree: Tree, layout: Layout): void {
  const dir = join(LAYOUTS_DIR, layout);
  for (const path of fixtureFiles(dir)) tree.write(path, readFileSync(join(dir, path)));
}

/** Runs the real Go toolchain, so fixtures are proven to be valid Go. */
export function go(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('go', args, { cwd, env: { ...process.env, GOFLAGS: '', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
