import type { Tree } from '@nx/devkit';
import type { CiGeneratorSchema } from './generators/ci/schema';
import type { InitGeneratorSchema } from './generators/init/schema';
import type { SetupGeneratorSchema } from './generators/setup/schema';

export { createDependencies, createNodes, createNodesV2, LINT_CONFIG_FILE, type GoDockerPluginOptions } from './graph/plugin';

// This module is also the plugin Nx's worker loads on every command: the generators (and the whole of
// @nx/devkit they import) load on first call only.
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<void> {
  return (await import('./generators/init/generator')).initGenerator(tree, options);
}

export async function setupGenerator(tree: Tree, schema: SetupGeneratorSchema = {}): Promise<void> {
  return (await import('./generators/setup/generator')).setupGenerator(tree, schema);
}

export async function ciGenerator(tree: Tree, schema: CiGeneratorSchema = {}): Promise<void> {
  return (await import('./generators/ci/generator')).ciGenerator(tree, schema);
}
