import { join } from 'node:path';
import { generateFiles, readNxJson, type Tree } from '@nx/devkit';
import { findApplications } from '../../go/applications';
import { loadGoWorkspace } from '../../go/workspace';
import { TreeWorkspaceFiles } from '../../utils/tree-files';
import type { CiGeneratorSchema, QemuSetup } from './schema';

export const WORKFLOWS_DIR = '.github/workflows';

/**
 * Writes the GitHub Actions workflow; running it again with the same options changes nothing. The
 * template is already formatted, so no formatter runs (YAML comments and layout stay as written).
 */
export async function ciGenerator(tree: Tree, schema: CiGeneratorSchema = {}): Promise<void> {
  const name = schema.name ?? 'go-docker';
  generateFiles(tree, join(__dirname, 'files'), WORKFLOWS_DIR, {
    name,
    mainBranch: schema.mainBranch ?? readNxJson(tree)?.defaultBase ?? 'main',
    registry: schema.registry ?? 'ghcr.io',
    registryUsername: schema.registryUsername ?? '${{ github.actor }}',
    registryPasswordSecret: schema.registryPasswordSecret ?? 'GITHUB_TOKEN',
    nodeVersion: schema.nodeVersion ?? '20',
    qemu: needsQemu(tree, schema.qemu ?? 'auto'),
    template: '',
  });
}

export default ciGenerator;

/** QEMU only pays off for cgo apps: pure Go cross-compiles on the runner's own platform. */
function needsQemu(tree: Tree, setting: QemuSetup): boolean {
  if (setting !== 'auto') return setting === 'always';
  return findApplications(loadGoWorkspace(new TreeWorkspaceFiles(tree))).some((app) => app.usesCgo);
}
