import { logger, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { type Layout, writeLayout } from '../../test-utils/fixtures';
import { initGenerator } from '../init/generator';
import { expectGoldenFiles, generatedFiles } from './__fixtures__/golden';
import { applySetup, setupGenerator } from './generator';
import type { SetupGeneratorSchema } from './schema';

function workspace(layout: Layout): Tree {
  const tree = createTreeWithEmptyWorkspace();
  writeLayout(tree, layout);
  return tree;
}

const GOLDEN_CASES: Array<[string, Layout, SetupGeneratorSchema]> = [
  ['go-work', 'go-work', { port: 8080 }],
  ['root-module', 'root-module', {}],
  ['replace', 'replace', { port: 8080 }],
  ['go-work-scratch', 'go-work', { runtime: 'scratch' }],
  ['go-work-debug-custom-image', 'go-work', { debugSymbols: true, goImage: 'registry.example.com/mirror/golang:1.26.8', port: 9000, projects: 'api' }],
  ['replace-prebuilt', 'replace', { strategy: 'prebuilt', port: 8080 }],
  ['root-module-prebuilt-scratch', 'root-module', { strategy: 'prebuilt', runtime: 'scratch', projects: ['web', 'migrate'] }],
];

describe('setup generator', () => {
  beforeEach(() => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('golden files', () => {
    // UPDATE_GOLDEN=1 npx nx run go-docker:test rewrites them; review the diff like code.
    it.each(GOLDEN_CASES)('%s', async (name, layout, options) => {
      const tree = workspace(layout);
      await applySetup(tree, options);
      expectGoldenFiles(name, tree);
    });
  });

  it('writes one Dockerfile per application, in the project that owns it', async () => {
    const tree = workspace('root-module');
    const results = await applySetup(tree);
    expect(results.map((r) => [r.project, r.app.dir, r.dockerfile, r.ignore])).toEqual([
      ['web', 'apps/web', 'created', 'created'],
      ['migrate', 'cmd/migrate', 'created', 'created'],
      ['sqlite-probe', 'cmd/sqlite-probe', 'created', 'created'],
    ]);
    expect(tree.exists('libs/store/Dockerfile')).toBe(false);
  });

  it('names projects of modules that no project.json defines as the graph plugin does', async () => {
    const results = await applySetup(workspace('go-work'));
    expect(results.map((r) => r.project)).toEqual(['api', 'worker']);
  });

  it('gives a cgo app CGO_ENABLED=1, a glibc runtime and a warning', async () => {
    const tree = workspace('root-module');
    await applySetup(tree, { projects: 'sqlite-probe' });
    const dockerfile = tree.read('cmd/sqlite-probe/Dockerfile', 'utf-8') as string;
    expect(dockerfile).toContain('CGO_ENABLED=1 GOOS=$TARGETOS');
    expect(dockerfile).toContain('ARG RUNTIME_IMAGE=gcr.io/distroless/base-debian12:nonroot');
    // `go 1.26.0` is a minimum: the 1.26 line's newest patch satisfies it.
    expect(dockerfile).toContain('ARG GO_IMAGE=docker.io/library/golang:1.26-bookworm');
    expect(dockerfile).not.toContain('--platform=$BUILDPLATFORM');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('cmd/sqlite-probe uses cgo'));
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('cross C toolchain'));
  });

  it('follows every rule in the static Dockerfile', async () => {
    const tree = workspace('go-work');
    await applySetup(tree, { port: 8080 });
    const dockerfile = tree.read('apps/api/Dockerfile', 'utf-8') as string;
    const lines = dockerfile.split('\n');
    const index = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    expect(dockerfile).not.toMatch(/^# syntax=/m);
    expect(dockerfile).not.toMatch(/COPY --link|<<EOF|COPY \. /);
    expect(index(/go mod download/)).toBeLessThan(index(/go build/));
    expect(dockerfile).toContain('--mount=type=bind,target=/src \\');
    expect(dockerfile).toContain('--mount=type=bind,source=go.work,target=/src/go.work');
    expect(dockerfile).toContain('--mount=type=cache,target=/root/.cache/go-build');
    expect(dockerfile).toContain('FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS build');
    expect(dockerfile).toContain('GOOS=$TARGETOS GOARCH=$TARGETARCH');
    expect(dockerfile).toMatch(/ARG GO_IMAGE=docker\.io\/library\/golang:1\.26\n/);
    expect(dockerfile).toContain('-trimpath -buildvcs=false -ldflags="-s -w"');
    expect(index(/^USER 1001:1001$/)).toBeLessThan(index(/^COPY --from=build/));
    expect(index(/^EXPOSE 8080$/)).toBeLessThan(index(/^COPY --from=build/));
    expect(lines[index(/^COPY --from=build/) + 1]).toBe('ENTRYPOINT ["/usr/local/bin/api"]');
  });

  it('bind-mounts go.sum only where it exists', async () => {
    const tree = workspace('replace');
    await applySetup(tree, { projects: 'gateway' });
    expect(tree.read('apps/gateway/Dockerfile', 'utf-8')).not.toContain('go.sum');
  });

  it('writes an allow-list ignore file: module files, package sources, embeds; not tests, .git, .env or other apps', async () => {
    const tree = workspace('replace');
    await applySetup(tree, { projects: 'gateway' });
    const ignore = (tree.read('apps/gateway/Dockerfile.dockerignore', 'utf-8') as string).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ignore).toEqual(['*', '!apps/gateway/go.mod', '!libs/auth/go.mod', '!apps/gateway/*.go', '!apps/gateway/static', '!libs/auth/*.go', '**/*_test.go']);
  });

  it('builds a self-contained module from its own root', async () => {
    const tree = workspace('replace');
    await applySetup(tree, { projects: 'standalone' });
    const dockerfile = tree.read('apps/standalone/Dockerfile', 'utf-8') as string;
    expect(dockerfile).toContain('go build -trimpath -buildvcs=false -ldflags="-s -w" -o /out/standalone .\n');
    expect(dockerfile).toContain('-f apps/standalone/Dockerfile apps/standalone\n');
    expect(tree.read('apps/standalone/Dockerfile.dockerignore', 'utf-8')).toContain('\n!go.mod\n!*.go\n');
  });

  it('is idempotent: a second run changes nothing', async () => {
    const tree = workspace('go-work');
    await applySetup(tree, { port: 8080 });
    const before = generatedFiles(tree);
    const again = await applySetup(tree, { port: 8080 });
    expect(again.flatMap((r) => [r.dockerfile, r.ignore])).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(generatedFiles(tree)).toEqual(before);
  });

  it('updates its own untouched output when the code changes (a new local import)', async () => {
    const tree = workspace('go-work');
    await applySetup(tree);
    tree.write('apps/worker/main.go', 'package main\n\nimport "example.com/libs/greeting"\n\nfunc main() { println(greeting.Hello("w")) }\n');
    const [, worker] = await applySetup(tree);
    expect([worker.dockerfile, worker.ignore]).toEqual(['unchanged', 'updated']);
    expect(tree.read('apps/worker/Dockerfile.dockerignore', 'utf-8')).toContain('!libs/greeting/*.go');
  });

  it('never overwrites a file the user edited, unless --force', async () => {
    const tree = workspace('go-work');
    await applySetup(tree);
    const edited = (tree.read('apps/api/Dockerfile', 'utf-8') as string).replace('USER 1001:1001', 'USER 1001:1001\nLABEL team=payments');
    tree.write('apps/api/Dockerfile', edited);
    tree.write('apps/worker/Dockerfile', 'FROM docker.io/library/alpine:3.20\n');

    const kept = await applySetup(tree);
    expect(kept.map((r) => r.dockerfile)).toEqual(['kept-edited', 'kept-foreign']);
    expect(tree.read('apps/api/Dockerfile', 'utf-8')).toBe(edited);
    expect(tree.read('apps/worker/Dockerfile', 'utf-8')).toBe('FROM docker.io/library/alpine:3.20\n');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('--force overwrites it'));

    const forced = await applySetup(tree, { force: true });
    expect(forced.map((r) => r.dockerfile)).toEqual(['overwritten', 'overwritten']);
    expect(tree.read('apps/api/Dockerfile', 'utf-8')).not.toContain('LABEL team=payments');
  });

  it('sets up only the requested projects, and names unknown ones', async () => {
    const tree = workspace('root-module');
    const results = await applySetup(tree, { projects: 'web, migrate' });
    expect(results.map((r) => r.project)).toEqual(['web', 'migrate']);
    await expect(applySetup(tree, { projects: 'web,store,nope' })).rejects.toThrow(
      'no Go application in project(s) store, nope. Projects with Go applications: migrate, sqlite-probe, web.',
    );
  });

  it('warns of a malformed go.mod with file and line, and sets up every app that does not need it', async () => {
    const tree = workspace('replace');
    tree.write('libs/auth/go.mod', 'module example.com/auth\ngo 1.26\nrequire (\n');
    const results = await applySetup(tree);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('libs/auth/go.mod:3: "require (" block is never closed'));
    expect(results.map((r) => r.app.dir)).toEqual(['apps/standalone']);
    expect(tree.exists('apps/gateway/Dockerfile')).toBe(false);
  });

  it('says so when there is no Go application', async () => {
    expect(await applySetup(createTreeWithEmptyWorkspace())).toEqual([]);
    await expect(setupGenerator(createTreeWithEmptyWorkspace())).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('no Go application found'));
  });
});

describe('init generator', () => {
  it('registers the plugin once', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await initGenerator(tree, {});
    const first = tree.read('nx.json', 'utf-8');
    expect(readNxJson(tree)?.plugins).toContainEqual({ plugin: 'go-docker', options: {} });
    await initGenerator(tree, {});
    expect(tree.read('nx.json', 'utf-8')).toBe(first);
  });

  it('keeps a string registration and other plugins', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('nx.json', JSON.stringify({ plugins: ['@nx/js/typescript', 'go-docker'] }));
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.plugins).toEqual(['@nx/js/typescript', 'go-docker']);
  });
});
