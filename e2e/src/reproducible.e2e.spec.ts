// Reproducible images: the same commit built twice from nothing — each time on a brand-new buildkitd
// (empty layer and cache-mount caches, a second builder the second time), no Nx cache, two arches, pushed
// to the lab registry — gives one digest; a one-line change gives another. Needs the lab (`npm run lab:up`).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Lab, lab, manifestDigest, manifestPlatforms, readJson, sh } from './support/lab';
import { commitAll, registryChildEnv, run, workspaceWithLayout } from './support/nx-workspace';
import { freshBuilder } from './support/buildkit';

jest.setTimeout(40 * 60 * 1000);

const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const env = registryChildEnv;

/** A one-module app using only the standard library: no module proxy needed, the cold builds stay short. */
function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'go-docker-repro-fixture-'));
  mkdirSync(join(dir, 'apps', 'hello'), { recursive: true });
  writeFileSync(join(dir, 'apps/hello/go.mod'), 'module example.com/hello\n\ngo 1.26\n');
  writeFileSync(join(dir, 'apps/hello/main.go'), 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello, version one")\n}\n');
  writeFileSync(join(dir, 'apps/hello/project.json'), JSON.stringify({ name: 'hello', root: 'apps/hello', projectType: 'application' }, null, 2));
  return dir;
}

interface Metadata {
  digest: string;
  platforms: string[];
  created?: string;
  provenance?: string;
}

let L: Lab;
let ws: string;
const image = () => `${L.registry}/e2e-repro/hello:latest`;
const nx = (...args: string[]) => run('npx', ['nx', ...args], ws, { ...env(), ...L.env, BUILDX_GIT_INFO: 'false' });
const metadata = () => readJson<Metadata>(join(ws, 'dist/docker/apps/hello/metadata.json'));
/** A build of the workspace as it is, with the Nx cache skipped, on a buildkitd that has never built anything. */
const cleanBuild = (builder: string) => freshBuilder(L, builder, () => {
  const output = nx('run', 'hello:docker-build', `--builder=${builder}`, '--skip-nx-cache');
  return { output, metadata: metadata(), pushed: manifestDigest(image()) };
});
/** The image config of one platform of the pushed list, as the registry serves it. */
function config(digest: string, platform: string): { created: string; config: { Labels: Record<string, string> } } {
  const raw = (ref: string) => JSON.parse(sh('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]).stdout);
  const list = raw(`${L.registry}/e2e-repro/hello@${digest}`) as { manifests: Array<{ digest: string; platform: { os: string; architecture: string } }> };
  const entry = list.manifests.find((m) => `${m.platform.os}/${m.platform.architecture}` === platform);
  if (!entry) throw new Error(`no ${platform} in ${JSON.stringify(list)}`);
  return JSON.parse(sh('skopeo', ['inspect', '--config', '--raw', '--tls-verify=false', `docker://${L.registry}/e2e-repro/hello@${entry.digest}`]).stdout);
}

beforeAll(() => {
  L = lab();
  ws = workspaceWithLayout('reproducible', fixture(), env());
  run('npx', ['nx', 'add', 'go-docker'], ws, env());
  run('npx', ['nx', 'g', 'go-docker:setup'], ws, env());
  const nxJson = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8'));
  // Only what a user of the lab must say: where to push, and the module proxy. Everything else is the default.
  nxJson.targetDefaults = { ...nxJson.targetDefaults, 'docker-build': { options: { push: true, tags: [image()], buildArgs: { GOPROXY: L.goproxy } } } };
  writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
  commitAll(ws, 'setup', env());
});

describe('the same commit, built twice from nothing on two builders', () => {
  let first: { output: string; metadata: Metadata; pushed: string };
  let second: typeof first;

  beforeAll(async () => {
    first = await cleanBuild('e2e-repro-a');
    second = await cleanBuild('e2e-repro-b');
    console.log(`clean build digests: ${first.pushed} (builder e2e-repro-a), ${second.pushed} (builder e2e-repro-b)`);
  });

  it('pushes one digest, for amd64 and arm64, and records it', () => {
    expect(first.output).toMatch(/go build/); // really built: a fresh builder has nothing cached
    expect(manifestPlatforms(image())).toEqual(PLATFORMS);
    expect(second.pushed).toBe(first.pushed);
    expect([first.metadata.digest, second.metadata.digest]).toEqual([first.pushed, first.pushed]);
  });

  it("dates the image at the commit's time, not the build's (config created and the created label)", () => {
    const commitTime = Number(run('git', ['log', '-1', '--format=%ct'], ws, env()).trim());
    const created = new Date(commitTime * 1000).toISOString();
    expect(first.metadata.created).toBe(created);
    for (const platform of PLATFORMS) {
      const image = config(first.pushed, platform);
      expect(new Date(image.created).toISOString()).toBe(created);
      expect(image.config.Labels['org.opencontainers.image.created']).toBe(created);
    }
  });

  it('keeps the provenance in the task outputs, per platform, instead of in the image', () => {
    expect(first.metadata.provenance).toBe('provenance.json');
    const provenance = readJson<Record<string, { buildType?: string; invocation?: unknown }>>(join(ws, 'dist/docker/apps/hello/provenance.json'));
    expect(Object.keys(provenance).sort()).toEqual(PLATFORMS);
    expect(provenance['linux/amd64'].invocation).toBeDefined();
  });

  it('a one-line source change gives a new digest, and an Nx cache replay names that image', () => {
    const main = join(ws, 'apps/hello/main.go');
    writeFileSync(main, readFileSync(main, 'utf8').replace('version one', 'version two'));
    commitAll(ws, 'one line', env());
    // The lab's own builder (warm): the digest depends on the sources, not on which builder or cache.
    nx('run', 'hello:docker-build', `--builder=${L.builder}`);
    const changed = manifestDigest(image());
    console.log(`after a one-line change: ${changed}`);
    expect(changed).not.toBe(first.pushed);
    expect(metadata().digest).toBe(changed);
    const replay = nx('run', 'hello:docker-build', `--builder=${L.builder}`);
    expect(replay).toMatch(/\[(local cache|existing outputs match the cache, left as is)\]/);
    expect(metadata().digest).toBe(changed);
  });
});
