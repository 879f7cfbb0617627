// The images our generated Dockerfiles make, built by real engines on the container lab
// (`npm run lab:up`): BuildKit through buildx, dockerd's built-in BuildKit, podman. Every image is
// run (arm64 under qemu) and answers HTTP. Needs the lab; fails, never skips, without it.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addToGoProxy, httpAnswer, imageFacts, type Lab, lab, manifestDigest, manifestPlatforms, readJson, sh } from './support/lab';
import { REPO_ROOT } from './support/local-registry';
import { commitAll, registryChildEnv, run, workspaceWithLayout } from './support/nx-workspace';
import { freshBuilder, stepTimings, timed } from './support/buildkit';

const MONOREPO = join(REPO_ROOT, 'e2e', 'fixtures', 'monorepo');
const PROBE = join(REPO_ROOT, 'e2e', 'fixtures', 'probe', 'ctx-probe.Dockerfile');
const env = registryChildEnv;

interface App {
  project: string;
  binary: string;
  answer: RegExp;
  /** Static binary on distroless static or scratch. */
  static: boolean;
}
const APPS: App[] = [
  { project: 'api', binary: 'api', answer: /^200 hello from api id=[0-9a-f-]{36}\n$/, static: true },
  { project: 'clock', binary: 'clock', answer: /^200 clock zone=CET roots=\d+\n$/, static: true },
  { project: 'cgo-hello', binary: 'cgo-hello', answer: /^200 cgo answer=42\n$/, static: false },
  // legacy/cmd/report: an application inside a module is a project of its own, named after its folder.
  { project: 'report', binary: 'report', answer: /^200 report mean=2\.5\n$/, static: true },
  { project: 'gateway', binary: 'gateway', answer: /^200 gateway user=anonymous\n$/, static: true },
];
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const ELF = { 'linux/amd64': 0x3e, 'linux/arm64': 0xb7 } as Record<string, number>;

let L: Lab;
let ws: string;
const nx = (...args: string[]) => run('npx', ['nx', ...args], ws, { ...env(), ...L.env, BUILDX_GIT_INFO: 'false' });
/** Like nx(), but returns the exit status and output instead of throwing. */
const nxStatus = (...args: string[]) => sh('npx', ['nx', ...args], { cwd: ws, env: { ...env(), ...L.env }, allowFailure: true });
const image = (project: string, tag = 'latest') => `${L.registry}/e2e/${project}:${tag}`;
let port = 18400;

beforeAll(() => {
  L = lab();
  ws = workspaceWithLayout('containers', MONOREPO, env());
  // What must never reach an image: a secret at the root and beside an app; .git exists already.
  writeFileSync(join(ws, '.env'), 'STRIPE_KEY=sk_live_must_not_leak\n');
  writeFileSync(join(ws, 'apps/api/.env'), 'DB_PASSWORD=must_not_leak\n');
  run('npx', ['nx', 'add', 'go-docker'], ws, env());
  run('npx', ['nx', 'g', 'go-docker:setup', '--port=8080'], ws, env());
  run('npx', ['nx', 'g', 'go-docker:setup', '--projects=clock', '--runtime=scratch'], ws, env());
  const nxJson = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8'));
  nxJson.targetDefaults = {
    ...nxJson.targetDefaults,
    'docker-build': {
      options: {
        builder: L.builder,
        push: true,
        platforms: PLATFORMS,
        tags: [`${L.registry}/e2e/{projectName}:latest`],
        buildArgs: { GOPROXY: L.goproxy },
        // A registry cache would upload base layers on every run here; the cache test below exports one explicitly.
        cacheFrom: [],
        cacheTo: [],
      },
    },
  };
  writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
  addToGoProxy(join(ws, 'apps', 'api'));
  copyFileSync(PROBE, join(ws, 'apps/api/ctx-probe.Dockerfile'));
  copyFileSync(join(ws, 'apps/api/Dockerfile.dockerignore'), join(ws, 'apps/api/ctx-probe.Dockerfile.dockerignore'));
  commitAll(ws, 'setup', env());
});

