import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildContext, contextsKey } from './build-constraints';
import { compareWithGoList, contextLabel, type Disagreement, type GoListPackage } from './go-list-comparison';
import { readPackageDirectory } from './package-directory';
import { type PackageView, viewPackage } from './package-view';

/**
 * The differential test of the static reader: `go list -e -json` is run over packages in given
 * contexts, and every package it reports is read again by the reader and compared field by field.
 * Used by the jest spec (a fixed sample) and by tools/go-model/differential.ts (everything).
 */
export class GoListDifferential {
  readonly disagreements: Disagreement[] = [];
  /** Packages (directory × context) compared. */
  compared = 0;
  /** Main packages whose func main the Go parser checked. */
  mainsChecked = 0;
  private readonly seen = new Set<string>();
  private readonly pendingMains: { dir: string; files: string[]; reader: boolean; context: BuildContext }[] = [];

  /**
   * @param readView how the reader under test sees a directory in a context (default: this reader);
   *   lets the same comparison measure another reader, such as an older version.
   */
  constructor(
    private readonly contexts: readonly BuildContext[],
    private readonly readView: (dir: string, context: BuildContext) => PackageView | undefined = (dir, context) => {
      const sources = readPackageDirectory(dir);
      return sources && viewPackage(sources, context);
    },
  ) {}

  /** Lists `patterns` in `cwd` (with -deps when asked) in every context and compares what go list reports. */
  run(cwd: string, patterns: string[], options: { deps?: boolean; env?: NodeJS.ProcessEnv } = {}): void {
    for (const context of this.contexts) {
      for (const listed of goList(cwd, patterns, context, options)) this.compare(listed, context);
    }
  }

  compare(listed: GoListPackage, context: BuildContext): void {
    if (listed.Standard || !listed.Dir) return;
    const key = `${listed.Dir}\0${contextsKey([context])}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const view = this.readView(listed.Dir, context);
    if (!view) return;
    this.compared++;
    this.disagreements.push(...compareWithGoList(listed, view, context));
    const files = [...(listed.GoFiles ?? []), ...(listed.CgoFiles ?? [])];
    if (listed.Name === 'main' && files.length > 0 && !view.error) this.pendingMains.push({ dir: listed.Dir, files, reader: view.hasMainFunc, context });
  }

  /** Asks Go's parser about func main in every main package seen (one `go run` for all). */
  checkMains(): void {
    const mains = this.pendingMains.splice(0);
    if (mains.length === 0) return;
    const input = mains.map((m) => [m.dir, ...m.files].join('\t')).join('\n') + '\n';
    const output = execFileSync('go', ['run', join(__dirname, 'oracle', 'func-main.go')], {
      input,
      cwd: join(__dirname, 'oracle'),
      env: { ...process.env, GOWORK: 'off', GOFLAGS: '', GOOS: '', GOARCH: '' },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const answers = output.trim().split('\n');
    mains.forEach((m, i) => {
      const goSays = answers[i]?.endsWith('\ttrue') ?? false;
      this.mainsChecked++;
      if (goSays !== m.reader) this.disagreements.push({ dir: m.dir, context: contextLabel(m.context), kind: 'func-main', goList: String(goSays), reader: String(m.reader) });
    });
  }

  /** Disagreements per class. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const d of this.disagreements) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
    return counts;
  }
}

const FIELDS = 'Dir,ImportPath,Name,Standard,GoFiles,CgoFiles,IgnoredGoFiles,InvalidGoFiles,Imports,EmbedPatterns,Error';

/** `go list -e -json` in one context; never throws for packages go list reports as broken. */
export function goList(cwd: string, patterns: string[], context: BuildContext, options: { deps?: boolean; env?: NodeJS.ProcessEnv } = {}): GoListPackage[] {
  const args = ['list', '-e', `-json=${FIELDS}`, ...(options.deps ? ['-deps'] : []), ...patterns];
  let output: string;
  try {
    output = execFileSync('go', args, {
      cwd,
      env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', ...options.env, GOOS: context.goos, GOARCH: context.goarch, CGO_ENABLED: context.cgo ? '1' : '0' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    });
  } catch (error) {
    // go list -e still prints what it could load when the module itself is unusable.
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  return output
    .split(/^\}$/m)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.startsWith('{'))
    .map((chunk) => JSON.parse(`${chunk}}`) as GoListPackage);
}

/** Module roots below `dir` the go command treats as modules of the repository (not vendor/, testdata, _x, .x). */
export function moduleRootsBelow(dir: string, prefix = ''): string[] {
  const entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  const found = entries.some((e) => e.isFile() && e.name === 'go.mod') ? [prefix || '.'] : [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name === 'vendor' || e.name === 'testdata' || e.name === 'node_modules' || e.name.startsWith('.') || e.name.startsWith('_')) continue;
    found.push(...moduleRootsBelow(dir, prefix ? `${prefix}/${e.name}` : e.name));
  }
  return found;
}

/** Roots of the module@version directories of a module cache. */
export function cachedModuleRoots(cache: string): string[] {
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

/** Environment for listing a module of the module cache on its own, offline. */
export const MODULE_CACHE_LIST_ENV = { GOWORK: 'off', GOPROXY: 'off', GOFLAGS: '-mod=mod' };

/**
 * Unpacks every repository tarball of the corpus into a temporary directory (removed afterwards)
 * and compares every package of every module; with `deps`, also every package they import.
 */
export function compareCorpus(differential: GoListDifferential, corpus: string, options: { deps?: boolean; only?: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): void {
  const tmp = mkdtempSync(join(tmpdir(), 'go-model-differential-'));
  try {
    const tarballs = readdirSync(corpus).filter((f) => f.endsWith('.tar.gz') && (!options.only || f.includes(options.only)));
    if (tarballs.length === 0) throw new Error(`no repository tarballs in ${corpus}`);
    for (const tarball of tarballs.sort()) {
      const dest = join(tmp, tarball.replace(/\.tar\.gz$/, ''));
      mkdirSync(dest, { recursive: true });
      execFileSync('tar', ['-xzf', join(corpus, tarball), '-C', dest]);
      for (const root of moduleRootsBelow(dest)) {
        const before = differential.compared;
        differential.run(join(dest, root), ['./...'], { deps: options.deps, env: options.env });
        options.log?.(`${tarball} ${root}: ${differential.compared - before} packages`);
      }
    }
    differential.checkMains();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
