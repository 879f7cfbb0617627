// go-docker vs ko, both the way a user of one Nx workspace runs them: `nx run realapp:docker-build` (the
// target's defaults, pushed to the lab registry) and an `nx:run-commands` target calling `ko build` with the
// same compiler flags. Plus the two engines called bare, the host `go build`, and the target's own time
// before the engine starts (it prints it on every run).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { coldCopy, FIXTURE } from './fixture';
import { interleaved, log, median, run, type Sample } from './measure';
import { commitWorkspace, makeNxWorkspace, NX } from './nx-workspace';

export const KO_VERSION = 'v0.19.1';
const REGISTRY = process.env.GO_DOCKER_LAB_REGISTRY ?? '127.0.0.1:5000';
const BUILDER = process.env.GO_DOCKER_LAB_BUILDER ?? 'go-docker-lab';
const GOPROXY = process.env.GO_DOCKER_LAB_GOPROXY ?? 'http://127.0.0.1:5001';
const BASE = `${REGISTRY}/distroless/static-debian12:nonroot`;
const BIN = join(homedir(), '.cache', 'go-docker-bench', 'bin');
const APP_DIR = 'apps/realapp';

/** `go install github.com/google/ko@v0.19.1` through the Go module proxy (once; kept in the bench's cache). */
export function installKo(): string {
  const ko = join(BIN, 'ko');
  const installed = existsSync(ko) ? spawnSync(ko, ['version'], { encoding: 'utf8' }).stdout.trim() : '';
  if (installed !== KO_VERSION && installed !== KO_VERSION.replace(/^v/, '')) {
    log(`installing ko ${KO_VERSION} (go install through the Go module proxy)`);
    run(['go', 'install', `github.com/google/ko@${KO_VERSION}`], { env: { ...process.env, GOBIN: BIN, GOFLAGS: '' } });
  }
  return ko;
}

export interface KoWorkspace {
  root: string;
  ko: string;
  /** The generated Dockerfile, copied outside the app so cold copies of it can be made beside it. */
  coldSource: string;
  /** The buildx argv the target runs for one / two arches, as its --dryRun prints it. */
  engineArgv: { one: string[]; two: string[] };
}

/**
 * What a user at a terminal has: no CI variable (so the target's CI-only defaults stay off), the Nx daemon on,
 * the lab builder chosen (`docker buildx use`, here BUILDX_BUILDER) and a registry for the default tag.
 */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'true', NX_TUI: 'false', NX_NO_CLOUD: 'true', BUILDX_BUILDER: BUILDER, GO_DOCKER_REGISTRY: `${REGISTRY}/bench`, KO_DOCKER_REPO: `${REGISTRY}/bench/ko-realapp`, GOPROXY, GOFLAGS: '', ...extra };
  delete env.CI;
  return env;
}

/** Splits what run-steps' displayArgv printed back into argv (words, or '…' with '\'' escapes). */
export function parseDisplayedArgv(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));
}

export function createKoWorkspace(): KoWorkspace {
  const ko = installKo();
  const root = mkdtempSync(join(tmpdir(), 'go-docker-bench-nx-'));
  cpSync(FIXTURE, join(root, APP_DIR), { recursive: true });
  // The same compiler flags as the generated Dockerfile: -trimpath (ko's default), -buildvcs=false, -s -w, CGO off.
  writeFileSync(join(root, APP_DIR, '.ko.yaml'), `defaultBaseImage: ${BASE}\nbuilds:\n  - id: realapp\n    main: .\n    env: [CGO_ENABLED=0]\n    flags: [-trimpath, -buildvcs=false]\n    ldflags: [-s -w]\n`);
  writeFileSync(join(root, APP_DIR, 'project.json'), JSON.stringify({
    name: 'realapp',
    root: APP_DIR,
    projectType: 'application',
    targets: {
      'ko-build': { executor: 'nx:run-commands', options: { cwd: APP_DIR, command: 'ko build . --bare --insecure-registry' } },
      // Nx's own cost of running any target: what both sides pay before their engine starts.
      'nx-noop': { executor: 'nx:run-commands', options: { command: 'true' } },
    },
  }, null, 2));
  makeNxWorkspace(root, { plugin: true, nxJson: { targetDefaults: { 'docker-build': { options: { buildArgs: { GOPROXY } } } } } });
  const env = userEnv({ NX_DAEMON: 'false' });
  run([process.execPath, NX, 'g', 'go-docker:setup'], { cwd: root, env });
  commitWorkspace(root);
  process.env.PATH = `${BIN}:${process.env.PATH}`;
  const coldDir = join(root, 'cold');
  mkdirSync(coldDir);
  const coldSource = join(coldDir, 'realapp.Dockerfile');
  cpSync(join(root, APP_DIR, 'Dockerfile'), coldSource);
  cpSync(join(root, APP_DIR, 'Dockerfile.dockerignore'), `${coldSource}.dockerignore`);
  const dry = (platforms: string[]) => {
    const out = run([process.execPath, NX, 'run', 'realapp:docker-build', '--push', ...platforms, '--dryRun', '--skip-nx-cache'], { cwd: root, env });
    const line = out.split('\n').find((l) => l.includes(' buildx build '));
    if (!line) throw new Error(`no buildx argv in the dry run:\n${out}`);
    return parseDisplayedArgv(line.trim());
  };
  return { root, ko, coldSource, engineArgv: { one: dry(['--platforms=linux/amd64']), two: dry([]) } };
}

