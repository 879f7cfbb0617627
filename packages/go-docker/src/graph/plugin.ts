/** The Nx plugin entry points (nx.json: `{ "plugin": "go-docker" }` loads them from the package main). */
export { createNodes, createNodesV2 } from './create-nodes';
export { createDependencies } from './create-dependencies';
export type { GoDockerPluginOptions } from './options';
export { LINT_CONFIG_FILE } from './lint-config';
