import { logger } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { writeLayout } from '../../test-utils/fixtures';
import { applySetup } from './generator';

describe('setup never loses a file of yours', () => {
  let infos: string[];
  let warnings: string[];
  beforeEach(() => {
    infos = [];
    warnings = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'warn').mockImplementation((m) => void warnings.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  async function editedWorkspace() {
    const tree = createTreeWithEmptyWorkspace();
    writeLayout(tree, 'go-work');
    await applySetup(tree);
    const edited = (tree.read('apps/api/Dockerfile', 'utf-8') as string).replace('USER 1001:1001', 'USER 1001:1001\nLABEL team=payments');
    tree.write('apps/api/Dockerfile', edited);
    tree.write('apps/worker/Dockerfile', 'FROM docker.io/library/alpine:3.20\n');
    infos.length = warnings.length = 0;
    return { tree, edited };
  }

  it('without --force keeps edited and hand-written files, one warning naming each file', async () => {
    const { tree, edited } = await editedWorkspace();
    await applySetup(tree);
    expect(tree.read('apps/api/Dockerfile', 'utf-8')).toBe(edited);
    expect(warnings).toEqual([
      'go-docker:setup: api: apps/api/Dockerfile kept: edited since setup wrote it; --force replaces it and saves yours as apps/api/Dockerfile~.',
      'go-docker:setup: worker: apps/worker/Dockerfile kept: setup did not write it; --force replaces it and saves yours as apps/worker/Dockerfile~.',
    ]);
    // The other files are named once, in the per-project line.
    expect(infos).toEqual(['go-docker:setup: api: apps/api/Dockerfile.dockerignore (unchanged)', 'go-docker:setup: worker: apps/worker/Dockerfile.dockerignore (unchanged)']);
  });

  it('--force saves each overwritten file beside it (numbered when a backup exists) and prints the diff it writes', async () => {
    const { tree, edited } = await editedWorkspace();
    tree.write('apps/worker/Dockerfile~', 'an older backup\n');
    const results = await applySetup(tree, { force: true });
    expect(results.map((r) => r.dockerfile)).toEqual(['overwritten', 'overwritten']);
    expect(tree.read('apps/api/Dockerfile~', 'utf-8')).toBe(edited);
    expect(tree.read('apps/worker/Dockerfile.~1~', 'utf-8')).toBe('FROM docker.io/library/alpine:3.20\n');
    expect(tree.read('apps/worker/Dockerfile~', 'utf-8')).toBe('an older backup\n');
    expect(warnings).toEqual(['go-docker:setup: --force: your version is saved as apps/api/Dockerfile~', 'go-docker:setup: --force: your version is saved as apps/worker/Dockerfile.~1~']);
    const diff = infos.find((m) => m.startsWith('--- a/apps/api/Dockerfile'));
    expect(diff).toContain('\n-LABEL team=payments\n');
    expect(diff).toMatch(/^\+\+\+ b\/apps\/api\/Dockerfile$/m);
  });
});
