/** Finds Dockerfiles under directories: `Dockerfile`, `*.Dockerfile`, `Dockerfile.*` (not `*.dockerignore`). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.nx', 'dist', 'vendor']);

export function isDockerfileName(name: string): boolean {
  if (name.endsWith('.dockerignore')) return false;
  return name === 'Dockerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.');
}

export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`${path}: no such file or directory`);
    this.name = 'MissingPathError';
  }
}

/** Expands the given files and directories into Dockerfile paths (files are taken as given). */
export function discoverDockerfiles(paths: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (entry.isFile() && isDockerfileName(entry.name)) {
        found.push(path);
      }
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new MissingPathError(path);
    }
    if (isDirectory) walk(path);
    else found.push(path);
  }
  return [...new Set(found)];
}
