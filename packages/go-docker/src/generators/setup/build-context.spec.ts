/**
 * The Docker build stage, replayed on the host with the real Go toolchain: for every app of every layout,
 * the context filtered through the generated ignore file must hold everything `go build` needs, and the
 * WORKDIR and package path of the Dockerfile must be where the go command finds its module or go.work.
 * (The container lab then runs the same Dockerfiles in BuildKit and podman; this is the fast check.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { logger } from '@nx/devkit';
import { filteredContext } from '../../executors/build/ignore-file';
import { go, LAYOUTS, LAYOUTS_DIR } from '../../test-utils/fixtures';
import { applySetup } from './generator';

describe.each(LAYOUTS)('the build stage of every %s Dockerfile, replayed with the real go command', (layout) => {
  const root = mkdtempSync(join(tmpdir(), `go-docker-stage-${layout}-`));
  cpSync(join(LAYOUTS_DIR, layout), root, { recursive: true });

  it('builds from the filtered context', async () => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const tree = new FsTree(root, false);
    const results = await applySetup(tree);
    flushChanges(root, tree.listChanges());
    expect(results.length).toBeGreaterThan(0);
    for (const { app } of results) {
      const dockerfile = readFileSync(join(root, app.dir, 'Dockerfile'), 'utf8');
      const context = /-f \S+ (\S+)\n/.exec(dockerfile)?.[1] as string;
      const workdir = /^WORKDIR \/src(\/\S+)?$/m.exec(dockerfile)?.[1] ?? '';
      const packagePath = /go build .* -o \S+ (\S+)$/m.exec(dockerfile)?.[1] as string;
      const stage = filteredContext(join(root, context), join(root, app.dir, 'Dockerfile.dockerignore'));
      try {
        const cwd = join(stage, workdir);
        go(['mod', 'download'], cwd);
        go(['build', '-trimpath', '-buildvcs=false', '-o', '/dev/null', packagePath], cwd, { CGO_ENABLED: app.usesCgo ? '1' : '0' });
      } finally {
        rmSync(stage, { recursive: true, force: true });
      }
    }
  });
});
