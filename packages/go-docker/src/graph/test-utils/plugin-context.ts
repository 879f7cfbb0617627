import type { CreateDependenciesContext, FileData, ProjectConfiguration } from '@nx/devkit';
import { getAllFileDataInContext } from 'nx/src/utils/workspace-context';
import { inferProjects } from '../create-nodes';
import { ownerByRoots } from '../import-edges';
import type { GoDockerPluginOptions } from '../options';
import { snapshotOf } from '../workspace-snapshot';
import { projectJsonNames } from './fixture-workspace';

export interface PluginRun {
  /** Project name → configuration, as Nx would merge project.json files and go-docker's nodes. */
  projects: Record<string, ProjectConfiguration>;
  dependencyContext: CreateDependenciesContext;
}

/**
 * Runs createNodes on a workspace with Nx's real file index and builds the createDependencies context
 * Nx would pass (projects with their files), without starting a whole Nx process.
 */
export async function runPlugin(root: string, options: GoDockerPluginOptions = {}): Promise<PluginRun> {
  const files = await getAllFileDataInContext(root);
  const nxJsonConfiguration = { plugins: [{ plugin: 'go-docker', options }] };
  const configFiles = files.map((f) => f.file).filter((f) => f === 'go.mod' || f.endsWith('/go.mod') || f === 'go.work' || f.endsWith('/go.work'));
  const results = inferProjects(configFiles, snapshotOf(files), options, { workspaceRoot: root, nxJsonConfiguration });

  const projects: Record<string, ProjectConfiguration> = {};
  const nameAt = projectJsonNames(root);
  nameAt.forEach((name, projectRoot) => (projects[name] = { root: projectRoot, name }));
  for (const [, result] of results) {
    for (const [projectRoot, node] of Object.entries(result.projects ?? {})) {
      const name = nameAt.get(projectRoot) ?? node.name;
      if (!name) throw new Error(`go-docker emitted a nameless node at ${projectRoot}, where no project is defined`);
      const existing = projects[name] ?? { root: projectRoot, name };
      projects[name] = { ...existing, ...node, name, root: projectRoot, targets: { ...existing.targets, ...node.targets } };
    }
  }

  const owner = ownerByRoots(new Map(Object.values(projects).map((p) => [p.root, p.name as string])));
  const projectFileMap: Record<string, FileData[]> = Object.fromEntries(Object.keys(projects).map((name) => [name, []]));
  const nonProjectFiles: FileData[] = [];
  for (const file of files) {
    const project = owner(file.file);
    if (project) projectFileMap[project].push(file);
    else nonProjectFiles.push(file);
  }
  const fileMap = { projectFileMap, nonProjectFiles };
  return {
    projects,
    dependencyContext: { projects, fileMap, filesToProcess: fileMap, externalNodes: {}, nxJsonConfiguration, workspaceRoot: root },
  };
}
