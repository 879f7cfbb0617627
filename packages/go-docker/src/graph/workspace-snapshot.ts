import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileData } from '@nx/devkit';
import { basename, isGoModelFile, isSkippedDirectory, joinPath } from '../go/file-system';

/**
 * The files of the workspace the plugin looks at, with the content hashes Nx already computed: Go model
 * files (filtered as Go itself would), the files whose presence the model checks (go.sum, go.work.sum),
 * Dockerfiles and the files that make another plugin define a project (project.json, package.json).
 */
export interface WorkspaceSnapshot {
  /** Go model files (go.mod, go.work, *.go) → hash. */
  goFiles: Map<string, string>;
  /** go.sum, go.work.sum and vendor/modules.txt files. */
  sumFiles: Set<string>;
  /** `<dir>/Dockerfile` paths → hash. */
  dockerfiles: Map<string, string>;
  /** Directories holding project.json. */
  projectJsonDirs: Set<string>;
  /** Directories holding package.json. */
  packageJsonDirs: Set<string>;
  /** project.json and package.json paths → hash: their `name` (and the root's `nx` section) matter. */
  projectFiles: Map<string, string>;
}

export function snapshotOf(files: Iterable<FileData>): WorkspaceSnapshot {
  const snapshot: WorkspaceSnapshot = { goFiles: new Map(), sumFiles: new Set(), dockerfiles: new Map(), projectJsonDirs: new Set(), packageJsonDirs: new Set(), projectFiles: new Map() };
  for (const { file, hash } of files) {
    const name = basename(file);
    const dir = file.length === name.length ? '.' : file.slice(0, file.length - name.length - 1);
    if (name === 'project.json' || name === 'package.json') {
      (name === 'project.json' ? snapshot.projectJsonDirs : snapshot.packageJsonDirs).add(dir);
      snapshot.projectFiles.set(file, hash);
    }
    else if (name === 'Dockerfile') snapshot.dockerfiles.set(file, hash);
    else if (name === 'modules.txt' && basename(dir) === 'vendor' && goWouldRead(dir.slice(0, -'/vendor'.length) || '.')) snapshot.sumFiles.add(file);
    else if ((isGoModelFile(name) || name === 'go.sum' || name === 'go.work.sum') && goWouldRead(dir)) {
      if (name.endsWith('.sum')) snapshot.sumFiles.add(file);
      else snapshot.goFiles.set(file, hash);
    }
  }
  return snapshot;
}

/** Files the snapshot keeps, by name. */
function isSnapshotFile(name: string): boolean {
  return isGoModelFile(name) || name === 'go.sum' || name === 'go.work.sum' || name === 'Dockerfile' || name === 'project.json' || name === 'package.json';
}

/**
 * The snapshot read from disk, the way the go command sees the tree (every folder but vendor/,
 * testdata/, _x, .x, node_modules and the top-level dist/), with a cheap version per file instead of
 * a content hash: size, modification time and inode. Nx's own file index is not public API.
 */
export function snapshotFromDisk(workspaceRoot: string): WorkspaceSnapshot {
  const snapshot = readSnapshot(workspaceRoot);
  lastSnapshots.set(workspaceRoot, snapshot);
  return snapshot;
}

/** The snapshot createNodes read last in this process, by workspace. */
const lastSnapshots = new Map<string, WorkspaceSnapshot>();

/**
 * What createDependencies reads: Nx calls it right after createNodes in the same plugin process, for
 * the same graph computation (a later change starts a new one, with createNodes first), so the tree
 * createNodes read is the one to use — and one walk per command is enough.
 */
export function snapshotForDependencies(workspaceRoot: string): WorkspaceSnapshot {
  return lastSnapshots.get(workspaceRoot) ?? snapshotFromDisk(workspaceRoot);
}

function readSnapshot(workspaceRoot: string): WorkspaceSnapshot {
  const files: FileData[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(workspaceRoot, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!isSkippedDirectory(entry.name) && !(dir === '.' && entry.name === 'dist')) walk(joinPath(dir, entry.name));
      } else if (entry.isFile() && isSnapshotFile(entry.name)) {
        const file = joinPath(dir, entry.name);
        const stat = statSync(join(workspaceRoot, file), { bigint: true });
        files.push({ file, hash: `${stat.size}-${stat.mtimeNs}-${stat.ino}` });
      }
    }
  };
  walk('.');
  return snapshotOf(files);
}

/** Same directory rules as DiskWorkspaceFiles: no vendor/testdata/_x/.x folders, no top-level dist. */
function goWouldRead(dir: string): boolean {
  if (dir === '.') return true;
  const segments = dir.split('/');
  return segments[0] !== 'dist' && !segments.some(isSkippedDirectory);
}

/** Everything about the Go sources the model depends on: paths and hashes of Go model files, go.sum presence. */
export function goSourcesFingerprint(snapshot: WorkspaceSnapshot): string[] {
  const parts = [...snapshot.goFiles].map(([path, hash]) => `${path}:${hash}`).sort();
  parts.push(...[...snapshot.sumFiles].sort());
  return parts;
}
