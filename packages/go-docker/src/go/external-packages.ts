import { homedir } from 'node:os';
import { join } from 'node:path';
import { type BuildContext, contextsKey } from './build-constraints';
import { joinPath, type WorkspaceFiles } from './file-system';
import { compareModuleVersions } from './module-versions';
import { readPackageDirectory } from './package-directory';
import { type GoSourceFile, needsCgo, sourceFileOf, viewPackage } from './package-view';
import type { GoModule, GoWorkspaceFile } from './workspace';

/** What the external packages of one build say about cgo. */
export interface ExternalCgo {
  /** External packages that cannot be built with cgo off (see needsCgo): the first found below each import. */
  needsCgo: string[];
  /** Import paths of external packages that are neither in vendor/ nor in the module cache: not decided. */
  undecided: string[];
}

interface Reach {
  /** The first package (this one or one it imports) that needs cgo. */
  needsCgo?: string;
  /** Packages reachable from this one that are not on disk. */
  undecided: readonly string[];
}

/** Memoized walk over the external import graph (Go forbids import cycles, so each package is done once). */
class CgoWalk {
  private readonly reach = new Map<string, Reach>();

  constructor(
    private readonly locate: (path: string) => GoSourceFile[] | undefined,
    private readonly contexts: readonly BuildContext[],
  ) {}

  of(path: string): Reach {
    const known = this.reach.get(path);
    if (known) return known;
    // Placeholder while in progress: a cycle (invalid Go) ends here instead of looping.
    this.reach.set(path, { undecided: [] });
    const sources = this.locate(path);
    let result: Reach;
    if (!sources) {
      result = { undecided: [path] };
    } else {
      const facts = this.contexts.map((context) => factsOf(sources, context));
      if (facts.some((f) => f.needsCgo)) {
        result = { needsCgo: path, undecided: [] };
      } else {
        const undecided = new Set<string>();
        let needsCgo: string | undefined;
        for (const next of new Set(facts.flatMap((f) => f.imports))) {
          const r = this.of(next);
          needsCgo ??= r.needsCgo;
          r.undecided.forEach((u) => undecided.add(u));
        }
        result = { ...(needsCgo ? { needsCgo } : {}), undecided: [...undecided] };
      }
    }
    this.reach.set(path, result);
    return result;
  }
}

/** The Go module cache as the go command finds it: GOMODCACHE, else the first GOPATH entry's pkg/mod, else ~/go/pkg/mod. */
export function moduleCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GOMODCACHE) return env.GOMODCACHE;
  const gopath = env.GOPATH?.split(process.platform === 'win32' ? ';' : ':').find(Boolean);
  return join(gopath ?? join(homedir(), 'go'), 'pkg', 'mod');
}

/** Module paths in the cache escape capitals: github.com/BurntSushi → github.com/!burnt!sushi. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** Standard-library import paths have no dot in their first element; "C" is cgo itself. */
export function isStandardImport(path: string): boolean {
  const first = path.split('/', 1)[0];
  return !first.includes('.');
}

const facts = new WeakMap<GoSourceFile[], Map<string, { needsCgo: boolean; imports: string[] }>>();

/** needsCgo and the non-standard imports of a package in a context, computed once per package and context. */
function factsOf(sources: GoSourceFile[], context: BuildContext): { needsCgo: boolean; imports: string[] } {
  let byContext = facts.get(sources);
  if (!byContext) {
    byContext = new Map();
    facts.set(sources, byContext);
  }
  const key = contextsKey([context]);
  let value = byContext.get(key);
  if (!value) {
    value = { needsCgo: needsCgo(sources, context), imports: viewPackage(sources, context).imports.filter((i) => !isStandardImport(i)) };
    byContext.set(key, value);
  }
  return value;
}

/** Package directories of the module cache never change (module@version is immutable): read each once per process. */
const cachedDirectories = new Map<string, GoSourceFile[] | undefined>();

/**
 * Reads the external packages a build imports, from the files the build itself would use: the main
 * module's vendor/ directory in vendor mode, else the module cache at the versions go.mod requires.
 * The go command is never run.
 */
export class ExternalPackages {
  private readonly vendorDirectories = new Map<string, GoSourceFile[] | undefined>();

  constructor(
    private readonly files: WorkspaceFiles,
    /** Undefined: packages outside vendor/ stay undecided. */
    private readonly moduleCache: string | undefined,
  ) {}

