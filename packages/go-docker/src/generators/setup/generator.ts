import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createProjectGraphAsync, getProjects, logger, type ProjectConfiguration, type Tree } from '@nx/devkit';
import { findApplications, type GoApplication } from '../../go/applications';
import { loadGoWorkspace } from '../../go/workspace';
import { DEFAULT_CGO_RUNTIME_IMAGE, DEFAULT_RUNTIME_IMAGE } from '../../utils/images';
import { listOption } from '../../utils/list-option';
import { TreeWorkspaceFiles } from '../../utils/tree-files';
import { registerPlugin } from '../init/generator';
import { embedWarnings } from './embed-check';
import { reportFiles } from './file-report';
import { writeGeneratedFile, type WriteOutcome } from './generated-file';
import { assignToProjects, type OwnedApplication } from './projects';
import { ModuleFileError } from './module-plan';
import { type DockerfilePlan, type GoCommands, planDockerfile, type RenderOptions } from './render';
import { imagePlanFor } from '../../image-options/setup';
import type { SetupGeneratorSchema } from './schema';
import { UnsafePathError } from './syntax';
import { reincludeForNx } from './nx-visibility';

export interface SetupResult {
  project: string;
  app: GoApplication;
  /** Build context, workspace-relative. */
  context: string;
  goCommands: GoCommands;
  dockerfile: WriteOutcome;
  ignore: WriteOutcome;
  warnings: string[];
}

/** The generator: Nx treats a returned value as a callback, so results stay internal. */
export async function setupGenerator(tree: Tree, schema: SetupGeneratorSchema = {}): Promise<void> {
  // Run before `nx add` / init, setup would write Dockerfiles that no project turns into targets.
  await registerPlugin(tree);
  await applySetup(tree, schema);
}

export default setupGenerator;

/** Writes the files and returns what happened to each application (tests and the benchmark read it). */
export async function applySetup(tree: Tree, schema: SetupGeneratorSchema = {}): Promise<SetupResult[]> {
  const options = normalizeOptions(schema);
  const workspace = loadGoWorkspace(new TreeWorkspaceFiles(tree));
  // A broken go.mod / go.work / .go file leaves out what it governs; every other app still gets its files.
  for (const problem of workspace.problems) {
    logger.warn(`go-docker:setup: ${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message} (skipped what it governs)`);
  }
  const apps = findApplications(workspace);
  const projects = await knownProjects(tree);
  const { owned } = assignToProjects(workspace, apps, projects);
  const selected = selectProjects(owned, requestedProjects(schema.projects));

  const results: SetupResult[] = [];
  const skipped: string[] = [];
  for (const { project, app } of selected) {
    // Image options (project.json "go-docker", nx.json options.image): a bad value stops setup with its file and field.
    const image = imagePlanFor(tree, app, { projectRoot: projects.get(project)?.root, applications: apps, strategy: options.strategy, port: options.port });
    let plan: DockerfilePlan;
    try {
      plan = planDockerfile(app, workspace, options, image.plan);
    } catch (error) {
      // One application no Dockerfile can build is reported; every other one still gets its files.
      if (!(error instanceof ModuleFileError || error instanceof UnsafePathError)) throw error;
      skipped.push(`${project} (${JSON.stringify(app.dir)}): ${error.message}`);
      continue;
    }
    plan.warnings.push(...image.warnings, ...embedWarnings(tree, app));
    results.push({
      project,
      app,
      context: plan.context,
      goCommands: plan.goCommands,
      dockerfile: writeGeneratedFile(tree, plan.dockerfilePath, plan.dockerfile, options.force),
      ignore: writeGeneratedFile(tree, plan.ignorePath, plan.ignore, options.force),
      warnings: plan.warnings,
    });
  }
  // Only for the apps setup wrote files for: their builds are the ones Nx must see the sources of.
  reincludeForNx(tree, results.map((r) => r.app));
  report(results, skipped);
  return results;
}

function normalizeOptions(schema: SetupGeneratorSchema): RenderOptions & { force: boolean } {
  return {
    strategy: schema.strategy ?? 'in-docker',
    runtime: schema.runtime ?? DEFAULT_RUNTIME_IMAGE,
    cgoRuntime: schema.cgoRuntime ?? DEFAULT_CGO_RUNTIME_IMAGE,
    goImage: schema.goImage,
    port: schema.port,
    debugSymbols: schema.debugSymbols ?? false,
    force: schema.force ?? false,
  };
}

function requestedProjects(projects: SetupGeneratorSchema['projects']): string[] | undefined {
  const names = listOption(projects);
  return names && names.length > 0 ? names : undefined;
}

function selectProjects(owned: OwnedApplication[], requested: string[] | undefined): OwnedApplication[] {
  if (!requested) return owned;
  const withApps = new Set(owned.map((o) => o.project));
  const missing = requested.filter((name) => !withApps.has(name));
  if (missing.length > 0) {
    const available = [...withApps].sort().join(', ') || 'none';
    throw new Error(`go-docker:setup: no Go application in project(s) ${missing.join(', ')}. Projects with Go applications: ${available}.`);
  }
  return owned.filter((o) => requested.includes(o.project));
}

/**
 * Projects from project.json / package.json in the tree, plus — in a real workspace — those other
 * plugins infer (nx-go, go-docker's own graph plugin), which only the project graph knows.
 */
async function knownProjects(tree: Tree): Promise<Map<string, Pick<ProjectConfiguration, 'root'>>> {
  const projects = new Map<string, Pick<ProjectConfiguration, 'root'>>();
  if (existsSync(join(tree.root, 'nx.json'))) {
    try {
      const graph = await createProjectGraphAsync({ exitOnError: false });
      for (const [name, node] of Object.entries(graph.nodes)) projects.set(name, { root: node.data.root });
    } catch (error) {
      logger.warn(`go-docker:setup: could not read the project graph (${(error as Error).message}); using project.json files only.`);
    }
  }
  for (const [name, project] of getProjects(tree)) projects.set(name, { root: project.root });
  return projects;
}

function report(results: SetupResult[], skipped: string[]): void {
  for (const reason of skipped) logger.warn(`go-docker:setup: no Dockerfile for ${reason}`);
  if (results.length === 0 && skipped.length === 0) {
    logger.warn('go-docker:setup: no Go application found (a directory whose non-test .go files are package main with func main).');
    return;
  }
  for (const r of results) {
    reportFiles(r.project, [[`${r.app.dir}/Dockerfile`, r.dockerfile], [`${r.app.dir}/Dockerfile.dockerignore`, r.ignore]]);
    r.warnings.forEach((w) => logger.warn(`  warning: ${w}`));
  }
}