it('docker-lint passes on every generated Dockerfile', () => {
  const output = nx('run-many', '-t', 'docker-lint', '--projects', APPS.map((a) => a.project).join(','));
  expect(output).toMatch(/Successfully ran target docker-lint for 5 projects/);
});

it('buildx builds every image for amd64 and arm64 and pushes a manifest list', () => {
  nx('run-many', '-t', 'docker-build', '--projects', APPS.map((a) => a.project).join(','), '--parallel=1');
  for (const app of APPS) {
    expect([app.project, manifestPlatforms(image(app.project))]).toEqual([app.project, PLATFORMS]);
    const projectRoot = app.project === 'report' ? 'legacy/cmd/report' : app.project === 'gateway' ? 'edge/gateway' : `apps/${app.project}`;
    const metadata = readJson<{ digest: string; engine: string; platforms: string[] }>(join(ws, 'dist/docker', projectRoot, 'metadata.json'));
    expect(metadata).toMatchObject({ engine: 'buildx', platforms: PLATFORMS, digest: expect.stringMatching(/^sha256:/) });
  }
});

describe.each(APPS)('the $project image', (app) => {
  it.each(PLATFORMS)('on %s: answers HTTP, runs as 1001:1001, no shell, holds a binary of that architecture', async (platform) => {
    sh(L.docker, ['pull', '--platform', platform, image(app.project)]);
    const facts = imageFacts(L.docker, image(app.project), platform, `/usr/local/bin/${app.binary}`);
    expect(facts.user).toBe('1001:1001');
    expect(facts.architecture).toBe(platform.split('/')[1]);
    expect(facts.elfMachine).toBe(ELF[platform]);
    expect(facts.hasShell).toBe(false);
    // Static images are the binary plus at most 3 MB (CA bundle, time zones, passwd).
    if (app.static) expect(facts.size - facts.binarySize).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(await httpAnswer(L.docker, image(app.project), platform, port++)).toMatch(app.answer);
  });
});

describe('only the allow-list enters the build context (.git, .env, tests, other apps stay out)', () => {
  // The probe Dockerfile sits beside the api one with a copy of its ignore file and fails if anything leaks.
  const probe = ['--file=apps/api/ctx-probe.Dockerfile', '--context=.', '--push=false', '--platforms=linux/amd64', '--skip-nx-cache'];
  it('buildx (BuildKit)', () => {
    expect(nx('run', 'api:docker-build', ...probe, '--load=false', '--outputs=type=cacheonly', '--noCache')).toContain('apps/api/main.go');
  });
  it("dockerd's built-in BuildKit (docker engine, no buildx)", () => {
    expect(nx('run', 'api:docker-build', ...probe, '--engine=docker', `--dockerPath=${L.docker20}`, '--network=host', '--noCache', '--tags=e2e-probe:docker')).toContain('apps/api/main.go');
  });
  it('podman (the executor hands it a context filtered by the ignore file)', () => {
    expect(nx('run', 'api:docker-build', ...probe, '--engine=podman', '--network=host', '--noCache', '--tags=e2e-probe:podman')).toContain('apps/api/main.go');
  });
});

it("editing one .go file rebuilds reusing the module download step and the Go build cache (dockerd's BuildKit)", () => {
  const build = (tag: string) => nx('run', 'api:docker-build', '--engine=docker', `--dockerPath=${L.docker20}`, '--network=host', '--push=false', '--platforms=linux/amd64', `--tags=e2e-api:${tag}`, '--skip-nx-cache');
  sh(L.docker20, ['builder', 'prune', '-af']);
  const cold = stepTimings(build('cold'));
  writeFileSync(join(ws, 'apps/api/main.go'), readFileSync(join(ws, 'apps/api/main.go'), 'utf8').replace('"%s id=%s\\n"', '"%s (edited) id=%s\\n"'));
  const warm = stepTimings(build('warm'));
  expect(cold.step('go mod download')).toMatchObject({ cached: false });
  expect(warm.step('go mod download')).toMatchObject({ cached: true });
  expect(warm.step('go build')).toMatchObject({ cached: false });
  // The Go build cache (a cache mount) survives: only the edited package recompiles.
  expect(warm.step('go build').seconds).toBeLessThan(cold.step('go build').seconds / 2);
  console.log(`go build step: cold ${cold.step('go build').seconds}s, warm ${warm.step('go build').seconds}s after a one-line edit`);
});

