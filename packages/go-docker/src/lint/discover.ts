/**
 * Finds Dockerfiles under directories the way Docker names them, in any letter case: `Dockerfile`,
 * `Containerfile`, `Dockerfile.<suffix>` and `<name>.Dockerfile` (not `*.dockerignore`). A path that cannot
 * be read becomes a problem for that path; the rest is still found.
 */
import { Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError } from './fs-errors';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.nx', 'dist', 'vendor']);

export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) return false;
  return lower === 'dockerfile' || lower === 'containerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile');
}

export interface PathProblem {
  path: string;
  message: string;
}

export interface Discovery {
  files: string[];
  problems: PathProblem[];
}

/** Expands the given files and directories into Dockerfile paths (files are taken as given). */
export function discoverDockerfiles(paths: string[]): Discovery {
  const found: string[] = [];
  const problems: PathProblem[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot read directory (${describeFsError(error)})` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isDockerfileName(entry.name)) {
        found.push(path);
      }
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      problems.push({ path, message: describeFsError(error) });
      continue;
    }
    if (isDirectory) walk(path);
    else found.push(path);
  }
  return { files: [...new Set(found)], problems };
}
