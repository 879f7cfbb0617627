// B1–B5: container builds of the fixture app on the lab (buildx + standalone BuildKit), timed side by side.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { coldCopy, editOneLine, APP, type Workspace } from './fixture';
import { interleaved, log, run, timed, timedParallel, type Job, type Sample } from './measure';

const env = process.env;
const DOCKER = env.GO_DOCKER_LAB_DOCKER ?? 'docker';
const BUILDER = env.GO_DOCKER_LAB_BUILDER ?? 'go-docker-lab';
const GOPROXY = env.GO_DOCKER_LAB_GOPROXY ?? 'http://127.0.0.1:5001';
// The generator pins golang:<go.mod version> (1.26.0); the lab serves 1.26 / 1.26.8, the same toolchain as the host.
const GO_IMAGE = env.GO_DOCKER_LAB_GO_IMAGE ?? 'docker.io/library/golang:1.26';
// A bench-private, persistent host build cache: warm across runs, and never cleaned under another user.
const HOST_GOCACHE = join(homedir(), '.cache', 'go-docker-bench', 'gocache');

export const AMD64 = 'linux/amd64';
export const ARM64 = 'linux/arm64';
export const BOTH = `${AMD64},${ARM64}`;

/** buildx on the lab builder; cacheonly output = the full build without exporting an image (no registry/daemon noise). */
export function buildx(ws: Workspace, dockerfile: string, platforms: string, output = 'type=cacheonly', extra: string[] = []): number {
  return timed([
    DOCKER, 'buildx', 'build', '--builder', BUILDER, '--progress=quiet',
    '--build-arg', `GOPROXY=${GOPROXY}`, '--build-arg', `GO_IMAGE=${GO_IMAGE}`,
    '--platform', platforms, '--output', output, ...extra, '-f', dockerfile, ws.context,
  ]);
}

/** Host `go build` with the generated Dockerfile's flags, for one target platform. */
function hostBuildJob(ws: Workspace, platform: string, gocache: string, out: string): Job {
  const [goos, goarch] = platform.split('/');
  return {
    argv: ['go', 'build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w', '-o', out, '.'],
    cwd: ws.context,
    env: { ...env, CGO_ENABLED: '0', GOOS: goos, GOARCH: goarch, GOCACHE: gocache, GOFLAGS: '', GOTOOLCHAIN: 'local', GOPROXY },
  };
}

export function hostBuild(ws: Workspace, platform: string, gocache = HOST_GOCACHE, out = join(ws.root, 'host-out', APP)): number {
  const { argv, ...options } = hostBuildJob(ws, platform, gocache, out);
  return timed(argv, options);
}

