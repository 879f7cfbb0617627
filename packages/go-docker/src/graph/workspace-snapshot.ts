import type { FileData } from '@nx/devkit';
import { basename, isGoModelFile, isSkippedDirectory } from '../go/file-system';

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
  rootPackageJsonHash?: string;
}

export function snapshotOf(files: Iterable<FileData>): WorkspaceSnapshot {
  const snapshot: WorkspaceSnapshot = { goFiles: new Map(), sumFiles: new Set(), dockerfiles: new Map(), projectJsonDirs: new Set(), packageJsonDirs: new Set() };
  for (const { file, hash } of files) {
    const name = basename(file);
    const dir = file.length === name.length ? '.' : file.slice(0, file.length - name.length - 1);
    if (name === 'project.json') snapshot.projectJsonDirs.add(dir);
    else if (name === 'package.json') {
      snapshot.packageJsonDirs.add(dir);
      if (dir === '.') snapshot.rootPackageJsonHash = hash;
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
