export { initGenerator } from './generators/init/generator';
export { setupGenerator } from './generators/setup/generator';
export { ciGenerator } from './generators/ci/generator';
export { createDependencies, createNodes, createNodesV2, LINT_CONFIG_FILE, type GoDockerPluginOptions } from './graph/plugin';
