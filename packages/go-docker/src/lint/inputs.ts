/**
 * The files a `docker-lint` run depends on, for a cacheable Nx target's `inputs`: the Dockerfile, both ignore
 * files BuildKit may consult (listed even when absent, so creating one invalidates the cache), the lint config
 * file and nx.json (plugin options).
 */
import { isAbsolute, join, relative } from 'node:path';
import { CONFIG_FILE_NAME } from './config';
import { ignoreFileCandidates } from './dockerignore';

export interface LintInputsOptions {
  /** Workspace root (absolute). */
  workspaceRoot: string;
  /** The Dockerfile, absolute or relative to the workspace root. */
  dockerfile: string;
  /** The build context directory, absolute or relative to the workspace root (default: the Dockerfile's directory). */
  context?: string;
  /** An explicit config file (as given to the executor's `config` option). */
  config?: string;
}

/** Workspace-relative, `/`-separated paths (use as `{workspaceRoot}/<path>` in Nx inputs). */
export function lintInputFiles(options: LintInputsOptions): string[] {
  const root = options.workspaceRoot;
  const abs = (p: string) => (isAbsolute(p) ? p : join(root, p));
  const dockerfile = abs(options.dockerfile);
  const context = options.context ? abs(options.context) : join(dockerfile, '..');
  const files = [dockerfile, ...ignoreFileCandidates(dockerfile, context), abs(options.config ?? CONFIG_FILE_NAME), join(root, 'nx.json')];
  return [...new Set(files.map((f) => relative(root, f).split('\\').join('/')))];
}
