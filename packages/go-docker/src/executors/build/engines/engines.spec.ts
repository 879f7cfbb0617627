import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildRequest } from '../request';
import { buildxEngine } from './buildx';
import { dockerEngine } from './docker';
import { podmanEngine } from './podman';

const dir = mkdtempSync(join(tmpdir(), 'go-docker-engines-'));
const dockerfile = join(dir, 'Dockerfile');
writeFileSync(dockerfile, 'FROM scratch AS build\nRUN --mount=type=bind,target=. true\n');
writeFileSync(`${dockerfile}.dockerignore`, '*\n');
const plainDockerfile = join(dir, 'Dockerfile.plain');
writeFileSync(plainDockerfile, 'FROM scratch\n');

function request(overrides: Partial<BuildRequest> = {}): BuildRequest {
  return {
    workspaceRoot: '/ws',
    context: '/ws',
    file: dockerfile,
    platforms: ['linux/amd64', 'linux/arm64'],
    tags: ['127.0.0.1:5000/team/api:1.2.3', '127.0.0.1:5000/team/api:latest'],
    push: true,
    load: false,
    outputs: [],
    cacheFrom: [],
    cacheTo: [],
    buildArgs: {},
    secrets: [],
    ssh: [],
    labels: {},
    noCache: false,
    pull: false,
    quiet: false,
    rewriteTimestamps: false,
    metadataFile: '/ws/dist/docker/apps/api/metadata.json',
    engineReportFile: '/ws/dist/docker/apps/api/report.txt',
    docker: 'docker',
    hostPlatform: 'linux/amd64',
    ...overrides,
  };
}
const capable = { exportsCache: true, loadsMultiPlatform: false, rewritesTimestamps: true };

