// The differential test of the static Go reader against `go list -json`: every package of every
// module of the realworld corpus (../shared/realworld, unpacked into a temporary directory) and
// their dependencies, then every module in the Go module cache, each in linux/amd64 with cgo off
// and linux/arm64 with cgo on. Prints each disagreement and the counts per class; exit 1 when any.
// Run: npx ts-node --transpile-only -O '{"module":"commonjs"}' tools/go-model/differential.ts [--no-module-cache] [--repo NAME]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildContext } from '../../packages/go-docker/src/go/build-constraints';
import { GoListDifferential } from '../../packages/go-docker/src/go/go-list-differential';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'realworld');
const args = process.argv.slice(2);
const onlyRepo = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : undefined;

/** Module roots below `dir` that the go command would treat as modules of the repository. */
function moduleRoots(dir: string, prefix = ''): string[] {
  const here = join(dir, prefix);
  const entries = readdirSync(here, { withFileTypes: true });
  const found = entries.some((e) => e.isFile() && e.name === 'go.mod') ? [prefix || '.'] : [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name === 'vendor' || e.name === 'testdata' || e.name === 'node_modules' || e.name.startsWith('.') || e.name.startsWith('_')) continue;
    found.push(...moduleRoots(dir, prefix ? `${prefix}/${e.name}` : e.name));
  }
  return found;
}

/** Roots of module@version directories in the module cache. */
function cachedModules(cache: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || (dir === cache && e.name === 'cache')) continue;
      if (e.name.includes('@')) out.push(join(dir, e.name));
      else walk(join(dir, e.name));
    }
  };
  walk(cache);
  return out.sort();
}

const differential = new GoListDifferential([buildContext('amd64', false), buildContext('arm64', true)]);
const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), 'go-model-differential-'));
try {
  const tarballs = readdirSync(CORPUS).filter((f) => f.endsWith('.tar.gz') && (!onlyRepo || f.includes(onlyRepo)));
  for (const tarball of tarballs) {
    const dest = join(tmp, tarball.replace(/\.tar\.gz$/, ''));
    execFileSync('mkdir', ['-p', dest]);
    execFileSync('tar', ['-xzf', join(CORPUS, tarball), '-C', dest]);
    for (const root of moduleRoots(dest)) {
      const before = differential.compared;
      differential.run(join(dest, root), ['./...'], { deps: true });
      console.error(`${tarball} ${root}: ${differential.compared - before} packages`);
    }
  }
  if (!args.includes('--no-module-cache') && !onlyRepo) {
    const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
    const modules = cachedModules(cache);
    modules.forEach((dir, i) => {
      if (!existsSync(join(dir, 'go.mod'))) return;
      differential.run(dir, ['./...'], { env: { GOWORK: 'off', GOPROXY: 'off', GOFLAGS: '-mod=mod' } });
      if (i % 50 === 0) console.error(`module cache: ${i}/${modules.length} (${relative(cache, dir)})`);
    });
  }
  differential.checkMains();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

for (const d of differential.disagreements) {
  console.log(`${d.kind}\t${d.dir.replace(tmp, '<corpus>')}\t${d.context}\n\tgo list: ${d.goList}\n\treader:  ${d.reader}`);
}
console.log(`\npackages compared (directory × context): ${differential.compared}; main packages checked for func main: ${differential.mainsChecked}`);
console.log(`disagreements: ${differential.disagreements.length} ${JSON.stringify(differential.counts())}`);
console.log(`time: ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = differential.disagreements.length > 0 ? 1 : 0;
