import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rejoinSpecs, resolveBuildRequest, type ResolveContext } from './resolve';

const ws = mkdtempSync(join(tmpdir(), 'go-docker-resolve-'));
mkdirSync(join(ws, 'apps', 'api'), { recursive: true });
writeFileSync(join(ws, 'apps', 'api', 'Dockerfile'), 'FROM scratch\n');
// The Nx wrapper's version must never be an image's: the release tag is.
writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'ws', version: '0.0.0' }));
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: ws, encoding: 'utf8' }).trim();
git('init', '-q', '-b', 'feature/login');
git('remote', 'add', 'origin', 'https://x-access-token:ghs_SECRET@github.com/acme/mono.git');
git('add', '-A');
git('commit', '-q', '-m', 'init');
git('tag', 'api@2.3.4');
const sha = git('rev-parse', 'HEAD');

const context = (overrides: Partial<ResolveContext> = {}): ResolveContext => ({
  workspaceRoot: ws,
  projectName: 'api',
  projectRoot: 'apps/api',
  engine: 'buildx',
  capabilities: { exportsCache: true, loadsMultiPlatform: false, rewritesTimestamps: true },
  env: {},
  ...overrides,
});
const base = { file: 'apps/api/Dockerfile', context: '.' };

describe('resolveBuildRequest', () => {
  it('fills placeholders when the task runs', () => {
    const request = resolveBuildRequest({ ...base, tags: ['reg/{projectName}:{gitShortSha}', 'reg/{projectName}:{branch}', 'reg/{projectName}:{version}', 'reg/x:{gitSha}'] }, context());
    expect(request.tags).toEqual([`reg/api:${sha.slice(0, 12)}`, 'reg/api:feature-login', 'reg/api:2.3.4', `reg/x:${sha}`]);
  });

  it('names an unknown placeholder', () => {
    expect(() => resolveBuildRequest({ ...base, tags: ['x:{commit}'] }, context())).toThrow('unknown placeholder {commit}');
  });

  it('loads one host platform by default, pushes two', () => {
    const local = resolveBuildRequest(base, context());
    expect([local.load, local.push, local.platforms, local.tags]).toEqual([true, false, [`linux/${process.arch === 'x64' ? 'amd64' : process.arch}`], ['api:latest']]);
    const pushed = resolveBuildRequest({ ...base, push: true, tags: 'reg.example.com/team/api:1' }, context());
    expect([pushed.load, pushed.platforms]).toEqual([false, ['linux/amd64', 'linux/arm64']]);
  });

  it('exports a cache only inside GitHub Actions (the runner starts empty, Actions keeps it); none for the docker driver; explicit options win', () => {
    const developer = resolveBuildRequest({ ...base, push: true, tags: ['reg.example.com:5000/team/api:1'] }, context());
    expect([developer.cacheFrom, developer.cacheTo]).toEqual([[], []]);
    const ci = { CI: 'true' };
    // Other CI: no registry cache beside the image, no local directory of the golang base image's layers.
    const pushed = resolveBuildRequest({ ...base, push: true, tags: ['reg.example.com:5000/team/api:1'] }, context({ env: ci }));
    expect([pushed.cacheFrom, pushed.cacheTo]).toEqual([[], []]);
    expect(resolveBuildRequest(base, context({ env: ci })).cacheTo).toEqual([]);
    const actions = resolveBuildRequest(base, context({ env: { CI: 'true', GITHUB_ACTIONS: 'true', ACTIONS_RUNTIME_TOKEN: 't' } }));
    expect([actions.cacheFrom, actions.cacheTo]).toEqual([['type=gha,scope=api'], ['type=gha,mode=max,scope=api']]);
    const dockerDriver = resolveBuildRequest(base, context({ env: { GITHUB_ACTIONS: 'true', ACTIONS_RUNTIME_TOKEN: 't' }, capabilities: { exportsCache: false, loadsMultiPlatform: false, rewritesTimestamps: false } }));
    expect([dockerDriver.cacheFrom, dockerDriver.cacheTo]).toEqual([[], []]);
    const off = resolveBuildRequest({ ...base, cacheFrom: [] }, context({ env: { GITHUB_ACTIONS: 'true', ACTIONS_RUNTIME_TOKEN: 't' } }));
    expect([off.cacheFrom, off.cacheTo]).toEqual([[], []]);
    const mine = resolveBuildRequest({ ...base, cacheTo: ['type=registry,ref=reg.example.com/api:cache,mode=max'] }, context({ env: ci }));
    expect([mine.cacheFrom, mine.cacheTo]).toEqual([[], ['type=registry,ref=reg.example.com/api:cache,mode=max']]);
  });

  it("takes every timestamp from HEAD's commit time, or from SOURCE_DATE_EPOCH when set: no wall clock", () => {
    const commitTime = Number(git('log', '-1', '--format=%ct'));
    const request = resolveBuildRequest(base, context());
    expect([request.sourceDateEpoch, request.rewriteTimestamps]).toEqual([commitTime, true]);
    expect(request.labels['org.opencontainers.image.created']).toBe(new Date(commitTime * 1000).toISOString());
    expect(resolveBuildRequest(base, context({ env: { SOURCE_DATE_EPOCH: '1700000000' } })).sourceDateEpoch).toBe(1700000000);
    expect(resolveBuildRequest({ ...base, rewriteTimestamps: false }, context()).rewriteTimestamps).toBe(false);
    const noRewrite = context({ capabilities: { exportsCache: false, loadsMultiPlatform: false, rewritesTimestamps: false } });
    expect(resolveBuildRequest(base, noRewrite).rewriteTimestamps).toBe(false);
    // Outside a git checkout and without the variable there is no source date: the engine's clock.
    const bare = mkdtempSync(join(tmpdir(), 'go-docker-nogit-'));
    writeFileSync(join(bare, 'Dockerfile'), 'FROM scratch\n');
    const outside = resolveBuildRequest({ file: 'Dockerfile', context: '.' }, context({ workspaceRoot: bare }));
    expect([outside.sourceDateEpoch, outside.rewriteTimestamps, outside.labels['org.opencontainers.image.revision']]).toEqual([undefined, false, undefined]);
  });

  it('fills OCI labels, with the remote URL stripped of credentials, and lets the user override them', () => {
    const request = resolveBuildRequest({ ...base, labels: { 'org.opencontainers.image.title': 'API {version}' } }, context({ env: { SOURCE_DATE_EPOCH: '1700000000' } }));
    expect(request.labels).toEqual({
      'org.opencontainers.image.title': 'API 2.3.4',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.version': '2.3.4',
      'org.opencontainers.image.source': 'https://github.com/acme/mono.git',
      'org.opencontainers.image.created': '2023-11-14T22:13:20.000Z',
    });
    expect(JSON.stringify(request)).not.toContain('ghs_SECRET');
  });

  it('checks secret sources before anything runs, without reading them', () => {
    expect(() => resolveBuildRequest({ ...base, secrets: ['id=npm,env=NPM_TOKEN'] }, context())).toThrow('secret npm: environment variable NPM_TOKEN is not set');
    expect(() => resolveBuildRequest({ ...base, secrets: ['id=netrc,src=missing.netrc'] }, context())).toThrow('secret netrc: file missing.netrc does not exist');
    expect(() => resolveBuildRequest({ ...base, secrets: ['env=X'] }, context())).toThrow('has no id=');
    expect(resolveBuildRequest({ ...base, secrets: ['id=npm,env=NPM_TOKEN'] }, context({ env: { NPM_TOKEN: 'x' } })).secrets).toEqual(['id=npm,env=NPM_TOKEN']);
  });

  it('puts metadata under dist/docker/<Dockerfile dir>', () => {
    expect(resolveBuildRequest(base, context()).metadataFile).toBe(join(ws, 'dist/docker/apps/api/metadata.json'));
  });

  it('names a missing Dockerfile or context', () => {
    expect(() => resolveBuildRequest({ file: 'apps/nope/Dockerfile', context: '.' }, context())).toThrow('Dockerfile not found: apps/nope/Dockerfile');
    expect(() => resolveBuildRequest({ file: 'apps/api/Dockerfile', context: 'nope' }, context())).toThrow('build context not found: nope');
  });
});

