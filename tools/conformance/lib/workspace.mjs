// Real Nx workspaces around an unpacked tree: Nx 23.2.1 from the npm registry, installed once into a
// template, and the packed go-docker plugin installed into a copy of it (one per tarball); each
// repository's workspace then hard-links that node_modules.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { REPO_ROOT, WORK_DIR } from './corpus.mjs';

export const NX_VERSION = '23.2.1';

/** Environment for child workspaces: no daemon, cloud, TUI or colours, and none of the outer run's NX_ / npm_ settings. */
export function childEnv() {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(NX_|npm_)/i.test(key)));
  return { ...inherited, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };
}

/** Runs argv (no shell); returns { ok, status, output, seconds }. */
export function exec(command, args, cwd, { env = childEnv(), timeoutMs = 20 * 60_000 } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, timeout: timeoutMs });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  return { ok: result.status === 0, status: result.status ?? result.signal, stdout: result.stdout ?? '', output, seconds: (Date.now() - started) / 1000 };
}

function mustExec(command, args, cwd, options) {
  const result = exec(command, args, cwd, options);
  if (!result.ok) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${result.output.slice(-4000)}`);
  return result;
}

/**
 * The plugin as a tarball: a .tgz is used as it is; a package directory (packages/go-docker of any
 * checkout) is built with its workspace's `nx run go-docker:build` and packed with `npm pack`.
 */
export function pluginTarball(plugin, { build = true } = {}) {
  const path = resolve(plugin);
  if (path.endsWith('.tgz')) return path;
  const workspace = resolve(path, '..', '..');
  if (build) mustExec('npx', ['nx', 'run', 'go-docker:build', '--output-style=stream'], workspace, { env: { ...childEnv(), NX_DAEMON: 'false' } });
  const out = join(WORK_DIR, 'packs', createHash('sha1').update(path).digest('hex').slice(0, 8));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const packed = mustExec('npm', ['pack', '--pack-destination', out, '--silent'], path).stdout.trim().split('\n').pop();
  return join(out, basename(packed));
}

/**
 * A committed state of the plugin (a branch or commit of this repository): `git archive` into a private
 * directory that borrows this checkout's node_modules, built and packed there — nobody's worktree is touched.
 */
export function pluginTarballFromRef(ref) {
  const sha = mustExec('git', ['rev-parse', '--verify', `${ref}^{commit}`], REPO_ROOT).stdout.trim();
  const dir = join(WORK_DIR, 'plugins', sha.slice(0, 12));
  if (!existsSync(join(dir, 'packages', 'go-docker', 'package.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync('git', ['archive', '--format=tar', sha], { cwd: REPO_ROOT, maxBuffer: 1 << 30 });
    if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr}`);
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`unpacking ${ref} failed: ${untar.stderr}`);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  return pluginTarball(join(dir, 'packages', 'go-docker'));
}

function fileHash(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
}

/** node_modules with nx, @nx/devkit and @nx/js at NX_VERSION (installed once). */
function baseTemplate() {
  const dir = join(WORK_DIR, `template-nx-${NX_VERSION}`);
  if (existsSync(join(dir, 'node_modules', 'nx', 'package.json'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'conformance-template', private: true }, null, 2)}\n`);
  mustExec('npm', ['install', '--no-audit', '--no-fund', '--save-exact', '-D', `nx@${NX_VERSION}`, `@nx/devkit@${NX_VERSION}`, `@nx/js@${NX_VERSION}`], dir);
  return dir;
}

/** The base template plus the packed plugin, one per tarball content. */
export function pluginTemplate(tarball) {
  const dir = join(WORK_DIR, `template-plugin-${fileHash(tarball)}`);
  if (existsSync(join(dir, 'node_modules', 'go-docker', 'package.json'))) return dir;
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(baseTemplate(), staging, { recursive: true, verbatimSymlinks: true });
  mustExec('npm', ['install', '--no-audit', '--no-fund', '-D', tarball], staging);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return dir;
}

/**
 * Makes `root` (an unpacked tree) an Nx workspace: package.json (the tree's own, if any, plus Nx and
 * go-docker as devDependencies), nx.json, node_modules hard-linked from the plugin template, and a git
 * repository with everything committed.
 */
export function makeWorkspace(root, template) {
  const templatePackage = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
  const ownPath = join(root, 'package.json');
  const own = existsSync(ownPath) ? JSON.parse(readFileSync(ownPath, 'utf8')) : { name: basename(root).replace(/[^a-z0-9-]/gi, '-').toLowerCase(), private: true };
  own.devDependencies = { ...(own.devDependencies ?? {}), ...templatePackage.devDependencies };
  writeFileSync(ownPath, `${JSON.stringify(own, null, 2)}\n`);
  if (!existsSync(join(root, 'nx.json'))) writeFileSync(join(root, 'nx.json'), `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2)}\n`);
  rmSync(join(root, 'node_modules'), { recursive: true, force: true });
  mustExec('cp', ['-al', join(template, 'node_modules'), join(root, 'node_modules')], root);
  const gitignore = join(root, '.gitignore');
  const ignored = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  writeFileSync(gitignore, `${ignored}${ignored.endsWith('\n') || !ignored ? '' : '\n'}/node_modules\n/.nx\n/.conformance\n`);
  mustExec('git', ['init', '-q', '-b', 'main'], root);
  commitAll(root, 'unpacked');
}

export function commitAll(root, message) {
  mustExec('git', ['add', '-A'], root);
  mustExec('git', ['-c', 'user.name=conformance', '-c', 'user.email=conformance@localhost', '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '--no-verify', '-m', message], root);
}

/** `nx <args>` inside a workspace, with the workspace's own Nx. */
export function nx(root, args, options) {
  return exec(process.execPath, [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args], root, options);
}

export function listDir(dir) {
  return existsSync(dir) ? readdirSync(dir) : [];
}
