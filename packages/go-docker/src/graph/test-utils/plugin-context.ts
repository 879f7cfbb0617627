import type { CreateDependenciesContext, FileData, ProjectConfiguration } from '@nx/devkit';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inferProjects } from '../create-nodes';
import { ownerByRoots } from '../import-edges';
import type { GoDockerPluginOptions } from '../options';
import { snapshotFromDisk } from '../workspace-snapshot';
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
export function runPlugin(root: string, options: GoDockerPluginOptions = {}): PluginRun {
  const files = allFiles(root);
  const nxJsonConfiguration = { plugins: [{ plugin: 'go-docker', options }] };
  const configFiles = files.map((f) => f.file).filter((f) => f === 'go.mod' || f.endsWith('/go.mod') || f === 'go.work' || f.endsWith('/go.work'));
  const { results } = inferProjects(configFiles, snapshotFromDisk(root), options, { workspaceRoot: root, nxJsonConfiguration });

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

/** Every file of the workspace as Nx would index it here (the fixtures have no ignored files but these). */
function allFiles(root: string, dir = ''): FileData[] {
  const files: FileData[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!['node_modules', '.git', '.nx', 'dist'].includes(entry.name)) files.push(...allFiles(root, path));
    } else files.push({ file: path, hash: '' });
  }
  return files;
}
