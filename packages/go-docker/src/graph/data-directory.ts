import { isAbsolute, join } from 'node:path';

/**
 * Nx's workspace data directory (`.nx/workspace-data`, or NX_WORKSPACE_DATA_DIRECTORY), where the
 * plugin keeps its caches so that `nx reset` clears them. Nx exports no public API for it; this is the
 * rule every Nx version from 19 on applies.
 */
export function workspaceDataDirectory(workspaceRoot: string): string {
  const configured = process.env.NX_WORKSPACE_DATA_DIRECTORY ?? process.env.NX_PROJECT_GRAPH_CACHE_DIRECTORY;
  if (!configured) return join(workspaceRoot, '.nx', 'workspace-data');
  return isAbsolute(configured) ? configured : join(workspaceRoot, configured);
}