describe('CI environment', () => {
  it('GO_DOCKER_PUSH and GO_DOCKER_REGISTRY set push and the default tag (lowercased) for every image', () => {
    const request = resolveBuildRequest(base, context({ env: { GO_DOCKER_PUSH: 'true', GO_DOCKER_REGISTRY: 'ghcr.io/Acme-Corp/' } }));
    expect([request.push, request.tags, request.platforms]).toEqual([true, ['ghcr.io/acme-corp/api:latest'], ['linux/amd64', 'linux/arm64']]);
    expect(resolveBuildRequest(base, context({ env: { GO_DOCKER_PUSH: 'false' } })).push).toBe(false);
  });
});

describe('specs split at commas by the Nx command line', () => {
  it('are joined back: --cacheTo=type=local,dest=x,mode=max is one spec', () => {
    expect(rejoinSpecs(['type=local', 'dest=/x', 'mode=max', 'type=registry', 'ref=r:cache'], 'type')).toEqual(['type=local,dest=/x,mode=max', 'type=registry,ref=r:cache']);
    expect(rejoinSpecs(['id=npm', 'env=NPM_TOKEN', 'id=netrc', 'src=.netrc'], 'id')).toEqual(['id=npm,env=NPM_TOKEN', 'id=netrc,src=.netrc']);
    // An image reference as cache source stays alone.
    expect(rejoinSpecs(['registry.example.com/app:cache'], 'type')).toEqual(['registry.example.com/app:cache']);
    const request = resolveBuildRequest({ ...base, cacheTo: ['type=local', 'dest=/tmp/c', 'mode=max'], outputs: ['type=oci', 'dest=out.tar'] }, context());
    expect([request.cacheTo, request.outputs]).toEqual([['type=local,dest=/tmp/c,mode=max'], ['type=oci,dest=out.tar']]);
  });
});
