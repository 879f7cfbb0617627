// The real-world corpus: public Go monorepos kept as tarballs in ../shared/realworld/ (beside the repo),
// unpacked at run time into a temporary directory. Their code never enters this repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// `shared/` sits beside the clone (CI); a git worktree one level deeper finds it one directory further up.
export const CORPUS_DIR = process.env.GO_DOCKER_REALWORLD ?? nearestCorpus(REPO_ROOT);

function nearestCorpus(from) {
  for (let dir = resolve(from, '..'); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared', 'realworld', 'index.tsv'))) return join(dir, 'shared', 'realworld');
    if (dirname(dir) === dir) return resolve(from, '..', 'shared', 'realworld');
  }
}
export const WORK_DIR = process.env.GO_DOCKER_CONFORMANCE_TMP ?? join(REPO_ROOT, 'tmp', 'conformance');
export const GOLDEN_DIR = join(REPO_ROOT, 'tools', 'conformance', 'golden');

/** Rows of index.tsv: { name, file, repository, commit, license, exercises }. */
export function corpusRepos() {
  const lines = readFileSync(join(CORPUS_DIR, 'index.tsv'), 'utf8').split('\n').filter(Boolean);
  const [header, ...rows] = lines;
  const columns = header.split('\t');
  return rows.map((line) => {
    const cells = Object.fromEntries(line.split('\t').map((cell, i) => [columns[i], cell]));
    return { name: cells.file.replace(/\.tar\.gz$/, ''), file: cells.file, repository: cells.repository, commit: cells.commit, exercises: cells['what it exercises'] };
  });
}

/** Repos picked by --repo (names, repeatable, comma lists) and --shard i/n. */
export function selectRepos(all, names, shard) {
  let picked = all;
  if (names && names.length > 0) {
    const unknown = names.filter((n) => !all.some((r) => r.name === n || r.repository === n));
    if (unknown.length > 0) throw new Error(`unknown repository ${unknown.join(', ')}; known: ${all.map((r) => r.name).join(', ')}`);
    picked = all.filter((r) => names.includes(r.name) || names.includes(r.repository));
  }
  if (shard) {
    const match = /^(\d+)\/(\d+)$/.exec(shard);
    if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new Error(`--shard wants i/n with 1 <= i <= n, got ${shard}`);
    const [i, n] = [Number(match[1]), Number(match[2])];
    picked = picked.filter((_, index) => index % n === i - 1);
  }
  return picked;
}

/** Unpacks a corpus repo into `parent` and returns the tree's root (the tarball's single top directory). */
export function unpack(repo, parent) {
  rmSync(join(parent, repo.name), { recursive: true, force: true });
  mkdirSync(parent, { recursive: true });
  const result = spawnSync('tar', ['-xzf', join(CORPUS_DIR, repo.file), '-C', parent], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar -xzf ${repo.file} failed: ${result.stderr}`);
  const root = join(parent, repo.name);
  if (!existsSync(root)) throw new Error(`${repo.file} has no top directory ${repo.name}/`);
  return root;
}

/** Directories Go never builds from and the corpus walk skips. */
export function skippedByGo(name) {
  return name.startsWith('_') || name.startsWith('.') || name === 'testdata' || name === 'vendor' || name === 'node_modules';
}

/** Folders a walk of an unpacked workspace skips by default: git, npm and Nx state, never the repository's code. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.nx']);

/** Workspace-relative paths (posix) of files below root for which match(relPath, name) holds. */
export function walkFiles(root, match, skipDir = (name) => SKIPPED_DIRS.has(name), prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!skipDir(entry.name, rel)) out.push(...walkFiles(root, match, skipDir, rel));
    } else if (match(rel, entry.name)) out.push(rel);
  }
  return out;
}
