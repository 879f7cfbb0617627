// The differential test of the static Go reader against `go list -json`: every package of every
// module of the realworld corpus (../shared/realworld, unpacked into a temporary directory) and
// everything they import, then every module in the Go module cache, each in linux/amd64 with cgo
// off and linux/arm64 with cgo on. Prints each disagreement and the counts per class; exit 1 when any.
// Run: npx ts-node --transpile-only -O '{"module":"commonjs"}' tools/go-model/differential.ts [--no-module-cache] [--repo NAME]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildContext } from '../../packages/go-docker/src/go/build-constraints';
import { cachedModuleRoots, compareCorpus, GoListDifferential, MODULE_CACHE_LIST_ENV } from '../../packages/go-docker/src/go/go-list-differential';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'realworld');
const args = process.argv.slice(2);
const only = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : undefined;

const differential = new GoListDifferential([buildContext('amd64', false), buildContext('arm64', true)]);
const started = Date.now();
compareCorpus(differential, CORPUS, { deps: true, only, log: (line) => console.error(line) });
if (!args.includes('--no-module-cache') && !only) {
  const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const modules = cachedModuleRoots(cache);
  modules.forEach((dir, i) => {
    if (existsSync(join(dir, 'go.mod'))) differential.run(dir, ['./...'], { env: MODULE_CACHE_LIST_ENV });
    if (i % 100 === 0) console.error(`module cache: ${i}/${modules.length} (${relative(cache, dir)})`);
  });
  differential.checkMains();
}

for (const d of differential.disagreements) {
  console.log(`${d.kind}\t${d.dir.replace(/^.*go-model-differential-[^/]+\//, '<corpus>/')}\t${d.context}\n\tgo list: ${d.goList}\n\treader:  ${d.reader}`);
}
console.log(`\npackages compared (directory × context): ${differential.compared}; main packages checked for func main: ${differential.mainsChecked}`);
console.log(`disagreements: ${differential.disagreements.length} ${JSON.stringify(differential.counts())}`);
console.log(`time: ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = differential.disagreements.length > 0 ? 1 : 0;
