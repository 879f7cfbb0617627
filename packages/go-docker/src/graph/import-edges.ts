import { governingWork, type ImportResolver, importResolverFor } from '../go/applications';
import { dirname, joinPath } from '../go/file-system';
import type { GoModule, GoWorkspace } from '../go/workspace';

export interface ImportEdge {
  source: string;
  target: string;
  /** The importing .go file, workspace-relative. */
  sourceFile: string;
}

/** Finds the project owning a workspace-relative path (the deepest project root containing it). */
export type ProjectOwner = (path: string) => string | undefined;

/**
 * Project-to-project edges from Go imports, resolved as the go command resolves them for each module:
 * through go.work `use` entries when a go.work governs the module, else through the module itself and
 * its local `replace` directives. Only non-test files that take part in a linux build count; imports
 * that resolve to no workspace package (stdlib, downloaded modules) make no edge.
 */
export function importEdges(workspace: GoWorkspace, ownerOf: ProjectOwner): ImportEdge[] {
  const resolvers = new Map<string, ImportResolver>();
  const resolverFor = (module: GoModule) => {
    let resolver = resolvers.get(module.root);
    if (!resolver) {
      resolver = importResolverFor(workspace, module, governingWork(workspace, module));
      resolvers.set(module.root, resolver);
    }
    return resolver;
  };

  const edges = new Map<string, ImportEdge>();
  for (const pkg of workspace.packages.values()) {
    if (pkg.moduleRoot === undefined) continue;
    const resolver = resolverFor(workspace.modules.get(pkg.moduleRoot) as GoModule);
    for (const [fileName, imports] of Object.entries(pkg.importsByFile ?? {})) {
      const sourceFile = joinPath(pkg.dir, fileName);
      const source = ownerOf(sourceFile);
      if (source === undefined) continue;
      for (const importPath of imports) {
        const resolved = resolver.resolve(importPath);
        if (resolved === undefined || resolved === 'external') continue;
        const target = ownerOf(joinPath(resolved.dir, resolved.goFiles[0] ?? ''));
        if (target === undefined || target === source) continue;
        // One edge per project pair and file is all Nx keeps.
        edges.set(`${source}\0${target}\0${sourceFile}`, { source, target, sourceFile });
      }
    }
  }
  return [...edges.values()];
}

/** Owner lookup by project roots: walks up from the file's folder. */
export function ownerByRoots(rootsToProjects: Map<string, string>): ProjectOwner {
  return (path) => {
    let dir = dirname(path);
    for (;;) {
      const project = rootsToProjects.get(dir);
      if (project !== undefined) return project;
      if (dir === '.') return undefined;
      dir = dirname(dir);
    }
  };
}
