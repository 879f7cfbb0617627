import type { CreateDependencies, DependencyType, RawProjectGraphDependency } from '@nx/devkit';
import { workspaceDataDirectory } from './data-directory';
import { loadGoModel } from './go-model';
import { type ImportEdge, importEdges, ownerByRoots } from './import-edges';
import type { GoDockerPluginOptions } from './options';
import { warnAboutProblems } from './problems';
import { digest, lastResultCache } from './result-cache';
import { goSourcesFingerprint, snapshotForDependencies } from './workspace-snapshot';

// DependencyType's values; the enum itself would load all of @nx/devkit into Nx's plugin worker.
const STATIC = 'static' as DependencyType.static;
const IMPLICIT = 'implicit' as DependencyType.implicit;

/**
 * Static Go import edges between workspace projects, without a Go toolchain: the import sections of
 * non-test .go files, mapped to projects through module paths, go.work and local replaces.
 */
export const createDependencies: CreateDependencies<GoDockerPluginOptions> = (_options, context) => {
  // The tree createNodes read (so the same Go model, built once per process).
  const snapshot = snapshotForDependencies(context.workspaceRoot);
  const dataDirectory = workspaceDataDirectory(context.workspaceRoot);
  const roots = new Map(Object.entries(context.projects).map(([name, project]) => [project.root === '' ? '.' : project.root, name]));
  // Edges depend on the Go sources and on which project owns which folder.
  const key = digest([...goSourcesFingerprint(snapshot), '--projects', ...[...roots].map(([root, name]) => `${root}:${name}`).sort()]);
  const cache = lastResultCache<ImportEdge[]>(dataDirectory, context.workspaceRoot, 'edges');
  let edges = cache.get(key);
  if (!edges) {
    const { workspace } = loadGoModel(context.workspaceRoot, snapshot, dataDirectory);
    warnAboutProblems(workspace.problems);
    edges = importEdges(workspace, ownerByRoots(roots));
    cache.set(key, edges);
  }
  // A static edge names its importing file, which must be one of the source project's files in Nx's
  // index. A file Nx does not index (a folder a .gitignore pattern hides, though git tracks it) still
  // makes the edge: an implicit one, which names no file.
  const filesOf = new Map<string, Set<string>>();
  const isFileOf = (project: string, file: string) => {
    let files = filesOf.get(project);
    if (!files) {
      files = new Set((context.fileMap.projectFileMap[project] ?? []).map((f) => f.file));
      filesOf.set(project, files);
    }
    return files.has(file);
  };
  const dependencies: RawProjectGraphDependency[] = [];
  const staticPairs = new Set<string>();
  const unindexedPairs = new Map<string, ImportEdge>();
  for (const edge of edges) {
    const pair = `${edge.source}\0${edge.target}`;
    if (isFileOf(edge.source, edge.sourceFile)) {
      staticPairs.add(pair);
      dependencies.push({ type: STATIC, source: edge.source, target: edge.target, sourceFile: edge.sourceFile });
    } else {
      unindexedPairs.set(pair, edge);
    }
  }
  for (const [pair, { source, target }] of unindexedPairs) if (!staticPairs.has(pair)) dependencies.push({ type: IMPLICIT, source, target });
  return dependencies;
};
