import type { Tree } from '@nx/devkit';
import { isGoModelFile, isSkippedDirectory, joinPath, type WorkspaceFiles } from '../go/file-system';

/** The Go model's view of a devkit Tree (generators, including --dry-run and unit tests). */
export class TreeWorkspaceFiles implements WorkspaceFiles {
  constructor(private readonly tree: Tree) {}

  listGoFiles(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of this.tree.children(dir)) {
        const path = joinPath(dir, name);
        if (this.tree.isFile(path)) {
          if (isGoModelFile(name)) files.push(path);
        } else if (!isSkippedDirectory(name) && !(dir === '' && name === 'dist')) {
          walk(path);
        }
      }
    };
    walk('');
    return files;
  }

  read(path: string): string {
    return this.tree.read(path, 'utf-8') ?? '';
  }

  exists(path: string): boolean {
    return this.tree.exists(path);
  }
}