describe('buildx argv', () => {
  it('a typical two-arch push with registry cache, build args, secrets, labels and attestations', () => {
    const [step] = buildxEngine.plan(
      request({
        builder: 'ci',
        cacheFrom: ['type=registry,ref=127.0.0.1:5000/team/api:buildcache'],
        cacheTo: ['type=registry,ref=127.0.0.1:5000/team/api:buildcache,mode=max'],
        buildArgs: { GOPROXY: 'https://proxy.golang.org' },
        secrets: ['id=netrc,src=.netrc'],
        ssh: ['default'],
        target: 'build',
        labels: { 'org.opencontainers.image.revision': 'abc' },
        provenance: 'mode=max',
        sbom: true,
        network: 'host',
      }),
      capable,
    );
    expect(step.argv).toEqual([
      'docker', 'buildx', 'build', '--builder', 'ci', '--platform', 'linux/amd64,linux/arm64',
      '--tag', '127.0.0.1:5000/team/api:1.2.3', '--tag', '127.0.0.1:5000/team/api:latest', '--push',
      '--cache-from', 'type=registry,ref=127.0.0.1:5000/team/api:buildcache',
      '--cache-to', 'type=registry,ref=127.0.0.1:5000/team/api:buildcache,mode=max',
      '--file', dockerfile, '--build-arg', 'GOPROXY=https://proxy.golang.org', '--secret', 'id=netrc,src=.netrc',
      '--target', 'build', '--label', 'org.opencontainers.image.revision=abc', '--network', 'host',
      '--ssh', 'default', '--provenance=mode=max', '--sbom=true',
      '--metadata-file', '/ws/dist/docker/apps/api/report.txt', '--progress=plain', '/ws',
    ]);
  });

  it('load of one platform, quiet, no cache, pull, outputs', () => {
    const [step] = buildxEngine.plan(request({ push: false, load: true, platforms: ['linux/arm64'], tags: ['api:dev'], quiet: true, noCache: true, pull: true, outputs: ['type=oci,dest=out.tar'] }), capable);
    expect(step.argv).toEqual(['docker', 'buildx', 'build', '--platform', 'linux/arm64', '--tag', 'api:dev', '--load', '--output', 'type=oci,dest=out.tar', '--file', dockerfile, '--no-cache', '--pull', '--provenance=false', '--metadata-file', '/ws/dist/docker/apps/api/report.txt', '--quiet', '/ws']);
  });

  it('reproducible: SOURCE_DATE_EPOCH as a build arg, layer times rewritten by the image exporter (push and load)', () => {
    const [pushed] = buildxEngine.plan(request({ sourceDateEpoch: 1700000000, rewriteTimestamps: true }), capable);
    expect(pushed.argv).toContain('--output=type=image,push=true,rewrite-timestamp=true');
    expect(pushed.argv).not.toContain('--push');
    expect(pushed.argv.join(' ')).toContain('--build-arg SOURCE_DATE_EPOCH=1700000000');
    const [loaded] = buildxEngine.plan(request({ push: false, load: true, platforms: ['linux/amd64'], sourceDateEpoch: 1700000000, rewriteTimestamps: true }), capable);
    expect(loaded.argv).toContain('--output=type=docker,rewrite-timestamp=true');
    // The user's own SOURCE_DATE_EPOCH build arg wins; without rewriting, plain --push.
    const [own] = buildxEngine.plan(request({ sourceDateEpoch: 1700000000, buildArgs: { SOURCE_DATE_EPOCH: '5' } }), capable);
    expect(own.argv.filter((a) => a.startsWith('SOURCE_DATE_EPOCH='))).toEqual(['SOURCE_DATE_EPOCH=5']);
    expect(own.argv).toContain('--push');
  });

  it('provenance goes to the metadata file, not into the image (it differs on every build), unless asked for', () => {
    const [plain] = buildxEngine.plan(request(), capable);
    expect(plain.argv).toContain('--provenance=false');
    expect(plain.env).toEqual({ BUILDX_METADATA_PROVENANCE: 'max' });
    const [attached] = buildxEngine.plan(request({ provenance: true }), capable);
    expect(attached.argv).toContain('--provenance=true');
    expect(attached.env).toEqual({});
  });

  it('passes hostile values literally, as single arguments', () => {
    const [step] = buildxEngine.plan(request({ tags: ['x;rm -rf /'], buildArgs: { MSG: `it's "quoted" $(whoami) & spaced` } }), capable);
    expect(step.argv).toContain('x;rm -rf /');
    expect(step.argv).toContain(`MSG=it's "quoted" $(whoami) & spaced`);
  });

  it('refuses --load of several platforms and cache export on the docker driver, before running anything', () => {
    expect(() => buildxEngine.plan(request({ push: false, load: true }), capable)).toThrow(/--load cannot hold 2 platforms.*Push instead/);
    expect(() => buildxEngine.plan(request({ cacheTo: ['type=local,dest=x'] }), { exportsCache: false, loadsMultiPlatform: false, rewritesTimestamps: false })).toThrow(/"docker" driver.*docker buildx create/);
  });
});

