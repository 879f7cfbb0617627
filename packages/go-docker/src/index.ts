export { initGenerator } from './generators/init/generator';
export { setupGenerator } from './generators/setup/generator';
