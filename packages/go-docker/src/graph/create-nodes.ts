import type { CreateNodesContext, CreateNodesResult, CreateNodesV2, ProjectConfiguration } from '@nx/devkit';
import { findApplications } from '../go/applications';
import { joinPath } from '../go/file-system';
import type { GoProblem, GoWorkspace } from '../go/workspace';
import { isWithin } from '../go/paths';
import { workspaceDataDirectory } from './data-directory';
import { readDockerfileFacts } from './dockerfile-context';
import { loadGoModel } from './go-model';
import { compactModuleFileInputs } from './inputs';
import { withApplications } from '../image-options/graph-inputs';
import { type GoDockerPluginOptions, normalizePluginOptions } from './options';
import { warnAboutProblems } from './problems';
import { owningProjectRoot, projectLayout } from './project-roots';
import { digest, lastResultCache } from './result-cache';
import { type ImageTarget, imageTargets } from './targets';
import { goSourcesFingerprint, snapshotFromDisk, type WorkspaceSnapshot } from './workspace-snapshot';

/** go.mod files are what make Go projects; go.work is matched so that its errors are reported on it. */
export const GO_PROJECT_FILES_GLOB = '**/{go.mod,go.work}';

type ProjectNode = Partial<ProjectConfiguration> & { root: string };

interface InferredNodes {
  results: Array<[string, CreateNodesResult]>;
  problems: GoProblem[];
}

/**
 * Infers a project per Go module, per Go application and per package folder that needs one (see
 * inferGoProjects), and docker-lint / docker-build targets for every Go application with a Dockerfile,
 * on the project at the application's folder.
 *
 * Nx only hands over the files of the glob, but the model needs every .go file, so the plugin reads the
 * tree itself (snapshotFromDisk). Where another plugin defines the project (project.json at an app
 * folder), it emits a node with just `root` and targets: Nx merges it.
 */
export const createNodes: CreateNodesV2<GoDockerPluginOptions> = [
  GO_PROJECT_FILES_GLOB,
  async (configFiles, rawOptions, context) => {
    const snapshot = snapshotFromDisk(context.workspaceRoot);
    const cache = lastResultCache<InferredNodes>(workspaceDataDirectory(context.workspaceRoot), context.workspaceRoot, 'nodes');
    const key = nodesCacheKey(configFiles, snapshot, rawOptions, context);
    let inferred = cache.get(key);
    if (!inferred) {
      inferred = inferProjects(configFiles, snapshot, rawOptions, context);
      cache.set(key, inferred);
    }
    warnAboutProblems(inferred.problems);
    return inferred.results;
  },
];

/** Nx 22 reads `createNodesV2`; Nx 23 reads `createNodes` in the same batched form. */
export const createNodesV2 = createNodes;

export function inferProjects(configFiles: readonly string[], snapshot: WorkspaceSnapshot, rawOptions: GoDockerPluginOptions | undefined, context: CreateNodesContext): InferredNodes {
  const options = normalizePluginOptions(rawOptions);
  const { workspace } = loadGoModel(context.workspaceRoot, snapshot, workspaceDataDirectory(context.workspaceRoot));
  const apps = findApplications(workspace);
  const layout = projectLayout(workspace, apps, snapshot, context.nxJsonConfiguration, context.workspaceRoot);
  const nodesByModule = new Map<string, Map<string, ProjectNode>>();
  const nodeAt = (moduleRoot: string, root: string): ProjectNode => {
    const nodes = nodesByModule.get(moduleRoot) ?? new Map<string, ProjectNode>();
    nodesByModule.set(moduleRoot, nodes);
    const node = nodes.get(root) ?? { root };
    nodes.set(root, node);
    return node;
  };

  const appDirs = new Set(apps.map((app) => app.dir));
  const imagesByProject = new Map<string, { moduleRoot: string; images: ImageTarget[] }>();
  for (const app of apps) {
    const dockerfile = joinPath(app.dir, 'Dockerfile');
    const owner = owningProjectRoot(layout, app.dir);
    if (!snapshot.dockerfiles.has(dockerfile) || owner === undefined) continue;
    const entry = imagesByProject.get(owner) ?? { moduleRoot: app.module.root, images: [] };
    const facts = readDockerfileFacts(context.workspaceRoot, dockerfile);
    entry.images.push({ app, dockerfile, context: facts.context ?? app.buildContext, prebuilt: facts.prebuilt, image: facts.image && withApplications(facts.image, apps, app) });
    imagesByProject.set(owner, entry);
  }

  for (const [root, project] of layout.inferred) {
    const pkg = workspace.packages.get(root);
    const what = project.kind === 'module' ? `Go module ${project.module.path}` : `Go ${project.kind} ${pkg?.importPath ?? root}`;
    Object.assign(nodeAt(project.module.root, root), {
      name: project.name,
      projectType: appDirs.has(root) ? 'application' : 'library',
      metadata: { technologies: ['go'], description: what },
    });
  }
  const moduleRoots = [...workspace.modules.keys()];
  const moduleFileInputs = compactModuleFileInputs((dir) => moduleRoots.filter((root) => isWithin(root, dir)));
  for (const [root, { moduleRoot, images }] of imagesByProject) {
    Object.assign(nodeAt(moduleRoot, root), imageTargets(images, root, options, moduleFileInputs));
  }
  return { results: resultsPerConfigFile(configFiles, workspace, nodesByModule), problems: workspace.problems };
}

/** Everything inferProjects reads: Go sources, Dockerfiles, project.json / package.json files, the options. */
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
    ...[...snapshot.projectFiles].map(([path, hash]) => `${path}:${hash}`).sort(),
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
