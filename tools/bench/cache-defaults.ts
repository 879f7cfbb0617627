// Benchmark (not a test): what a build cache export costs a CI build of the bench's realapp, side by side in one
// run. `nx run realapp:docker-build` with CI=true as the target's defaults run it (no export outside GitHub
// Actions) against the same command with the exports go-docker used to default to in CI: a local directory
// (`type=local,mode=max`) and, when pushing, a registry cache beside the image (`type=registry,mode=max`).
// Each round edits one line first (a warm rebuild, as on a CI runner that keeps its builder). Prints the time
// per build and the disk the local cache takes.
//
//   npm run bench:cache [-- --rounds 3]      (bench.sh prepares the lab, the module proxy and the build)
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE } from './lib/fixture';
import { interleaved, log, med, run, type Sample } from './lib/measure';
import { commitWorkspace, makeNxWorkspace, NX } from './lib/nx-workspace';

const REGISTRY = process.env.GO_DOCKER_LAB_REGISTRY ?? '127.0.0.1:5000';
const BUILDER = process.env.GO_DOCKER_LAB_BUILDER ?? 'go-docker-lab';
const GOPROXY = process.env.GO_DOCKER_LAB_GOPROXY ?? 'http://127.0.0.1:5001';
const APP_DIR = 'apps/realapp';
const roundsAt = process.argv.indexOf('--rounds');
const ROUNDS = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 3;

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'go-docker-bench-cache-'));
  try {
    cpSync(FIXTURE, join(root, APP_DIR), { recursive: true });
    makeNxWorkspace(root, { plugin: true, nxJson: { targetDefaults: { 'docker-build': { options: { buildArgs: { GOPROXY }, builder: BUILDER } } } } });
    const env = { ...process.env, CI: 'true', NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', GOFLAGS: '' };
    run([process.execPath, NX, 'g', 'go-docker:setup'], { cwd: root, env });
    commitWorkspace(root);
    const localCache = join(root, 'localcache');
    const image = `${REGISTRY}/bench/cache-realapp`;
    let edits = 0;
    const build = (extra: string[]) => {
      edits++;
      writeFileSync(join(root, APP_DIR, 'version.go'), `package main\n\n// Version is the line the benchmark rewrites before each build.\nconst Version = "cache-bench-${process.pid}-${edits}"\n`);
      const start = process.hrtime.bigint();
      run([process.execPath, NX, 'run', 'realapp:docker-build', '--platforms=linux/amd64', '--skip-nx-cache', ...extra], { cwd: root, env });
      return Number(process.hrtime.bigint() - start) / 1e9;
    };
    const local = [`--cacheTo=type=local,dest=${localCache},mode=max`, `--cacheFrom=type=local,src=${localCache}`];
    const registry = [`--cacheTo=type=registry,ref=${image}:buildcache,mode=max`, `--cacheFrom=type=registry,ref=${image}:buildcache`];
    const push = ['--push', `--tags=${image}:bench`];
    log('cache defaults: one unmeasured build of each (fills the local and the registry cache)');
    build([]);
    build(local);
    build([...push, ...registry]);
    log(`cache defaults: ${ROUNDS} interleaved rounds`);
    const series = interleaved(ROUNDS, {
      'load, defaults (no cache export)': () => build([]),
      'load, local cache mode=max (the former CI default)': () => build(local),
      'push, defaults (no cache export)': () => build(push),
      'push, registry cache mode=max (the former CI default)': () => build([...push, ...registry]),
    });
    const localBytes = Number(run(['du', '-sb', localCache]).split('\t')[0]);
    const m = (name: string) => med(series[name] as Sample);
    const rows = [
      ['load into docker', m('load, defaults (no cache export)'), m('load, local cache mode=max (the former CI default)')],
      ['push to the registry', m('push, defaults (no cache export)'), m('push, registry cache mode=max (the former CI default)')],
    ] as const;
    const lines = [
      `realapp, linux/amd64, warm one-line change, CI=true, medians of ${ROUNDS} interleaved rounds`,
      '',
      'build                    defaults (no export)   with mode=max export   export ÷ defaults',
      ...rows.map(([what, plain, exported]) => `${what.padEnd(24)} ${`${plain.toFixed(2)} s`.padStart(20)}   ${`${exported.toFixed(2)} s`.padStart(20)}   ${(exported / plain).toFixed(2).padStart(16)}x`),
      '',
      `disk: the local mode=max cache directory holds ${(localBytes / 1e6).toFixed(0)} MB for this one project; the defaults write none`,
      `every run (s): ${Object.values(series).map((s) => `${s.name}: ${s.values.map((v) => v.toFixed(2)).join(', ')}`).join('; ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
