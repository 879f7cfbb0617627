import { readNxJson, type Tree, updateNxJson } from '@nx/devkit';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = 'go-docker';

/** Registers the plugin in nx.json; a second run finds it registered and changes nothing. */
export async function initGenerator(tree: Tree, _options: InitGeneratorSchema = {}): Promise<void> {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const registered = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (registered) return;
  nxJson.plugins = [...plugins, { plugin: PLUGIN_NAME, options: {} }];
  updateNxJson(tree, nxJson);
}

export default initGenerator;
