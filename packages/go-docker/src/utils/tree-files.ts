import { existsSync } from 'node:fs';
import type { Tree } from '@nx/devkit';
import { DiskWorkspaceFiles, isScannedPath, type WorkspaceFiles } from '../go/file-system';

/** The Go model's view of a devkit Tree (generators, including --dry-run and unit tests). */
export class TreeWorkspaceFiles implements WorkspaceFiles {
  constructor(private readonly tree: Tree) {}

  /**
   * The files on disk plus the tree's pending changes. Walking with Tree.children() would rescan every
   * pending change for each directory: quadratic on a large in-memory tree.
   */
  listGoFiles(): string[] {
    const files = new Set(existsSync(this.tree.root) ? new DiskWorkspaceFiles(this.tree.root).listGoFiles() : []);
    for (const change of this.tree.listChanges()) {
      if (change.type === 'DELETE') files.delete(change.path);
      else if (isScannedPath(change.path)) files.add(change.path);
    }
    return [...files];
  }

  read(path: string): string {
    return this.tree.read(path, 'utf-8') ?? '';
  }

  exists(path: string): boolean {
    return this.tree.exists(path);
  }

  listDirectory(dir: string): string[] {
    return this.tree.children(dir).filter((name) => this.tree.isFile(`${dir}/${name}`));
  }
}