it('podman builds both architectures through the executor, and an edited source really changes the binary', async () => {
  const main = join(ws, 'apps/api/main.go');
  const mark = (text: string) => writeFileSync(main, readFileSync(main, 'utf8').replace(/"%s[^"]*id=%s\\n"/, `"%s (${text}) id=%s\\n"`));
  const build = () => nx('run', 'api:docker-build', '--engine=podman', '--network=host', `--tags=${image('api-podman')}`, '--skip-nx-cache');
  mark('podman 1');
  build();
  expect(manifestPlatforms(image('api-podman'))).toEqual(PLATFORMS);
  for (const platform of PLATFORMS) {
    sh(L.docker, ['pull', '--platform', platform, image('api-podman')]);
    const facts = imageFacts(L.docker, image('api-podman'), platform, '/usr/local/bin/api');
    expect([facts.user, facts.elfMachine, facts.hasShell]).toEqual(['1001:1001', ELF[platform], false]);
    expect(facts.size - facts.binarySize).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(await httpAnswer(L.docker, image('api-podman'), platform, port++)).toMatch(/^200 hello from api \(podman 1\) id=/);
  }
  // podman's layer cache ignores bind-mounted sources: without --layers=false this would ship the old binary.
  mark('podman 2');
  build();
  sh(L.docker, ['pull', '--platform', 'linux/amd64', image('api-podman')]);
  expect(await httpAnswer(L.docker, image('api-podman'), 'linux/amd64', port++)).toMatch(/^200 hello from api \(podman 2\) id=/);
});

it('docker without buildx builds each platform and joins them into a manifest list', async () => {
  // dockerd's store keeps one platform per tag, so its BuildKit only finds foreign-arch bases through the
  // docker.io mirror: clock (golang build stage on the build platform, scratch runtime) needs nothing else.
  nx('run', 'clock:docker-build', '--engine=docker', `--dockerPath=${L.docker20}`, '--network=host', `--tags=${image('clock-docker')}`, '--skip-nx-cache');
  expect(manifestPlatforms(image('clock-docker'))).toEqual(PLATFORMS);
  sh(L.docker, ['pull', '--platform', 'linux/arm64', image('clock-docker')]);
  expect(await httpAnswer(L.docker, image('clock-docker'), 'linux/arm64', port++)).toMatch(/^200 clock zone=CET/);
});

it('the prebuilt strategy: go-build compiles on the host for both arches, docker-build only copies the binary', async () => {
  run('npx', ['nx', 'g', 'go-docker:setup', '--projects=report', '--strategy=prebuilt'], ws, env());
  const output = nx('run', 'report:docker-build', `--tags=${image('legacy-prebuilt')}`, '--skip-nx-cache');
  expect(output).toContain('nx run report:go-build');
  expect(existsSync(join(ws, 'dist/legacy/cmd/report/linux_arm64/report'))).toBe(true);
  expect(manifestPlatforms(image('legacy-prebuilt'))).toEqual(PLATFORMS);
  for (const platform of PLATFORMS) {
    sh(L.docker, ['pull', '--platform', platform, image('legacy-prebuilt')]);
    const facts = imageFacts(L.docker, image('legacy-prebuilt'), platform, '/usr/local/bin/report');
    expect([facts.user, facts.elfMachine]).toEqual(['1001:1001', ELF[platform]]);
    expect(await httpAnswer(L.docker, image('legacy-prebuilt'), platform, port++)).toMatch(/^200 report mean=2\.5\n$/);
  }
});

it('a cache exported by one builder and imported into a fresh one skips the Go build', async () => {
  const cacheDir = join(ws, 'tmp', 'buildcache');
  rmSync(cacheDir, { recursive: true, force: true });
  const common = ['--push=false', '--load=false', '--outputs=type=cacheonly', '--platforms=linux/amd64', '--skip-nx-cache'];
  nx('run', 'api:docker-build', ...common, `--cacheTo=type=local,dest=${cacheDir},mode=max`);
  expect(existsSync(join(cacheDir, 'index.json'))).toBe(true);
  const cold = await freshBuilder(L, 'e2e-cold', () => timed(() => nx('run', 'api:docker-build', ...common, '--builder=e2e-cold')));
  const imported = await freshBuilder(L, 'e2e-import', () => timed(() => nx('run', 'api:docker-build', ...common, '--builder=e2e-import', `--cacheFrom=type=local,src=${cacheDir}`)));
  expect(stepTimings(cold.result).step('go build')).toMatchObject({ cached: false });
  expect(stepTimings(imported.result).step('go build')).toMatchObject({ cached: true });
  expect(imported.seconds).toBeLessThan(cold.seconds / 2);
  console.log(`fresh builder: ${cold.seconds.toFixed(1)}s without a cache, ${imported.seconds.toFixed(1)}s importing it`);
});

it("a failing build exits non-zero with the engine's error text", () => {
  writeFileSync(join(ws, 'apps/api/broken.go'), 'package main\n\nfunc broken( {\n');
  try {
    const result = nxStatus('run', 'api:docker-build', '--push=false', '--platforms=linux/amd64', '--skip-nx-cache');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/syntax error/);
    expect(result.output).toContain('go-docker:build: buildx exited with code 1');
  } finally {
    rmSync(join(ws, 'apps/api/broken.go'));
  }
});

