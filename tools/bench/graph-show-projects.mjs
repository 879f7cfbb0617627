#!/usr/bin/env node
// Benchmark: `nx show projects` cold and warm on a generated Go monorepo, go-docker's graph plugin vs
// @nx-go/nx-go, same workspace, NX_DAEMON=false, medians of `--runs` rounds in which every configuration runs
// once (interleaved, so machine load hits them alike). Then a scale check of go-docker alone.
//
//   npm run bench:graph                 (500 modules, 5 runs, then the 2,000-module / 20,000-file scale check)
//   node tools/bench/graph-show-projects.mjs --modules 500 --runs 5 --scale 2000
//
// go-docker is used from a fresh compile of packages/go-docker (tsc, no nx task), nx and @nx/* from this
// repository's node_modules. @nx-go/nx-go is fetched with `npm pack` into a cache folder outside the repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateGoWorkspace } from './graph-workspace.mjs';
import { median } from './lib/median.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The newest release. It declares @nx/devkit ">= 20 < 23" and fails to load against @nx/devkit 23
// (it imports a devkit subpath 23 no longer exports), so it gets its own @nx/devkit 22 nested below it,
// running inside nx 23: the closest to "nx-go on nx 23" that exists.
const NX_GO_VERSION = '4.1.1';
const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const MODULES = Number(args.modules ?? 500);
const SCALE = Number(args.scale ?? 2000);
const RUNS = Number(args.runs ?? 5);
const ENV = { ...process.env, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

function compileGoDocker(into) {
  const pkg = join(REPO, 'packages/go-docker');
  execFileSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', join(pkg, 'tsconfig.lib.json'), '--outDir', join(into, 'dist')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(REPO, 'tools/copy-assets.mjs'), join(pkg, 'src'), join(into, 'dist')]);
  for (const file of ['package.json', 'generators.json', 'executors.json']) cpSync(join(pkg, file), join(into, file));
}

function fetchNxGo() {
  const cache = join(tmpdir(), 'go-docker-bench-cache');
  const dir = join(cache, `nx-go-${NX_GO_VERSION}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(cache, { recursive: true });
    const tarball = execFileSync('npm', ['pack', `@nx-go/nx-go@${NX_GO_VERSION}`, '--silent'], { cwd: cache, encoding: 'utf8' }).trim();
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', join(cache, tarball), '-C', dir, '--strip-components=1']);
    execFileSync('npm', ['install', '--omit=dev', '--legacy-peer-deps', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  }
  return dir;
}

function makeWorkspace(modules, goDocker, nxGo) {
  const root = mkdtempSync(join(tmpdir(), `go-docker-bench-${modules}-`));
  generateGoWorkspace(root, { modules, filesPerModule: 10 });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench', private: true }));
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.nx\ndist\n.nx-bench-stdout\n');
  const nodeModules = join(root, 'node_modules');
  mkdirSync(join(nodeModules, '@nx-go'), { recursive: true });
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (name !== 'go-docker' && name !== '.bin') symlinkSync(join(REPO, 'node_modules', name), join(nodeModules, name));
  }
  cpSync(goDocker, join(nodeModules, 'go-docker'), { recursive: true });
  if (nxGo) cpSync(nxGo, join(nodeModules, '@nx-go/nx-go'), { recursive: true });
  return root;
}

function usePlugin(root, plugin) {
  writeFileSync(join(root, 'nx.json'), JSON.stringify({ plugins: [plugin] }, null, 2));
}

function nx(root, ...nxArgs) {
  // Output goes to a file, not a pipe: nx exits right after printing, and a pipe may lose the tail.
  const outFile = join(root, '.nx-bench-stdout');
  const out = openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), ...nxArgs], { cwd: root, env: ENV, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(out);
  const stdout = readFileSync(outFile, 'utf8');
  if (result.status !== 0) throw new Error(`nx ${nxArgs.join(' ')} failed in ${root}:\n${stdout}\n${result.stderr}`);
  return { seconds, stdout };
}

/** Cold: no Nx workspace data (graph cache, go-docker's summary cache). Warm: the same command again. */
function coldAndWarm(root) {
  nx(root, 'reset');
  rmSync(join(root, '.nx'), { recursive: true, force: true });
  const cold = nx(root, 'show', 'projects');
  const warm = nx(root, 'show', 'projects');
  return { cold: cold.seconds, warm: warm.seconds, projects: cold.stdout.trim().split('\n').filter(Boolean).length };
}

const format = (s) => `${s.toFixed(2)}s`;

const goDocker = mkdtempSync(join(tmpdir(), 'go-docker-bench-pkg-'));
compileGoDocker(goDocker);
const nxGo = fetchNxGo();

console.log(`\n# nx show projects, ${MODULES} Go modules (${MODULES * 10} files), NX_DAEMON=false, median of ${RUNS} interleaved runs\n`);
const root = makeWorkspace(MODULES, goDocker, nxGo);
// Context for the ratio: Nx alone (it still starts, hashes and indexes every file), and Nx with a plugin
// that does nothing (what any plugin costs: a worker process, loading devkit, IPC).
mkdirSync(join(root, 'node_modules/empty-go-plugin'));
writeFileSync(join(root, 'node_modules/empty-go-plugin/package.json'), JSON.stringify({ name: 'empty-go-plugin', main: 'index.js' }));
writeFileSync(join(root, 'node_modules/empty-go-plugin/index.js'), "exports.createNodes = ['**/go.mod', () => []];\n");
const configs = { ours: [{ plugin: 'go-docker', options: {} }], theirs: ['@nx-go/nx-go'], baseline: [], empty: ['empty-go-plugin'] };
const samples = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
for (let r = 0; r < RUNS; r++) {
  for (const [name, plugins] of Object.entries(configs)) {
    writeFileSync(join(root, 'nx.json'), JSON.stringify({ plugins }, null, 2));
    samples[name].push(coldAndWarm(root));
  }
}
const summary = (runs) => ({ cold: median(runs.map((x) => x.cold)), warm: median(runs.map((x) => x.warm)), projects: runs[0].projects });
const [ours, theirs, baseline, empty] = ['ours', 'theirs', 'baseline', 'empty'].map((k) => summary(samples[k]));
console.log(`| plugin                    | projects | cold   | warm   |`);
console.log(`| ------------------------- | -------- | ------ | ------ |`);
console.log(`| go-docker                 | ${String(ours.projects).padEnd(8)} | ${format(ours.cold)} | ${format(ours.warm)} |`);
console.log(`| @nx-go/nx-go ${NX_GO_VERSION}        | ${String(theirs.projects).padEnd(8)} | ${format(theirs.cold)} | ${format(theirs.warm)} |`);
console.log(`\nratio go-docker / nx-go: cold ${(ours.cold / theirs.cold).toFixed(2)}x, warm ${(ours.warm / theirs.warm).toFixed(2)}x (goal <= 0.8x)`);

console.log(`nx without Go plugins (floor): cold ${format(baseline.cold)}, warm ${format(baseline.warm)}`);
console.log(`nx with a plugin that does nothing: cold ${format(empty.cold)}, warm ${format(empty.warm)}`);
console.log(`each plugin's own share (minus the do-nothing plugin): go-docker cold ${format(ours.cold - empty.cold)}, warm ${format(ours.warm - empty.warm)}; nx-go cold ${format(theirs.cold - empty.cold)}, warm ${format(theirs.warm - empty.warm)}`);
rmSync(root, { recursive: true, force: true });

if (SCALE > 0) {
  console.log(`\n# scale check: go-docker alone, ${MODULES} vs ${SCALE} modules (10 files each)\n`);
  const rows = [];
  for (const modules of [MODULES, SCALE]) {
    const scaleRoot = makeWorkspace(modules, goDocker, undefined);
    usePlugin(scaleRoot, { plugin: 'go-docker', options: {} });
    const run = coldAndWarm(scaleRoot);
    rows.push({ modules, ...run });
    console.log(`${modules} modules: ${run.projects} projects, cold ${format(run.cold)} (${((run.cold / modules) * 1000).toFixed(2)} ms/module), warm ${format(run.warm)} (${((run.warm / modules) * 1000).toFixed(2)} ms/module)`);
    rmSync(scaleRoot, { recursive: true, force: true });
  }
  const [small, large] = rows;
  console.log(`growth ${small.modules} -> ${large.modules} modules (x${(large.modules / small.modules).toFixed(1)}): cold x${(large.cold / small.cold).toFixed(2)}, warm x${(large.warm / small.warm).toFixed(2)}`);
}
rmSync(goDocker, { recursive: true, force: true });