  /** What the external packages reachable from `imports` (transitively) say, in the cgo-off contexts. */
  cgoOf(module: GoModule, work: GoWorkspaceFile | undefined, mainModules: GoModule[], imports: Iterable<string>, contexts: readonly BuildContext[]): ExternalCgo {
    const key = `${work ? `work:${work.dir}` : `module:${module.root}`}|${contextsKey(contexts)}`;
    let walk = this.walks.get(key);
    if (!walk) {
      walk = new CgoWalk(this.locatorFor(module, work, mainModules), contexts);
      this.walks.set(key, walk);
    }
    const needs = new Set<string>();
    const undecided = new Set<string>();
    for (const path of imports) {
      if (isStandardImport(path)) continue;
      const result = walk.of(path);
      if (result.needsCgo) needs.add(result.needsCgo);
      result.undecided.forEach((u) => undecided.add(u));
    }
    return { needsCgo: [...needs].sort(), undecided: [...undecided].sort() };
  }

  /** One walk per build configuration: every app of a module (or go.work) shares what it learnt. */
  private readonly walks = new Map<string, CgoWalk>();

  /** Import path → package files, with the rules of this build (vendor mode or the module graph's versions). */
  private locatorFor(module: GoModule, work: GoWorkspaceFile | undefined, mainModules: GoModule[]): (path: string) => GoSourceFile[] | undefined {
    if (!work && isVendorMode(module, this.files)) {
      return (path) => this.vendorPackage(joinPath(module.root, `vendor/${path}`));
    }
    const versions = new Map<string, { path: string; version: string }>();
    for (const m of mainModules) {
      for (const r of m.file.require) {
        const known = versions.get(r.path);
        if (!known || compareModuleVersions(r.version, known.version) > 0) versions.set(r.path, { path: r.path, version: r.version });
      }
    }
    const replaces = [...(work?.file.replace ?? []), ...mainModules.flatMap((m) => m.file.replace)];
    for (const r of replaces) {
      const target = versions.get(r.oldPath);
      if (!target || (r.oldVersion && r.oldVersion !== target.version)) continue;
      // A local replacement is a directory, not a module cache entry: left undecided unless it is a workspace module.
      versions.set(r.oldPath, r.isLocal ? { path: '', version: '' } : { path: r.newPath, version: r.newVersion as string });
    }
    return (importPath) => this.cachedModulePackage(versions, importPath);
  }

  /** The package at the longest required module path that prefixes the import path. */
  private cachedModulePackage(versions: Map<string, { path: string; version: string }>, importPath: string): GoSourceFile[] | undefined {
    for (let prefix = importPath; ; ) {
      const found = versions.get(prefix);
      if (found) {
        if (!found.path || this.moduleCache === undefined) return undefined;
        const rest = importPath.slice(prefix.length);
        return this.cachedPackage(join(this.moduleCache, `${escapeModulePath(found.path)}@${escapeModulePath(found.version)}${rest}`));
      }
      const slash = prefix.lastIndexOf('/');
      if (slash < 0) return undefined;
      prefix = prefix.slice(0, slash);
    }
  }

  private cachedPackage(dir: string): GoSourceFile[] | undefined {
    if (!cachedDirectories.has(dir)) {
      const sources = readPackageDirectory(dir, { headOnly: true });
      cachedDirectories.set(dir, sources && sources.length > 0 ? sources : undefined);
    }
    return cachedDirectories.get(dir);
  }

  private vendorPackage(dir: string): GoSourceFile[] | undefined {
    if (!this.vendorDirectories.has(dir)) {
      const names = this.files.listDirectory?.(dir);
      const sources = names?.filter((name) => sourceFileOf(name, () => '') !== undefined).sort().map((name) => sourceFileOf(name, () => this.files.read(joinPath(dir, name))) as GoSourceFile);
      this.vendorDirectories.set(dir, sources && sources.length > 0 ? sources : undefined);
    }
    return this.vendorDirectories.get(dir);
  }
}

/** go builds from vendor/ by default when vendor/modules.txt exists and the go line is 1.14 or later. */
export function isVendorMode(module: GoModule, files: WorkspaceFiles): boolean {
  if (!files.exists(joinPath(module.root, 'vendor/modules.txt'))) return false;
  const minor = /^1\.(\d+)/.exec(module.file.go ?? '')?.[1];
  return minor !== undefined && Number(minor) >= 14;
}