describe('podman argv', () => {
  it('a two-arch push: manifest removed first, --layers=false for bind mounts, BUILDPLATFORM, ignore file, push --all per tag', () => {
    const steps = podmanEngine.plan(request({ buildArgs: { GOPROXY: 'http://127.0.0.1:3000' }, network: 'host' }), capable);
    expect(steps.map((s) => s.argv)).toEqual([
      ['podman', 'manifest', 'rm', '127.0.0.1:5000/team/api:1.2.3'],
      [
        'podman', 'build', '--file', dockerfile, '--build-arg', 'GOPROXY=http://127.0.0.1:3000', '--network', 'host',
        '--platform', 'linux/amd64,linux/arm64', '--layers=false', '--build-arg', 'BUILDPLATFORM=linux/amd64',
        '--ignorefile', `${dockerfile}.dockerignore`, '--manifest', '127.0.0.1:5000/team/api:1.2.3', '/ws',
      ],
      ['podman', 'tag', '127.0.0.1:5000/team/api:1.2.3', '127.0.0.1:5000/team/api:latest'],
      ['podman', 'manifest', 'push', '--all', '--tls-verify=false', '--digestfile', '/ws/dist/docker/apps/api/report.txt', '127.0.0.1:5000/team/api:1.2.3', 'docker://127.0.0.1:5000/team/api:1.2.3'],
      ['podman', 'manifest', 'push', '--all', '--tls-verify=false', '--digestfile', '/ws/dist/docker/apps/api/report.txt', '127.0.0.1:5000/team/api:1.2.3', 'docker://127.0.0.1:5000/team/api:latest'],
    ]);
    expect(steps[0].mayFail).toBe(true);
  });

  it('one local platform: a plain tagged build; no --layers=false without bind mounts', () => {
    const [step, ...rest] = podmanEngine.plan(request({ file: plainDockerfile, push: false, load: true, platforms: ['linux/amd64'], tags: ['api:dev'] }), capable);
    expect(rest).toEqual([]);
    expect(step.argv).toEqual(['podman', 'build', '--file', plainDockerfile, '--platform', 'linux/amd64', '--build-arg', 'BUILDPLATFORM=linux/amd64', '--tag', 'api:dev', '--iidfile', '/ws/dist/docker/apps/api/report.txt', '/ws']);
  });

  it('reproducible: --timestamp from SOURCE_DATE_EPOCH (created time and every file time in the layers)', () => {
    const steps = podmanEngine.plan(request({ sourceDateEpoch: 1700000000, rewriteTimestamps: true }), capable);
    expect(steps[1].argv.join(' ')).toContain('--timestamp 1700000000');
  });

  it.each([
    [{ outputs: ['type=oci,dest=x'] }, /outputs are not supported/],
    [{ sbom: true }, /attestations are buildx features/],
    [{ cacheTo: ['type=gha'] }, /buildx cache spec/],
  ])('refuses %j', (overrides, message) => {
    expect(() => podmanEngine.plan(request(overrides as Partial<BuildRequest>), capable)).toThrow(message);
  });
});

describe('docker (built-in BuildKit, no buildx) argv', () => {
  it('two arches: one build and push per platform, then a manifest list per tag (--insecure for a loopback registry)', () => {
    const steps = dockerEngine.plan(request({ docker: '/usr/bin/docker', tags: ['127.0.0.1:5000/api:1'] }), capable);
    const common = ['--file', dockerfile];
    expect(steps.map((s) => s.argv)).toEqual([
      ['/usr/bin/docker', 'build', ...common, '--platform', 'linux/amd64', '--tag', '127.0.0.1:5000/api:1-linux-amd64', '--progress=plain', '--iidfile', '/ws/dist/docker/apps/api/report.txt', '/ws'],
      ['/usr/bin/docker', 'push', '127.0.0.1:5000/api:1-linux-amd64'],
      ['/usr/bin/docker', 'build', ...common, '--platform', 'linux/arm64', '--tag', '127.0.0.1:5000/api:1-linux-arm64', '--progress=plain', '--iidfile', '/ws/dist/docker/apps/api/report.txt', '/ws'],
      ['/usr/bin/docker', 'push', '127.0.0.1:5000/api:1-linux-arm64'],
      ['/usr/bin/docker', 'manifest', 'rm', '127.0.0.1:5000/api:1'],
      ['/usr/bin/docker', 'manifest', 'create', '--insecure', '127.0.0.1:5000/api:1', '127.0.0.1:5000/api:1-linux-amd64', '127.0.0.1:5000/api:1-linux-arm64'],
      ['/usr/bin/docker', 'manifest', 'push', '--insecure', '--purge', '127.0.0.1:5000/api:1'],
    ]);
    expect(steps[0].env).toEqual({ DOCKER_BUILDKIT: '1' });
  });

  it.each([
    [{ cacheTo: ['type=local,dest=x'] }, /cacheTo needs buildx/],
    [{ outputs: ['type=tar,dest=x'] }, /outputs need buildx/],
    [{ provenance: true }, /attestations need buildx/],
    [{ push: false }, /2 platforms without push/],
  ])('refuses %j with what to do instead', (overrides, message) => {
    expect(() => dockerEngine.plan(request(overrides as Partial<BuildRequest>), capable)).toThrow(message);
  });
});
