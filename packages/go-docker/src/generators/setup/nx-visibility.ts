/**
 * Nx leaves out of its file map whatever .gitignore matches, tracked files included: a change there
 * neither selects `nx affected` nor changes a task's hash, so an image built from such a folder is
 * replayed from the cache after its code changed. (A real case: `signature` in a .gitignore hides the Go
 * package pkg/oci/internal/signature.) When a Go build reads such files, setup re-includes them for Nx
 * with anchored negations in the workspace's .nxignore, which Nx reads with precedence over .gitignore.
 */
import { spawnSync } from 'node:child_process';
import { logger, type Tree } from '@nx/devkit';
import type { GoApplication } from '../../go/applications';
import { joinPath } from '../../go/file-system';

const NXIGNORE = '.nxignore';
const HEADER = '# Folders and files .gitignore hides from Nx that a Go build reads (go-docker setup): Nx sees them again.';

/** The paths (files, and folders written with a trailing `/`) git's ignore rules match; none outside a git checkout. */
function ignoredByGit(root: string, paths: string[]): Set<string> {
  if (paths.length === 0) return new Set();
  // --no-index: match tracked files too, as Nx does.
  const result = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], { cwd: root, input: `${paths.join('\n')}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  if (result.status !== 0) return new Set(); // 1: nothing ignored; 128: not a git checkout (or no git)
  return new Set(result.stdout.split('\n').filter(Boolean));
}

/** Each folder from the workspace root down to `dir` (`a/`, `a/b/`, …). */
function folderChain(dir: string): string[] {
  if (dir === '.' || dir === '') return [];
  const parts = dir.split('/');
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

/** The negations that make Nx see every Go source file the apps' builds read. */
export function nxReincludes(root: string, apps: GoApplication[]): string[] {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const app of apps) {
    for (const pkg of app.localPackages) {
      folderChain(pkg.dir).forEach((f) => folders.add(f));
      for (const source of pkg.sources) files.add(joinPath(pkg.dir, source.name));
    }
  }
  const firstPass = ignoredByGit(root, [...folders, ...files]);
  if (firstPass.size === 0) return [];
  const lines = [...folders].filter((f) => firstPass.has(f)).map((f) => `!/${f}`);
  // A file in an ignored folder may also match a file pattern (`*_gen.go`) that the folder's negation does
  // not undo: the same name in a folder no pattern hides tells which.
  const probes = new Map<string, string>();
  for (const file of files) {
    if (!firstPass.has(file)) continue;
    const slash = file.lastIndexOf('/');
    const chain = folderChain(slash < 0 ? '' : file.slice(0, slash));
    const hidden = chain.find((f) => firstPass.has(f));
    if (hidden === undefined) {
      lines.push(`!/${file}`);
      continue;
    }
    const parent = hidden.slice(0, hidden.slice(0, -1).lastIndexOf('/') + 1);
    probes.set(file, `${parent}go-docker-probe-${process.pid}/${file.slice(slash + 1)}`);
  }
  const probed = ignoredByGit(root, [...probes.values()]);
  for (const [file, probe] of probes) if (probed.has(probe)) lines.push(`!/${file}`);
  return [...new Set(lines)].sort();
}

/** Adds the missing negations to .nxignore (created if need be) and says what it re-included; nothing else changes. */
export function reincludeForNx(tree: Tree, apps: GoApplication[]): string[] {
  const wanted = nxReincludes(tree.root, apps);
  const existing = tree.exists(NXIGNORE) ? (tree.read(NXIGNORE, 'utf-8') as string) : '';
  const present = new Set(existing.split('\n').map((l) => l.trim()));
  const missing = wanted.filter((line) => !present.has(line));
  if (missing.length === 0) return [];
  const head = existing === '' ? '' : existing.endsWith('\n') ? existing : `${existing}\n`;
  tree.write(NXIGNORE, `${head}${present.has(HEADER) ? '' : `${HEADER}\n`}${missing.join('\n')}\n`);
  logger.info(
    `go-docker:setup: ${NXIGNORE}: ${missing.length === 1 ? 'a path' : `${missing.length} paths`} .gitignore hides from Nx but a Go build reads (${missing.slice(0, 3).map((l) => l.slice(2)).join(', ')}${missing.length > 3 ? ', …' : ''}): re-included, so nx affected and the task cache see their changes`,
  );
  return missing;
}