/** Runs fn with a new, empty Go build cache (the module cache stays warm), then removes it. */
function withFreshGoCache(fn: (gocache: string) => number): number {
  const cache = mkdtempSync(join(tmpdir(), 'go-docker-bench-gocache-'));
  try {
    return fn(cache);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/**
 * B1 + B2: warm rebuild after a one-line change, every style in the same rounds. Two extra series take
 * B1's overhead apart: a build with nothing to do (what any buildx build costs) and the generated
 * Dockerfile's build stage alone (so generated − build stage = the runtime stage's share).
 */
export function rebuilds(ws: Workspace, rounds: number): Record<string, Sample> {
  const d = ws.dockerfiles;
  const cases = {
    'host go build': () => hostBuild(ws, AMD64),
    generated: () => buildx(ws, d.generated, AMD64),
    'generated, build stage only': () => buildx(ws, d.generated, AMD64, 'type=cacheonly', ['--target', 'build']),
    'buildx no-op build': () => buildx(ws, d.noop, AMD64),
    'multi-stage, no cache mounts': () => buildx(ws, d.multistage, AMD64),
    'naive (COPY . . + go build)': () => buildx(ws, d.naive, AMD64),
  };
  log('B1/B2 warm-up (one unmeasured build of each style)');
  for (const fn of Object.values(cases)) fn();
  log(`B1/B2 warm rebuilds after a one-line change, ${rounds} rounds`);
  const withEdit = Object.fromEntries(Object.entries(cases).map(([k, fn]) => [k, () => (editOneLine(ws), fn())]));
  return interleaved(rounds, withEdit);
}

/** Bytes of one file inside an image (docker cp streams a tar: the size is in the header). */
function fileSizeInImage(image: string, path: string): number {
  const id = run([DOCKER, 'create', image]).trim();
  try {
    const tar = spawnSync(DOCKER, ['cp', `${id}:${path}`, '-'], { maxBuffer: 1 << 30 }).stdout as Buffer;
    return parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim(), 8);
  } finally {
    run([DOCKER, 'rm', id]);
  }
}

export interface Sizes { generated: number; multistage: number; naive: number; binary: number }

/** B3: load each style into dockerd once and read the (uncompressed) image sizes. */
export function sizes(ws: Workspace): Sizes {
  log('B3 image sizes (--load into dockerd)');
  const d = ws.dockerfiles;
  const size = (style: 'generated' | 'multistage' | 'naive'): number => {
    const tag = `go-docker-bench/${APP}:${style}`;
    buildx(ws, d[style], AMD64, `type=docker,name=${tag}`);
    return Number(run([DOCKER, 'image', 'inspect', '-f', '{{.Size}}', tag]).trim());
  };
  const result = { generated: size('generated'), multistage: size('multistage'), naive: size('naive'), binary: 0 };
  result.binary = fileSizeInImage(`go-docker-bench/${APP}:generated`, `/usr/local/bin/${APP}`);
  return result;
}

/**
 * B4: cold builds (unique cache-mount ids, see coldCopy): one arch, two arches cross-compiled, arm64 cross
 * vs QEMU. With `hostFloor`, the same work without Docker in the same rounds: cold host `go build` for amd64,
 * and for amd64 + arm64 at once (the two legs of a buildx build run concurrently too) — this machine's floor
 * for the two-arch ratio.
 */
export function multiArch(ws: Workspace, rounds: number, qemuRounds: number, hostFloor: boolean): Record<string, Sample> {
  const d = ws.dockerfiles;
  log(`B4 cold builds, ${rounds} rounds (QEMU: ${qemuRounds}${hostFloor ? ', with the host floor' : ''})`);
  const out = join(ws.root, 'host-cold');
  const host = {
    'host cold amd64': () => withFreshGoCache((cache) => hostBuild(ws, AMD64, cache, join(out, 'amd64', APP))),
    'host cold amd64+arm64 (parallel)': () => withFreshGoCache((cache) =>
      timedParallel([AMD64, ARM64].map((p) => hostBuildJob(ws, p, cache, join(out, p.replace('/', '_'), APP))))),
  };
  const series = interleaved(rounds, {
    'cold amd64': () => buildx(ws, coldCopy(d.generated), AMD64),
    'cold amd64+arm64 (cross)': () => buildx(ws, coldCopy(d.generated), BOTH),
    'cold arm64 (cross)': () => buildx(ws, coldCopy(d.generated), ARM64),
    ...(hostFloor ? host : {}),
  });
  if (qemuRounds > 0) Object.assign(series, interleaved(qemuRounds, { 'cold arm64 (QEMU)': () => buildx(ws, coldCopy(d.qemu), ARM64) }));
  return series;
}

/** Host builds for both arches into dist/<os>_<arch>/ (where the prebuilt Dockerfile copies from), then the image. */
function prebuilt(ws: Workspace, gocache: string): number {
  let total = 0;
  for (const p of [AMD64, ARM64]) total += hostBuild(ws, p, gocache, join(ws.context, 'dist', p.replace('/', '_'), APP));
  return total + buildx(ws, ws.dockerfiles.prebuilt, BOTH);
}

/** B5: prebuilt (host go build + COPY-only Dockerfile) vs in-docker, two arches, warm and cold. */
export function prebuiltVsInDocker(ws: Workspace, rounds: number): Record<string, Sample> {
  log(`B5 prebuilt vs in-docker, ${rounds} rounds`);
  prebuilt(ws, HOST_GOCACHE);
  buildx(ws, ws.dockerfiles.generated, BOTH);
  return interleaved(rounds, {
    'warm in-docker (2 arches)': () => (editOneLine(ws), buildx(ws, ws.dockerfiles.generated, BOTH)),
    'warm prebuilt (2 arches)': () => (editOneLine(ws), prebuilt(ws, HOST_GOCACHE)),
    // Cold = empty host GOCACHE (modules stay in the host GOMODCACHE, as base images stay pulled for in-docker).
    'cold prebuilt (2 arches)': () => (editOneLine(ws), withFreshGoCache((cache) => prebuilt(ws, cache))),
  });
}

export function ensureHostCache(): void {
  mkdirSync(HOST_GOCACHE, { recursive: true });
}