it('injection attempts are inert: tags and build args reach the engine as single literal arguments', () => {
  const marker = join(ws, 'pwned');
  const badTag = nxStatus('run', 'api:docker-build', `--tags=${image('x')};touch ${marker}`, '--push=false', '--platforms=linux/amd64', '--skip-nx-cache');
  expect(badTag.status).not.toBe(0);
  expect(badTag.output).toMatch(/invalid reference format|invalid tag/);
  nx('run', 'api:docker-build', '--push=false', '--load=false', '--outputs=type=cacheonly', '--platforms=linux/amd64', `--buildArgs.UNUSED=$(touch ${marker}) "quoted" 'single'`, '--skip-nx-cache');
  expect(existsSync(marker)).toBe(false);
});

it('an Nx cache hit skips the build, and docker-tag still puts the new commit tag on the recorded digest', () => {
  commitAll(ws, 'edits', env());
  nx('run', 'api:docker-build');
  const pushed = manifestDigest(image('api'));
  const replay = nx('run', 'api:docker-build');
  // Nx replays the stored output of the first run; nothing was built or pushed again.
  expect(replay).toMatch(/\[(local cache|existing outputs match the cache, left as is)\]/);
  expect(manifestDigest(image('api'))).toBe(pushed);
  writeFileSync(join(ws, 'README.md'), '# e2e\n');
  commitAll(ws, 'docs only', env());
  const sha = run('git', ['rev-parse', '--short=12', 'HEAD'], ws, env()).trim();
  const tagged = nx('run', 'api:docker-tag');
  expect(tagged).toMatch(/local cache|existing outputs match the cache/);
  const { digest } = readJson<{ digest: string }>(join(ws, 'dist/docker/apps/api/metadata.json'));
  expect(manifestDigest(image('api', sha))).toBe(digest);
  expect(manifestDigest(image('api'))).toBe(digest);
  expect(manifestPlatforms(image('api', sha))).toEqual(PLATFORMS);
});
