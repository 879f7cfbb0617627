import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Read-only view of a workspace, with workspace-relative POSIX paths. The Go model runs on a devkit
 * Tree in generators and on the real disk in the graph plugin and the CLI.
 */
export interface WorkspaceFiles {
  /** Files below `dir` (workspace-relative, '' for the root) in directories Go would consider. */
  listGoFiles(): string[];
  read(path: string): string;
  exists(path: string): boolean;
  /** Names of the files (not directories) directly in a workspace directory, e.g. a vendor/ package; [] when there is none. */
  listDirectory?(dir: string): string[];
}

/** Directories Go never builds from, plus dependency folders of other ecosystems. */
export function isSkippedDirectory(name: string): boolean {
  return name === 'node_modules' || name === 'vendor' || name === 'testdata' || name.startsWith('.') || name.startsWith('_');
}

/** Files the Go model reads: module and workspace files and Go sources. */
export function isGoModelFile(name: string): boolean {
  return name.endsWith('.go') || name === 'go.mod' || name === 'go.work';
}

/** Would a walk of the workspace reach this workspace-relative file? (The root dist/ holds build output.) */
export function isScannedPath(path: string): boolean {
  const segments = path.split('/');
  if (segments[0] === 'dist' || !isGoModelFile(segments[segments.length - 1])) return false;
  return !segments.slice(0, -1).some(isSkippedDirectory);
}

export function joinPath(dir: string, name: string): string {
  return dir === '' || dir === '.' ? name : `${dir}/${name}`;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The workspace on disk. */
export class DiskWorkspaceFiles implements WorkspaceFiles {
  constructor(readonly root: string) {}

  listGoFiles(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(this.root, dir), { withFileTypes: true })) {
        if (entry.isDirectory()) {
          if (!isSkippedDirectory(entry.name) && !(dir === '' && entry.name === 'dist')) walk(joinPath(dir, entry.name));
        } else if (entry.isFile() && isGoModelFile(entry.name)) {
          files.push(joinPath(dir, entry.name));
        }
      }
    };
    walk('');
    return files;
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  exists(path: string): boolean {
    return existsSync(join(this.root, path));
  }

  listDirectory(dir: string): string[] {
    try {
      return readdirSync(join(this.root, dir), { withFileTypes: true })
        .filter((e) => e.isFile() || e.isSymbolicLink())
        .map((e) => e.name);
    } catch {
      return [];
    }
  }
}
