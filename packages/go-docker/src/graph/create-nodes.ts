import type { CreateNodesContext, CreateNodesResult, CreateNodesV2, ProjectConfiguration } from '@nx/devkit';
import { AggregateCreateNodesError } from '@nx/devkit';
import { workspaceDataDirectory } from 'nx/src/utils/cache-directory';
import { getAllFileDataInContext } from 'nx/src/utils/workspace-context';
import { findApplications } from '../go/applications';
import { joinPath } from '../go/file-system';
import type { GoWorkspace } from '../go/workspace';
import { isWithin } from '../go/paths';
import { readDockerfileFacts } from './dockerfile-context';
import { GoModelError, loadGoModel } from './go-model';
import { compactModuleFileInputs } from './inputs';
import { withApplications } from '../image-options/graph-inputs';
import { type GoDockerPluginOptions, normalizePluginOptions } from './options';
import { owningProjectRoot, projectLayout } from './project-roots';
import { digest, lastResultCache } from './result-cache';
import { type ImageTarget, imageTargets } from './targets';
import { goSourcesFingerprint, snapshotOf, type WorkspaceSnapshot } from './workspace-snapshot';

/** go.mod files are what make Go projects; go.work is matched so that its errors are reported on it. */
export const GO_PROJECT_FILES_GLOB = '**/{go.mod,go.work}';

type ProjectNode = Partial<ProjectConfiguration> & { root: string };

/**
 * Infers a project per Go module that nothing else defines, and docker-lint / docker-build targets for
 * every Go application with a Dockerfile, on the deepest project containing the application.
 *
 * Nx only hands over the files of the glob, but targets belong to projects other plugins define
 * (project.json at an app folder), so the plugin works from Nx's whole file index (names and hashes
 * Nx already has) and emits, for such roots, a node with just `root` and targets: Nx merges it.
 */
export const createNodes: CreateNodesV2<GoDockerPluginOptions> = [
  GO_PROJECT_FILES_GLOB,
  async (configFiles, rawOptions, context) => {
    const snapshot = snapshotOf(await getAllFileDataInContext(context.workspaceRoot));
    const cache = lastResultCache<Array<[string, CreateNodesResult]>>(workspaceDataDirectory, context.workspaceRoot, 'nodes');
    const key = nodesCacheKey(configFiles, snapshot, rawOptions, context);
    const cached = cache.get(key);
    if (cached) return cached;
    try {
      const results = inferProjects(configFiles, snapshot, rawOptions, context);
      cache.set(key, results);
      return results;
    } catch (error) {
      if (error instanceof GoModelError) throw new AggregateCreateNodesError([[error.file, error]], []);
      throw error;
    }
  },
];

/** Nx 22 reads `createNodesV2`; Nx 23 reads `createNodes` in the same batched form. */
export const createNodesV2 = createNodes;

export function inferProjects(configFiles: readonly string[], snapshot: WorkspaceSnapshot, rawOptions: GoDockerPluginOptions | undefined, context: CreateNodesContext): Array<[string, CreateNodesResult]> {
  const options = normalizePluginOptions(rawOptions);
  const { workspace } = loadGoModel(context.workspaceRoot, snapshot, workspaceDataDirectory);
  const layout = projectLayout(workspace, snapshot, context.nxJsonConfiguration, context.workspaceRoot);
  const nodesByModule = new Map<string, Map<string, ProjectNode>>();
  const nodeAt = (moduleRoot: string, root: string): ProjectNode => {
    const nodes = nodesByModule.get(moduleRoot) ?? new Map<string, ProjectNode>();
    nodesByModule.set(moduleRoot, nodes);
    const node = nodes.get(root) ?? { root };
    nodes.set(root, node);
    return node;
  };

  const applicationModules = new Set<string>();
  const imagesByProject = new Map<string, { moduleRoot: string; images: ImageTarget[] }>();
  const applications = findApplications(workspace);
  for (const app of applications) {
    applicationModules.add(app.module.root);
    const dockerfile = joinPath(app.dir, 'Dockerfile');
    const owner = owningProjectRoot(layout, app.dir);
    if (!snapshot.dockerfiles.has(dockerfile) || owner === undefined) continue;
    const entry = imagesByProject.get(owner) ?? { moduleRoot: app.module.root, images: [] };
    const facts = readDockerfileFacts(context.workspaceRoot, dockerfile);
    entry.images.push({ app, dockerfile, context: facts.context ?? app.buildContext, prebuilt: facts.prebuilt, image: facts.image && withApplications(facts.image, applications, app) });
    imagesByProject.set(owner, entry);
  }

  for (const [root, name] of layout.inferred) {
    Object.assign(nodeAt(root, root), {
      name,
      projectType: applicationModules.has(root) ? 'application' : 'library',
      metadata: { technologies: ['go'], description: `Go module ${(workspace.modules.get(root) as { path: string }).path}` },
    });
  }
  const moduleRoots = [...workspace.modules.keys()];
  const moduleFileInputs = compactModuleFileInputs((dir) => moduleRoots.filter((root) => isWithin(root, dir)));
  for (const [root, { moduleRoot, images }] of imagesByProject) {
    Object.assign(nodeAt(moduleRoot, root), imageTargets(images, root, options, moduleFileInputs));
  }
  return resultsPerConfigFile(configFiles, workspace, nodesByModule);
}

/** Everything inferProjects reads: Go sources, Dockerfiles, which folders other plugins own, the options. */
function nodesCacheKey(configFiles: readonly string[], snapshot: WorkspaceSnapshot, options: GoDockerPluginOptions | undefined, context: CreateNodesContext): string {
  return digest([
    JSON.stringify(options ?? {}),
    JSON.stringify(context.nxJsonConfiguration.plugins ?? []),
    ...configFiles,
    '--go',
    ...goSourcesFingerprint(snapshot),
    '--dockerfiles',
    ...[...snapshot.dockerfiles].map(([path, hash]) => `${path}:${hash}`).sort(),
    '--projects',
    ...[...snapshot.projectJsonDirs].sort(),
    '--packages',
    ...[...snapshot.packageJsonDirs].sort(),
    // The root package.json's `nx` section decides whether it is a project.
    snapshot.rootPackageJsonHash ?? '',
  ]);
}

/** Each module's nodes are reported against its go.mod, so Nx can say which file produced what. */
function resultsPerConfigFile(configFiles: readonly string[], workspace: GoWorkspace, nodesByModule: Map<string, Map<string, ProjectNode>>): Array<[string, CreateNodesResult]> {
  const results: Array<[string, CreateNodesResult]> = [];
  for (const file of configFiles) {
    const moduleRoot = file === 'go.mod' ? '.' : file.endsWith('/go.mod') ? file.slice(0, -'/go.mod'.length) : undefined;
    const nodes = moduleRoot !== undefined && workspace.modules.has(moduleRoot) ? nodesByModule.get(moduleRoot) : undefined;
    results.push([file, { projects: nodes ? Object.fromEntries([...nodes].map(([root, node]) => [root, node])) : {} }]);
  }
  return results;
}
