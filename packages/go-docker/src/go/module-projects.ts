import { basename } from './file-system';
import type { GoModule } from './workspace';

/**
 * Name of the Nx project go-docker infers for a Go module that no project.json, package.json or other
 * plugin defines: the module directory's name (the module path's last element for a root module).
 */
export function inferredProjectName(module: Pick<GoModule, 'root' | 'path'>): string {
  const source = module.root === '.' ? module.path : module.root;
  return basename(source.replace(/\/v\d+$/, '')).replace(/[^A-Za-z0-9._-]/g, '-');
}
