import { logger, readNxJson, type Tree, updateNxJson } from '@nx/devkit';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = 'go-docker';

/** Registers the plugin in nx.json; a second run finds it registered and changes nothing. */
export async function initGenerator(tree: Tree, _options: InitGeneratorSchema = {}): Promise<void> {
  addPluginEntry(tree);
}

/** Returns whether nx.json changed. */
function addPluginEntry(tree: Tree): boolean {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const registered = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (registered) return false;
  nxJson.plugins = [...plugins, { plugin: PLUGIN_NAME, options: {} }];
  updateNxJson(tree, nxJson);
  return true;
}

/** What init does, for generators run before it (setup): only in an Nx workspace, and said when it happens. */
export async function registerPlugin(tree: Tree): Promise<void> {
  if (!tree.exists('nx.json')) return;
  if (addPluginEntry(tree)) logger.info(`go-docker: registered the plugin in nx.json (what \`nx add go-docker\` does), so every Go application with a Dockerfile gets its targets.`);
}

export default initGenerator;
