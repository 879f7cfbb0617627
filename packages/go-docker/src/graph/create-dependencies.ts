import { type CreateDependencies, DependencyType, type FileData, type RawProjectGraphDependency, validateDependency } from '@nx/devkit';
import { workspaceDataDirectory } from 'nx/src/utils/cache-directory';
import { loadGoModel } from './go-model';
import { type ImportEdge, importEdges, ownerByRoots } from './import-edges';
import type { GoDockerPluginOptions } from './options';
import { digest, lastResultCache } from './result-cache';
import { goSourcesFingerprint, snapshotOf } from './workspace-snapshot';

/**
 * Static Go import edges between workspace projects, without a Go toolchain: the import sections of
 * non-test .go files, mapped to projects through module paths, go.work and local replaces.
 */
export const createDependencies: CreateDependencies<GoDockerPluginOptions> = (_options, context) => {
  // The file map already has every project's files with hashes, and the files no project owns.
  const files: FileData[] = [...Object.values(context.fileMap.projectFileMap).flat(), ...context.fileMap.nonProjectFiles];
  const snapshot = snapshotOf(files);
  const roots = new Map(Object.entries(context.projects).map(([name, project]) => [project.root === '' ? '.' : project.root, name]));
  // Edges depend on the Go sources and on which project owns which folder.
  const key = digest([...goSourcesFingerprint(snapshot), '--projects', ...[...roots].map(([root, name]) => `${root}:${name}`).sort()]);
  const cache = lastResultCache<ImportEdge[]>(workspaceDataDirectory, context.workspaceRoot, 'edges');
  let edges = cache.get(key);
  if (!edges) {
    edges = importEdges(loadGoModel(context.workspaceRoot, snapshot, workspaceDataDirectory).workspace, ownerByRoots(roots));
    cache.set(key, edges);
  }
  const dependencies: RawProjectGraphDependency[] = [];
  for (const edge of edges) {
    const dependency: RawProjectGraphDependency = { type: DependencyType.static, source: edge.source, target: edge.target, sourceFile: edge.sourceFile };
    validateDependency(dependency, context);
    dependencies.push(dependency);
  }
  return dependencies;
};
