// The oracle: what the real `go` command says about a tree. For every module (and go.work workspace)
// it runs `go list -e -deps -json ./...` for linux/amd64 with CGO_ENABLED=0 (the generated build's
// default) and keeps, per local package directory: its name, its files, its direct local imports
// (build and test), its embeds and — for `package main` — the local packages it builds from (Deps).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix as posixPath, relative, sep } from 'node:path';
import { skippedByGo, walkFiles } from './corpus.mjs';

const FIELDS = 'ImportPath,Name,Dir,Module,Imports,TestImports,XTestImports,Deps,EmbedFiles,GoFiles,CgoFiles,Error,DepOnly,Standard';

export const ORACLE_ENV = { GOOS: 'linux', GOARCH: 'amd64', GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false' };

/** Module roots (go.mod) and workspaces (go.work) Go would consider, skipping vendor/, testdata, _x and .x dirs. */
export function goModules(root) {
  const files = walkFiles(root, (_rel, name) => name === 'go.mod' || name === 'go.work', (name) => skippedByGo(name));
  const dirOf = (rel) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.');
  return { modules: files.filter((f) => f.endsWith('go.mod')).map(dirOf).sort(), workspaces: files.filter((f) => f.endsWith('go.work')).map(dirOf).sort() };
}

function posix(path) {
  return path.split(sep).join('/');
}

function run(args, cwd, extraEnv) {
  const result = spawnSync('go', args, { cwd, env: { ...process.env, ...ORACLE_ENV, ...extraEnv }, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** `go list -json` prints one object after another; top-level objects start with "{" at column 0. */
export function parseJsonStream(text) {
  const trimmed = text.trim();
  if (!trimmed) return [];
  return JSON.parse(`[${trimmed.replace(/\n}\n{/g, '\n},\n{')}]`);
}

/** Which workspace (go.work dir) uses a module dir, if any. */
function workspaceUses(root, workspaces) {
  const uses = new Map();
  for (const ws of workspaces) {
    const result = run(['work', 'edit', '-json'], join(root, ws), {});
    if (result.status !== 0) continue;
    for (const use of JSON.parse(result.stdout).Use ?? []) uses.set(posix(join(ws, use.DiskPath)).replace(/\/$/, '') || '.', ws);
  }
  return uses;
}

/**
 * The oracle for a whole tree:
 *   { goVersion, modules: [{ dir, workspace, errors }], packages: { dir: { importPath, name, module, goFiles,
 *     imports, testImports, embeds, deps?, error? } } }
 * All paths are relative to root, posix. Only local packages (inside root; vendor/ ones marked vendored) are kept;
 * `imports`/`testImports`/`deps` are local package dirs.
 */
function listTree(root, cgoEnv) {
  const { modules, workspaces } = goModules(root);
  const uses = workspaceUses(root, workspaces);
  const packages = {};
  const moduleResults = [];
  const byImportPath = new Map();
  const pending = [];
  // Local = inside the tree; vendored packages (a module's vendor/) are local too but marked.
  const isLocal = (dir) => {
    const rel = posix(relative(root, dir));
    return dir && !rel.startsWith('..') ? rel || '.' : undefined;
  };
  for (const moduleDir of modules) {
    const workspace = uses.get(moduleDir);
    const inUnusedWorkspace = !workspace && workspaces.some((ws) => ws === '.' || moduleDir === ws || moduleDir.startsWith(`${ws}/`));
    const env = { ...cgoEnv, ...(inUnusedWorkspace ? { GOWORK: 'off' } : {}) };
    const result = run(['list', '-e', '-deps', `-json=${FIELDS}`, './...'], join(root, moduleDir), env);
    const listed = result.status === 0 || result.stdout ? parseJsonStream(result.stdout) : [];
    moduleResults.push({ dir: moduleDir, workspace: workspace ?? null, goworkOff: inUnusedWorkspace, exit: result.status, stderr: result.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('go: downloading')).slice(0, 20).join('\n') });
    const localByPath = new Map();
    for (const p of listed) {
      const dir = p.Standard ? undefined : isLocal(p.Dir ?? '');
      if (dir) {
        localByPath.set(p.ImportPath, dir);
        byImportPath.set(p.ImportPath, dir);
      }
    }
    for (const p of listed) {
      const dir = p.Standard ? undefined : isLocal(p.Dir ?? '');
      if (!dir) continue;
      const known = packages[dir];
      const entry = known ?? {
        importPath: p.ImportPath,
        name: p.Name ?? '',
        module: p.Module?.Dir ? isLocal(p.Module.Dir) ?? null : null,
        goFiles: [...(p.GoFiles ?? []), ...(p.CgoFiles ?? [])].sort(),
        embeds: [...(p.EmbedFiles ?? [])].sort(),
        ...(dir.split('/').includes('vendor') ? { vendored: true } : {}),
      };
      if (p.Error && !entry.error) entry.error = p.Error.Err.split('\n')[0];
      entry.imports = uniq([...(entry.imports ?? []), ...(p.Imports ?? []).map((i) => localByPath.get(i)).filter(Boolean)]);
      if (!p.DepOnly) {
        pending.push({ entry, tests: [...(p.TestImports ?? []), ...(p.XTestImports ?? [])] });
        if (entry.name === 'main') entry.deps = uniq([...(entry.deps ?? []), ...(p.Deps ?? []).map((i) => localByPath.get(i)).filter(Boolean)]);
        entry.listedBy = uniq([...(entry.listedBy ?? []), moduleDir]);
      }
      packages[dir] = entry;
    }
  }
  // Test imports may name local packages of other modules that no build of this module reaches.
  for (const { entry, tests } of pending) entry.testImports = uniq([...(entry.testImports ?? []), ...tests.map((i) => byImportPath.get(i)).filter(Boolean)]);
  const goVersion = run(['env', 'GOVERSION'], root, {}).stdout.trim();
  const sorted = Object.fromEntries(Object.keys(packages).sort().map((k) => [k, packages[k]]));
  return { goVersion, env: { ...ORACLE_ENV, CGO_ENABLED: '0 (and 1 for cgo-only mains)' }, modules: moduleResults, workspaces, packages: sorted };
}

/**
 * go list with CGO_ENABLED=0 (the generated build's default), plus the mains that only exist with cgo
 * (every file `//go:build cgo`): Go builds those where cgo is on, and so must an image. Such a main is
 * marked cgoOnly and carries its closure's files as go list gives them with CGO_ENABLED=1.
 */
export function goListTree(root) {
  const plain = listTree(root, { CGO_ENABLED: '0' });
  const withCgo = listTree(root, { CGO_ENABLED: '1' });
  const isMain = (p) => p && p.name === 'main' && p.listedBy && !p.vendored;
  for (const [dir, p] of Object.entries(withCgo.packages)) {
    if (!isMain(p) || isMain(plain.packages[dir])) continue;
    const closure = [dir, ...(p.deps ?? [])];
    const closureFiles = closure.flatMap((d) => {
      const q = withCgo.packages[d];
      return [...q.goFiles, ...q.embeds].map((f) => (d === '.' ? f : `${d}/${f}`));
    });
    plain.packages[dir] = { ...p, cgoOnly: true, closureFiles: closureFiles.sort() };
    for (const d of p.deps ?? []) plain.packages[d] ??= { ...withCgo.packages[d], listedBy: undefined };
  }
  plain.packages = Object.fromEntries(Object.keys(plain.packages).sort().map((k) => [k, plain.packages[k]]));
  return plain;
}

function uniq(list) {
  return [...new Set(list)].sort();
}

/** Package dirs Go reports as `package main` in a module's own ./... listing. */
export function mainsOf(oracle) {
  return Object.entries(oracle.packages).filter(([, p]) => p.name === 'main' && p.listedBy && !p.vendored).map(([dir]) => dir).sort();
}

/** Local packages outside vendor/ (those Nx projects own). */
export function ownPackages(oracle) {
  return Object.entries(oracle.packages).filter(([, p]) => !p.vendored);
}

export function readGolden(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/**
 * The host's own `go build` of one main package, in the oracle's environment (linux/amd64, cgo as the
 * oracle lists the main): { ok, error? }. When an image build fails, this says whether Go fails the same way.
 */
export function hostGoBuild(root, oracle, dir) {
  const pkg = oracle.packages[dir];
  const moduleDir = pkg?.module ?? '.';
  const goworkOff = oracle.modules.find((m) => m.dir === moduleDir)?.goworkOff;
  const target = moduleDir === dir ? '.' : `./${posixPath.relative(moduleDir === '.' ? '' : moduleDir, dir)}`;
  const result = run(['build', '-o', '/dev/null', target], join(root, moduleDir), { CGO_ENABLED: pkg?.cgoOnly ? '1' : '0', ...(goworkOff ? { GOWORK: 'off' } : {}) });
  if (result.status === 0) return { ok: true };
  const errors = result.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('go: downloading') && !l.startsWith('#'));
  return { ok: false, error: errors.slice(0, 2).join(' | ').slice(0, 300) };
}
