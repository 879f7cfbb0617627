import { type CreateDependencies, DependencyType, type RawProjectGraphDependency, validateDependency } from '@nx/devkit';
import { workspaceDataDirectory } from './data-directory';
import { loadGoModel } from './go-model';
import { type ImportEdge, importEdges, ownerByRoots } from './import-edges';
import type { GoDockerPluginOptions } from './options';
import { warnAboutProblems } from './problems';
import { digest, lastResultCache } from './result-cache';
import { goSourcesFingerprint, snapshotFromDisk } from './workspace-snapshot';

/**
 * Static Go import edges between workspace projects, without a Go toolchain: the import sections of
 * non-test .go files, mapped to projects through module paths, go.work and local replaces.
 */
export const createDependencies: CreateDependencies<GoDockerPluginOptions> = (_options, context) => {
  // The same snapshot createNodes read (so the same Go model, built once per process).
  const snapshot = snapshotFromDisk(context.workspaceRoot);
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
  // An edge names its importing file, which must be one Nx indexes (a .gitignored .go file is not).
  const indexed = new Set<string>();
  for (const files of Object.values(context.fileMap.projectFileMap)) for (const { file } of files) indexed.add(file);
  const dependencies: RawProjectGraphDependency[] = [];
  for (const edge of edges) {
    if (!indexed.has(edge.sourceFile)) continue;
    const dependency: RawProjectGraphDependency = { type: DependencyType.static, source: edge.source, target: edge.target, sourceFile: edge.sourceFile };
    validateDependency(dependency, context);
    dependencies.push(dependency);
  }
  return dependencies;
};
