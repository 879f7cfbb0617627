import type { SetupGeneratorSchema } from '../../generators/setup/schema';
import { logger } from '@nx/devkit';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { resetWorkspaceContext } from 'nx/src/utils/workspace-context';
import { setupGenerator } from '../../generators/setup/generator';

/** Writes a Dockerfile per Go application with the real setup generator, as a user would. */
export async function writeDockerfiles(root: string, options: SetupGeneratorSchema = {}): Promise<void> {
  const tree = new FsTree(root, false);
  // The generator's per-app report (and its cgo warning) is noise in test output.
  const { info, warn } = logger;
  logger.info = logger.warn = () => undefined;
  try {
    await setupGenerator(tree, options);
  } finally {
    Object.assign(logger, { info, warn });
  }
  flushChanges(root, tree.listChanges());
  // The generator indexed the workspace before the files existed; a new Nx process would index afresh.
  resetWorkspaceContext();
}
