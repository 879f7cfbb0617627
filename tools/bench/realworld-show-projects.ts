// `nx show projects` cold (no daemon, no Nx cache, no workspace data) with and without the go-docker plugin on
// every repository of ../shared/realworld/, unpacked at run time into a temp dir (their code never enters this
// repository). Medians of --runs rounds, with and without interleaved. Goal: the plugin adds ≤ 10 %. A third
// series runs a plugin that infers nothing (its createNodes returns no project): what any Nx plugin costs,
// one more plugin worker process, before it does any work.
//
//   npx ts-node --transpile-only -O '{"module":"commonjs"}' tools/bench/realworld-show-projects.ts [--runs 5] [--only jaeger]
// Prints a markdown table. Needs packages/go-docker built (bench.sh does it).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interleaved, log, median, run, timed } from './lib/measure';
import { linkNodeModules, NX, REPO } from './lib/nx-workspace';
import { table, verdict } from './lib/report';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const RUNS = Number(flag('runs') ?? 5);
const ONLY = flag('only');
const REALWORLD = join(REPO, '..', 'shared', 'realworld');
const GOAL = 1.1;
const EMPTY_PLUGIN = 'bench-empty-nx-plugin';
type Plugin = 'none' | 'empty' | 'go-docker';
const NX_JSON: Record<Plugin, object> = { none: {}, empty: { plugins: [EMPTY_PLUGIN] }, 'go-docker': { plugins: ['go-docker'] } };
const ENV = { ...process.env, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true' };

function prepare(archive: string): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'go-docker-bench-realworld-'));
  run(['tar', '-xzf', join(REALWORLD, archive), '-C', root]);
  const entries = readdirSync(root);
  const dir = entries.length === 1 ? join(root, entries[0]) : root;
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'realworld', private: true }));
  linkNodeModules(dir);
  const empty = join(dir, 'node_modules', EMPTY_PLUGIN);
  mkdirSync(empty);
  writeFileSync(join(empty, 'package.json'), JSON.stringify({ name: EMPTY_PLUGIN, version: '0.0.0', main: 'index.js' }));
  writeFileSync(join(empty, 'index.js'), "exports.createNodes = ['**/{go.mod,go.work}', async () => []];\n");
  return { root, dir };
}

/** One cold `nx show projects`: the project graph and every plugin's caches are gone. */
function showProjects(dir: string, plugin: Plugin): number {
  writeFileSync(join(dir, 'nx.json'), JSON.stringify(NX_JSON[plugin]));
  rmSync(join(dir, '.nx'), { recursive: true, force: true });
  return timed([process.execPath, NX, 'show', 'projects'], { cwd: dir, env: ENV });
}

function main(): void {
  const archives = readdirSync(REALWORLD).filter((f) => f.endsWith('.tar.gz') && (!ONLY || f.includes(ONLY))).sort();
  const rows: string[][] = [];
  for (const archive of archives) {
    const { root, dir } = prepare(archive);
    try {
      const projects = (plugin: boolean) => {
        writeFileSync(join(dir, 'nx.json'), JSON.stringify(NX_JSON[plugin ? 'go-docker' : 'none']));
        return run([process.execPath, NX, 'show', 'projects'], { cwd: dir, env: ENV }).split('\n').filter(Boolean).length;
      };
      const counts = [projects(false), projects(true)];
      log(`${archive}: ${counts[0]} projects without the plugin, ${counts[1]} with; ${RUNS} rounds`);
      const s = interleaved(RUNS, { without: () => showProjects(dir, 'none'), empty: () => showProjects(dir, 'empty'), with: () => showProjects(dir, 'go-docker') });
      const [without, empty, withPlugin] = [median(s.without.values), median(s.empty.values), median(s.with.values)];
      const ratio = withPlugin / without;
      rows.push([archive.replace(/\.tar\.gz$/, '').replace('+', '/'), `${counts[0]} / ${counts[1]}`, `${without.toFixed(2)} s`, `${empty.toFixed(2)} s (+${((empty / without - 1) * 100).toFixed(0)} %)`, `${withPlugin.toFixed(2)} s`, `+${((ratio - 1) * 100).toFixed(0)} %`, `+${((withPlugin / empty - 1) * 100).toFixed(0)} %`, verdict(ratio, GOAL, true)]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${table(['repository', 'projects without / with', 'without plugin', 'an empty plugin', 'with go-docker', 'added', 'added over the empty plugin', 'goal ≤ +10 %'], rows)}\n\nCold = NX_DAEMON=false, NX_SKIP_NX_CACHE=true, \`.nx/\` removed before every run; medians of ${RUNS}, the three series interleaved. "An empty plugin" infers nothing: the cost of one more Nx plugin worker before any work.\n`);
}

main();
