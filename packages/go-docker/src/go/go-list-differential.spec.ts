import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildContext } from './build-constraints';
import { compareCorpus, GoListDifferential, MODULE_CACHE_LIST_ENV } from './go-list-differential';

/** The realworld corpus beside the repository (CI clones the repository next to shared/). */
const CORPUS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'realworld');

/** A fixed sample of module-cache modules with many build constraints, cgo and assembly; downloaded through the Go proxy when missing. */
const MODULE_SAMPLE = ['github.com/mattn/go-sqlite3@v1.14.32', 'golang.org/x/sys@v0.46.0', 'github.com/klauspost/compress@v1.18.0', 'github.com/fsnotify/fsnotify@v1.9.0', 'google.golang.org/protobuf@v1.36.10'];

describe('the static reader against go list -json (quick differential; the full one is tools/go-model/differential.ts)', () => {
  const differential = new GoListDifferential([buildContext('amd64', false), buildContext('arm64', true)]);

  it('finds the corpus and the go command (never skipped)', () => {
    expect(existsSync(CORPUS)).toBe(true);
    expect(execFileSync('go', ['version'], { encoding: 'utf8' })).toMatch(/^go version go1\./);
  });

  it('agrees on every package of every module of the realworld repositories', () => {
    // Offline: the fields compared come from the files themselves, not from resolved dependencies.
    compareCorpus(differential, CORPUS, { env: { GOPROXY: 'off' } });
    expect(differential.disagreements).toEqual([]);
    expect(differential.compared).toBeGreaterThan(2 * 1000);
  }, 600_000);

  it('agrees on a fixed sample of module-cache modules', () => {
    const before = differential.compared;
    const downloaded = execFileSync('go', ['mod', 'download', '-json', ...MODULE_SAMPLE], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '' } });
    const dirs = [...downloaded.matchAll(/"Dir": "([^"]+)"/g)].map((m) => m[1]);
    expect(dirs).toHaveLength(MODULE_SAMPLE.length);
    for (const dir of dirs) differential.run(dir, ['./...'], { env: MODULE_CACHE_LIST_ENV });
    differential.checkMains();
    expect(differential.disagreements).toEqual([]);
    expect(differential.compared - before).toBeGreaterThan(2 * 100);
  }, 600_000);
});
