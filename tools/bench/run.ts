// The benchmark harness (issue 7): `npm run bench` (or `npm run bench:quick`).
// Container builds B1–B5 of tools/bench/fixtures/realapp on the container lab, then the plugin's own
// speed (the existing setup/lint/graph benchmarks, their output captured), then docs/benchmarks.md and
// docs/benchmarks-*.svg. Needs the lab (`npm run lab:up`) and a build (`npx nx run go-docker:build`).
//
//   ts-node tools/bench/run.ts [--quick] [--rounds N] [--cold-rounds N] [--qemu-rounds N] [--skip-plugin]
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createWorkspace } from './lib/fixture';
import { ensureHostCache, multiArch, prebuiltVsInDocker, rebuilds, sizes } from './lib/docker';
import { log, med, run, type Sample } from './lib/measure';
import { barChart, mb, ratio, sec, table, verdict } from './lib/report';

const REPO = join(__dirname, '..', '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const opt = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
// Quick mode: 3 runs of everything but QEMU (one run: a cold arm64 build under emulation takes minutes
// on 2 cores); the full run does 5 (QEMU 3).
const ROUNDS = opt('rounds', quick ? 3 : 5);
const COLD = opt('cold-rounds', quick ? 3 : 5);
const QEMU = opt('qemu-rounds', quick ? 1 : 3);
const skipPlugin = argv.includes('--skip-plugin');

const sh = (cmd: string[]): string => {
  try {
    return run(cmd).trim();
  } catch {
    return 'n/a';
  }
};

function machine(): string[][] {
  const docker = process.env.GO_DOCKER_LAB_DOCKER ?? 'docker';
  const builder = process.env.GO_DOCKER_LAB_BUILDER ?? 'go-docker-lab';
  const inspect = sh([docker, 'buildx', 'inspect', builder]);
  return [
    ['date', new Date().toISOString()],
    ['CPU', `${cpus().length} × ${cpus()[0]?.model ?? '?'} (nproc ${sh(['nproc'])})`],
    ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['OS', sh(['sh', '-c', '. /etc/os-release && echo $PRETTY_NAME']) + ', ' + sh(['uname', '-r'])],
    ['Go (host)', sh(['go', 'version'])],
    ['buildx', sh([docker, 'buildx', 'version'])],
    ['BuildKit (lab builder)', /BuildKit version:\s*(\S+)/.exec(inspect)?.[1] ?? 'n/a'],
    ['dockerd', sh([docker, 'version', '--format', '{{.Server.Version}}'])],
    ['QEMU', sh(['qemu-aarch64-static', '--version']).split('\n')[0]],
    ['load at start', sh(['cat', '/proc/loadavg'])],
  ];
}

/** Runs one of the existing benchmark scripts and keeps its printed output for the report. */
function pluginBench(title: string, cmd: string[]): { title: string; cmd: string; output: string } {
  log(`plugin speed: ${title}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } });
  const took = Number(process.hrtime.bigint() - start) / 1e9;
  const output = `${r.stdout ?? ''}`.trim() + (r.status === 0 ? '' : `\n(exit ${r.status ?? r.signal}; stderr tail:)\n${`${r.stderr ?? ''}`.split('\n').slice(-15).join('\n')}`);
  return { title: `${title} (${took.toFixed(0)} s)`, cmd: cmd.map((a) => (/[\s{"]/.test(a) ? `'${a}'` : a)).join(' '), output };
}

async function main(): Promise<void> {
  const started = Date.now();
  const facts = machine();
  ensureHostCache();
  const ws = await createWorkspace();
  log(`workspace ${ws.root}`);

  const rb = rebuilds(ws, ROUNDS);
  const size = sizes(ws);
  const ma = multiArch(ws, COLD, QEMU);
  const pb = prebuiltVsInDocker(ws, ROUNDS);
  // Cold prebuilt rounds above use ROUNDS; cold in-docker two-arch comes from B4.

  const ts = ['npx', 'ts-node', '--transpile-only', '-O', '{"module":"commonjs"}'];
  const plugin = skipPlugin ? [] : [
    pluginBench('setup on a large monorepo (setup-1000-apps.ts)', [...ts, 'tools/bench/setup-1000-apps.ts', ...(quick ? ['400', '3'] : ['1000', '5'])]),
    pluginBench('lint the shared corpus (lint-corpus.mjs)', ['node', 'tools/bench/lint-corpus.mjs', ...(quick ? ['--passes', '1', '--rounds', '3', '--warmup', '3', '--spawns', '5'] : [])]),
    ...(quick ? [] : [pluginBench('nx show projects vs nx-go (graph-show-projects.mjs)', ['node', 'tools/bench/graph-show-projects.mjs'])]),
  ];

  // ---- numbers
  const m = (s: Record<string, Sample>, k: string): number => med(s[k]);
  const host = m(rb, 'host go build'), gen = m(rb, 'generated'), multi = m(rb, 'multi-stage, no cache mounts'), naive = m(rb, 'naive (COPY . . + go build)');
  const b1 = gen / host, b2naive = naive / gen, b2multi = multi / gen;
  const overhead = size.generated - size.binary;
  const one = m(ma, 'cold amd64'), two = m(ma, 'cold amd64+arm64 (cross)'), armX = m(ma, 'cold arm64 (cross)'), armQ = m(ma, 'cold arm64 (QEMU)');
  const b4 = two / one, qemuRatio = armQ / armX;
  const wIn = m(pb, 'warm in-docker (2 arches)'), wPre = m(pb, 'warm prebuilt (2 arches)'), cPre = m(pb, 'cold prebuilt (2 arches)');
  const n = (s: Sample): string => `${s.values.length}`;
  const all = { ...rb, ...ma, ...pb };

  const cmd = `npm run ${quick ? 'bench:quick' : 'bench'}${argv.filter((a) => a !== '--quick').length ? ' -- ' + argv.filter((a) => a !== '--quick').join(' ') : ''}`;
  const md = `# Benchmarks

${quick ? '> **Quick run** (`npm run bench:quick`): warm measures are medians of ' + ROUNDS + ' runs, cold measures (B4, B5 cold in-docker) of ' + COLD + ', QEMU of ' + QEMU + '; the nx-go graph comparison is skipped. `npm run bench` uses 5 runs (QEMU 3) and runs everything.\n\n' : ''}Generated by \`${cmd}\` (tools/bench/run.ts) in ${((Date.now() - started) / 60000).toFixed(1)} min. The machine is shared with other work:
compare the ratios (every ratio's two sides ran interleaved in the same rounds), not absolute times.

${table(['machine', ''], facts)}

The app: \`tools/bench/fixtures/realapp\` (chi, prometheus client_golang, cobra, zap, x/sync, uuid: ${sh(['sh', '-c', `cd ${join(REPO, 'tools/bench/fixtures/realapp')} && GOFLAGS= go list -m all | wc -l`])} modules,
${mb(size.binary)} stripped binary). Its Dockerfiles come from the real generator (\`applySetup\`, strategies
\`in-docker\` and \`prebuilt\`), built with \`docker buildx build --builder go-docker-lab --build-arg GOPROXY=<lab proxy>
--build-arg GO_IMAGE=docker.io/library/golang:1.26 --output type=cacheonly\` (the full build, no export). A warm rebuild
follows a one-line change of \`version.go\`. "Cold" = a per-run copy of the Dockerfile whose cache mounts get a unique
\`id=\` and whose build stage gets a unique \`ARG BENCH_COLD\` (BuildKit's layer cache key ignores cache-mount ids; a
declared ARG is in every later RUN's environment): every build-stage step re-runs with empty module and build caches
while base images stay pulled (a CI runner with images but no build cache). Cheaper than a fresh buildkitd per run, and
it leaves the shared lab's caches alone. B4's series are interleaved per round; B5's cold in-docker number is B4's
two-arch series (other rounds than cold prebuilt). With another engineer's tests on the same 2 cores (see the load),
single runs vary up to 4× (the runs column): read ratios near a goal as "close", not as a precise miss or hit.

## Results

${table(['measure', 'value', 'goal'], [
  ['**B1** warm rebuild, generated ÷ host incremental `go build`', `${ratio(b1)} (${sec(gen)} / ${sec(host)})`, verdict(b1, 1.3, true)],
  ['**B2** warm rebuild, naive ÷ generated', `${ratio(b2naive)} (${sec(naive)} / ${sec(gen)})`, verdict(b2naive, 10, false)],
  ['**B2** warm rebuild, multi-stage without cache mounts ÷ generated', `${ratio(b2multi)} (${sec(multi)} / ${sec(gen)})`, verdict(b2multi, 10, false)],
  ['**B3** generated image − binary', `${mb(overhead)} (${mb(size.generated)} − ${mb(size.binary)})`, verdict(overhead / 1e6, 3, true)],
  ['**B3** naive ÷ generated image size', `${ratio(size.naive / size.generated)} (${mb(size.naive)} / ${mb(size.generated)}; multi-stage ${mb(size.multistage)})`, '—'],
  ['**B4** cold amd64+arm64 ÷ cold amd64 (cross-compiled)', `${ratio(b4)} (${sec(two)} / ${sec(one)})`, verdict(b4, 1.6, true)],
  ['**B4** cold arm64 under QEMU ÷ cold arm64 cross-compiled', `${ratio(qemuRatio)} (${sec(armQ)} / ${sec(armX)})`, '—'],
  ['**B5** warm, 2 arches: in-docker ÷ prebuilt', `${ratio(wIn / wPre)} (${sec(wIn)} / ${sec(wPre)})`, '—'],
  ['**B5** cold, 2 arches: in-docker ÷ prebuilt', `${ratio(two / cPre)} (${sec(two)} / ${sec(cPre)})`, '—'],
])}

![warm rebuild by Dockerfile style](benchmarks-rebuild.svg)

![cold multi-arch builds](benchmarks-multiarch.svg)

### Every series (seconds; median of n)

${table(['series', 'n', 'median', 'runs'], Object.values(all).map((s) => [s.name, n(s), sec(med(s)), s.values.map((v) => v.toFixed(2)).join(', ')]))}

B5: "prebuilt" = host \`go build\` for linux/amd64 and linux/arm64 (sequential, same flags as the generated
Dockerfile, \`dist/<os>_<arch>/realapp\`) + the generated prebuilt Dockerfile (COPY only) for both platforms; cold =
empty host GOCACHE (modules already in the host module cache). Cold in-docker is B4's two-arch series.

## Reading

${readingOf({ b1, b2naive, b2multi, overhead, b4, qemuRatio, gen, host })}

## Plugin speed (existing benchmarks, same command)

${plugin.length ? plugin.map((p) => `### ${p.title}\n\n\`${p.cmd}\`\n\n\`\`\`text\n${p.output}\n\`\`\``).join('\n\n') : '(skipped: --skip-plugin)'}
`;

  writeFileSync(join(REPO, 'docs', 'benchmarks.md'), md);
  writeFileSync(join(REPO, 'docs', 'benchmarks-rebuild.svg'), barChart(`Warm rebuild after a one-line change (linux/amd64, median of ${ROUNDS})`, 's', [
    { label: 'host go build (incremental)', value: host },
    { label: 'generated Dockerfile', value: gen, note: `(${ratio(b1)} host)` },
    { label: 'multi-stage, no cache mounts', value: multi, note: `(${ratio(b2multi)} generated)` },
    { label: 'naive COPY . . + go build', value: naive, note: `(${ratio(b2naive)} generated)` },
  ]));
  writeFileSync(join(REPO, 'docs', 'benchmarks-multiarch.svg'), barChart('Cold and warm builds, generated Dockerfile (median)', 's', [
    { label: 'cold amd64', value: one },
    { label: 'cold amd64+arm64, cross-compiled', value: two, note: `(${ratio(b4)})` },
    { label: 'cold arm64, cross-compiled', value: armX },
    { label: 'cold arm64 under QEMU', value: armQ, note: `(${ratio(qemuRatio)})` },
    { label: 'cold prebuilt, 2 arches', value: cPre },
    { label: 'warm in-docker, 2 arches', value: wIn },
    { label: 'warm prebuilt, 2 arches', value: wPre },
  ]));
  process.stdout.write(md);
  rmSync(ws.root, { recursive: true, force: true }); // the temp fixture copy, its dist/ and the cold Dockerfile copies
  log(`wrote docs/benchmarks.md and docs/benchmarks-*.svg in ${((Date.now() - started) / 60000).toFixed(1)} min`);
}

/** Why a goal is missed and what would close it; the numbers decide which paragraphs apply. */
function readingOf(r: { b1: number; b2naive: number; b2multi: number; overhead: number; b4: number; qemuRatio: number; gen: number; host: number }): string {
  const out: string[] = [];
  out.push(r.b1 <= 1.3
    ? `- B1 met: with cache mounts the rebuild recompiles one package and relinks, as on the host; BuildKit adds ${(r.gen - r.host).toFixed(2)} s (context transfer, mount setup, snapshots).`
    : `- B1 missed by ${(r.b1 / 1.3).toFixed(2)}×: the Go work is the same incremental compile + link as on the host, the difference (${(r.gen - r.host).toFixed(2)} s) is fixed BuildKit cost per build (session, context sync, cache-mount setup, two snapshots, the runtime stage). It is a constant, so the ratio falls as the link grows; closing it needs less per-build overhead (e.g. the \`prebuilt\` strategy, or a warm buildx session), not a different Dockerfile.`);
  out.push(r.b2naive >= 10
    ? '- B2 met against the naive Dockerfile: it recompiles every dependency and the standard library on each change.'
    : `- B2 missed by ${(10 / r.b2naive).toFixed(2)}× against the naive Dockerfile (${ratio(r.b2naive)}): the naive build recompiles all ~40 modules each time, but on this app a full compile is only ~${(r.gen * r.b2naive).toFixed(0)} s on 2 cores while the generated rebuild's floor is link time + BuildKit overhead (${sec(r.gen)}). The ratio grows with the dependency tree (a service with Kubernetes or cloud SDKs compiles for minutes); with this fixture, 10× would need a ~${(10 * r.gen).toFixed(0)} s full compile.`);
  out.push(r.b2multi >= 10 ? '- B2 met against the typical multi-stage Dockerfile.' : `- The typical multi-stage Dockerfile (${ratio(r.b2multi)}) caches the module download but not the build cache, so it pays the same full compile: the same reasoning applies.`);
  out.push(r.overhead <= 3e6 ? `- B3 met: the static distroless base adds ${mb(r.overhead)} to the binary.` : `- B3 missed: the image adds ${mb(r.overhead)} to the binary.`);
  out.push(r.b4 <= 1.6
    ? '- B4 met: the arm64 leg is cross-compiled on the build platform, sharing the module download step.'
    : `- B4 missed by ${(r.b4 / 1.6).toFixed(2)}× (${ratio(r.b4)}): there is no emulation (QEMU is ${ratio(r.qemuRatio)} slower than the cross-compiled leg), but a cold build is CPU-bound and one arch already uses both of this machine's 2 cores, so two arches cost ~2× the CPU and ~2× the time; only the module download is shared. On 4+ cores the legs overlap and the ratio drops toward the goal; a warm Go build cache (the normal case) makes it moot.`);
  return out.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