let edits = 0;
function editOneLine(ws: KoWorkspace): void {
  edits++;
  writeFileSync(join(ws.root, APP_DIR, 'version.go'), `package main\n\n// Version is the line the benchmark rewrites before each warm rebuild.\nconst Version = "ko-bench-${process.pid}-${edits}"\n`);
}

/** Wall-clock seconds and output of one command. */
function timedRun(argv: string[], cwd: string, env: NodeJS.ProcessEnv): { seconds: number; output: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}):\n${output.split('\n').slice(-40).join('\n')}`);
  return { seconds, output };
}

export interface KoResults {
  series: Record<string, Sample>;
  /** The target's own time before the engine starts, per warm run, and its last printed breakdown. */
  preEngine: Sample;
  breakdown: string;
}

const ONE = ['--platforms=linux/amd64'];
const KO_ONE = ['--platform=linux/amd64'];
const KO_TWO = ['--platform=linux/amd64,linux/arm64'];

/** `onPartial` gets the results so far after the warm phase (a cold phase on a busy machine can take long). */
export function koComparison(ws: KoWorkspace, rounds: number, coldRounds: number, onPartial: (r: KoResults) => void = () => undefined): KoResults {
  const env = userEnv();
  const preEngine: Sample = { name: "the target's own time before the engine starts", values: [] };
  let breakdown = '';
  const nx = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const r = timedRun([process.execPath, NX, ...args], ws.root, { ...env, ...extra });
    const started = /go-docker:build: \S+ starts after ([\d.]+) s \(([^)]*)\)/.exec(r.output);
    if (started) {
      preEngine.values.push(Number(started[1]));
      breakdown = started[2];
      log(`    (the target's own time before the engine: ${started[1]} s: ${breakdown})`);
    }
    return r.seconds;
  };
  const goDocker = (extra: string[]) => nx(['run', 'realapp:docker-build', '--push', ...extra]);
  const koNx = (platforms: string[], extra: NodeJS.ProcessEnv = {}) => nx(['run', 'realapp:ko-build', ...platforms], extra);
  const bareKo = (platforms: string[]) => timedRun([ws.ko, 'build', '.', '--bare', '--insecure-registry', ...platforms], join(ws.root, APP_DIR), env).seconds;
  // The engine call exactly as the target makes it (its step environment included).
  const engine = (argv: string[]) => timedRun(argv, ws.root, { ...env, BUILDX_METADATA_PROVENANCE: 'max' }).seconds;
  const host = () => timedRun(['go', 'build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w', '-o', join(ws.root, 'dist', 'host', 'realapp'), '.'], join(ws.root, APP_DIR), { ...env, CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64' }).seconds;
  const edited = (fn: () => number) => () => (editOneLine(ws), fn());

  log('ko comparison: warm-up (one unmeasured run of each)');
  const warmUp = { 'go-docker 1 arch': () => goDocker(ONE), 'go-docker 2 arches': () => goDocker([]), 'ko 1 arch': () => koNx(KO_ONE), 'ko 2 arches': () => koNx(KO_TWO), 'bare ko': () => bareKo(KO_ONE), 'engine alone': () => engine(ws.engineArgv.one), host };
  for (const [name, fn] of Object.entries(warmUp)) log(`  warm-up ${name}: ${edited(fn)().toFixed(2)} s`);
  preEngine.values.length = 0;
  nx(['run', 'realapp:nx-noop']);

  log(`ko comparison: warm and no-change, ${rounds} rounds`);
  const warm = interleaved(rounds, {
    'go-docker warm, 1 arch': edited(() => goDocker(ONE)),
    'go-docker no-change, 1 arch': () => goDocker(ONE),
    'ko warm, 1 arch': edited(() => koNx(KO_ONE)),
    'ko no-change, 1 arch': () => koNx(KO_ONE),
    'go-docker warm, 2 arches': edited(() => goDocker([])),
    'go-docker no-change, 2 arches': () => goDocker([]),
    'ko warm, 2 arches': edited(() => koNx(KO_TWO)),
    'ko no-change, 2 arches': () => koNx(KO_TWO),
    'engine alone (buildx) warm, 1 arch': edited(() => engine(ws.engineArgv.one)),
    'bare ko build warm, 1 arch': edited(() => bareKo(KO_ONE)),
    'engine alone (buildx) warm, 2 arches': edited(() => engine(ws.engineArgv.two)),
    'bare ko build warm, 2 arches': edited(() => bareKo(KO_TWO)),
    'host go build warm, 1 arch': edited(host),
    'nx run of an empty target': () => nx(['run', 'realapp:nx-noop']),
  });
  const warmPreEngine = [...preEngine.values];
  onPartial({ series: warm, preEngine: { ...preEngine, values: warmPreEngine }, breakdown });

  log(`ko comparison: cold, ${coldRounds} rounds`);
  // Cold = empty Go build and module caches on both sides, base images present (a CI runner that keeps images):
  // go-docker builds a copy of its Dockerfile whose cache mounts have new ids; ko gets a new GOCACHE.
  const coldGoDocker = (extra: string[]) => () => goDocker([`--file=${coldCopy(ws.coldSource).slice(ws.root.length + 1)}`, ...extra]);
  const coldKo = (platforms: string[]) => () => {
    const gocache = mkdtempSync(join(tmpdir(), 'go-docker-bench-ko-gocache-'));
    try {
      return koNx(platforms, { GOCACHE: gocache });
    } finally {
      rmSync(gocache, { recursive: true, force: true });
    }
  };
  const cold = coldRounds > 0 ? interleaved(coldRounds, {
    'go-docker cold, 1 arch': coldGoDocker(ONE),
    'ko cold, 1 arch': coldKo(KO_ONE),
    'go-docker cold, 2 arches': coldGoDocker([]),
    'ko cold, 2 arches': coldKo(KO_TWO),
  }) : {};
  spawnSync(process.execPath, [NX, 'daemon', '--stop'], { cwd: ws.root, env, stdio: 'ignore' });
  return { series: { ...warm, ...cold }, preEngine: { ...preEngine, values: warmPreEngine }, breakdown };
}

export interface Ratio {
  measure: string;
  left: string;
  right: string;
  goal: number;
}

/** The ratios the comparison reports, each with its goal (value ≤ goal). */
export const KO_RATIOS: Ratio[] = [
  { measure: 'warm rebuild after a one-line change, 1 arch', left: 'go-docker warm, 1 arch', right: 'ko warm, 1 arch', goal: 0.9 },
  { measure: 'warm rebuild after a one-line change, 2 arches', left: 'go-docker warm, 2 arches', right: 'ko warm, 2 arches', goal: 0.9 },
  { measure: 'no-change rebuild, 1 arch', left: 'go-docker no-change, 1 arch', right: 'ko no-change, 1 arch', goal: 0.5 },
  { measure: 'no-change rebuild, 2 arches', left: 'go-docker no-change, 2 arches', right: 'ko no-change, 2 arches', goal: 0.5 },
  { measure: 'cold, 1 arch', left: 'go-docker cold, 1 arch', right: 'ko cold, 1 arch', goal: 0.8 },
  { measure: 'cold, 2 arches', left: 'go-docker cold, 2 arches', right: 'ko cold, 2 arches', goal: 0.8 },
  { measure: 'engine call alone ÷ bare `ko build`, warm, 1 arch', left: 'engine alone (buildx) warm, 1 arch', right: 'bare ko build warm, 1 arch', goal: 0.9 },
  { measure: 'engine call alone ÷ bare `ko build`, warm, 2 arches', left: 'engine alone (buildx) warm, 2 arches', right: 'bare ko build warm, 2 arches', goal: 0.9 },
  { measure: 'warm rebuild (`nx run`, 1 arch) ÷ host `go build`', left: 'go-docker warm, 1 arch', right: 'host go build warm, 1 arch', goal: 1.3 },
];

export function medianOf(series: Record<string, Sample>, name: string): number {
  return series[name] && series[name].values.length ? median(series[name].values) : NaN;
}

/** Reads a Dockerfile the workspace's setup wrote (for the report). */
export function generatedDockerfile(ws: KoWorkspace): string {
  return readFileSync(join(ws.root, APP_DIR, 'Dockerfile'), 'utf8');
}
