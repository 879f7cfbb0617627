import { type BuildContext, buildContext, TARGET_ARCHES } from './build-constraints';
import { basename, dirname, joinPath, type WorkspaceFiles } from './file-system';
import { type GoSourceSummary, summarizeGoSource } from './go-source';
import { type GoSourceFile, isListedGoFile, type PackageView, sourceFileOf, viewPackage } from './package-view';
import { type GoModFile, parseGoMod } from './gomod';
import { type GoWorkFile, parseGoWork } from './gowork';
import { ExternalPackages, moduleCacheDir } from './external-packages';
import { GoFileParseError } from './modfile-syntax';
import { isWithin, normalizePath } from './paths';
import { type VendorKind, vendorKindAt } from './vendor';

export interface GoModule {
  /** Workspace-relative directory holding go.mod ('.' for the root). */
  root: string;
  /** Module path from the `module` directive. */
  path: string;
  file: GoModFile;
  hasGoSum: boolean;
  /** Who wrote vendor/modules.txt beside go.mod, if there is one. */
  vendor?: VendorKind;
}

export interface GoWorkspaceFile {
  /** Workspace-relative directory holding go.work. */
  dir: string;
  file: GoWorkFile;
  hasWorkSum: boolean;
  /** Who wrote vendor/modules.txt beside go.work, if there is one. */
  vendor?: VendorKind;
  /** Roots of the modules its `use` directives name (that exist). */
  moduleRoots: string[];
}

export interface GoPackage {
  /** Workspace-relative directory. */
  dir: string;
  name: string;
  /** Root of the module the package belongs to, if any. */
  moduleRoot: string | undefined;
  importPath: string | undefined;
  /** Every non-test .go file go/build looks at, with its summary: the input of per-context views (see packageIn). */
  sources: GoSourceFile[];
  /** Imports of the files chosen for any target platform (cgo on or off), sorted, without duplicates. */
  imports: string[];
  /** `package main` with a top-level func main() in a chosen file. */
  isCommand: boolean;
  /** A chosen file imports "C" when cgo is on: its C sources are build inputs. */
  usesCgo: boolean;
  /** Non-test .go files chosen for any target platform (cgo on or off). */
  goFiles: string[];
  /** Imports of each of `goFiles` (file name → import paths), for graph edges that name their source file. */
  importsByFile?: Record<string, string[]>;
  embedPatterns: string[];
}

/** Summarizes one .go file (workspace-relative path); lets a caller reuse summaries of unchanged files. */
export type GoSourceSummarizer = (path: string) => GoSourceSummary;

export interface LoadGoWorkspaceOptions {
  /** Defaults to reading and scanning the file; the graph plugin passes a cache keyed by file hash. */
  summarize?: GoSourceSummarizer;
  /**
   * Where external packages are read to decide cgo (vendor/ is always read from the workspace):
   * defaults to the module cache the go command uses; false reads none (they stay undecided).
   */
  moduleCache?: string | false;
}

/** A user file the Go model could not use; what it governs is left out, everything else is loaded. */
export interface GoProblem {
  /** Workspace-relative path of the file. */
  file: string;
  /** 1-based line, when the problem has one. */
  line?: number;
  /** What is wrong, without the file and line (callers print `file:line: message`). */
  message: string;
}

export interface GoWorkspace {
  modules: Map<string, GoModule>;
  packages: Map<string, GoPackage>;
  works: GoWorkspaceFile[];
  /** Broken go.mod / go.work / .go files, sorted by file then line. */
  problems: GoProblem[];
  /** Reads packages outside the workspace's own modules (vendor/, module cache) for the cgo decision. */
  external?: ExternalPackages;
}

/**
 * Reads every go.mod, go.work and Go file of a workspace into a model of modules and packages.
 * Never throws for a broken user file: a malformed go.mod leaves out its module, a malformed go.work
 * the modules it governs (every go command there fails), each reported in `problems`.
 */
export function loadGoWorkspace(files: WorkspaceFiles, options: LoadGoWorkspaceOptions = {}): GoWorkspace {
  const paths = files.listGoFiles().sort();
  const modules = new Map<string, GoModule>();
  const works: GoWorkspaceFile[] = [];
  const goFilesByDir = new Map<string, string[]>();
  const problems: GoProblem[] = [];
  /** Directories of go.mod / go.work files that do not parse: nothing below them is loaded from them. */
  const brokenModuleRoots = new Set<string>();
  const brokenWorkDirs = new Set<string>();
  const report = (error: unknown): void => {
    if (!(error instanceof GoFileParseError)) throw error;
    problems.push({ file: error.file, line: error.line, message: error.reason });
  };

  for (const path of paths) {
    const name = basename(path);
    const dir = dirname(path);
    if (name === 'go.mod') {
      try {
        const file = parseGoMod(files.read(path), path);
        modules.set(dir, { root: dir, path: file.module, file, hasGoSum: files.exists(joinPath(dir, 'go.sum')), vendor: vendorKindAt(files, dir) });
      } catch (error) {
        report(error);
        brokenModuleRoots.add(dir);
      }
    } else if (name === 'go.work') {
      try {
        const file = parseGoWork(files.read(path), path);
        works.push({ dir, file, hasWorkSum: files.exists(joinPath(dir, 'go.work.sum')), vendor: vendorKindAt(files, dir), moduleRoots: [] });
      } catch (error) {
        report(error);
        brokenWorkDirs.add(dir);
      }
    } else if (isListedGoFile(name)) {
      const list = goFilesByDir.get(dir) ?? [];
      list.push(name);
      goFilesByDir.set(dir, list);
    }
  }

  for (const work of [...works]) {
    const workFile = joinPath(work.dir, 'go.work');
    for (const use of work.file.use) {
      const root = normalizePath(joinPath(work.dir, use.path));
      if (root === undefined) {
        // Go accepts it, but the module is outside what go-docker can put in a build context.
        problems.push({ file: workFile, line: use.line, message: `use ${use.path} points outside the workspace` });
      } else if (brokenModuleRoots.has(root)) {
        // Reported with the go.mod itself; go fails in every module of this go.work.
        brokenWorkDirs.add(work.dir);
      } else if (!modules.has(root)) {
        problems.push({ file: workFile, line: use.line, message: `use ${use.path}: no go.mod in ${root}` });
        brokenWorkDirs.add(work.dir);
      } else {
        work.moduleRoots.push(root);
      }
    }
    if (brokenWorkDirs.has(work.dir)) works.splice(works.indexOf(work), 1);
  }
  // Go uses the nearest go.work above a module: when it is broken, every command in that module fails.
  if (brokenWorkDirs.size > 0) {
    for (const root of [...modules.keys()]) {
      const workDir = nearestWorkDir(root, works, brokenWorkDirs);
      if (workDir !== undefined && brokenWorkDirs.has(workDir)) {
        modules.delete(root);
        brokenModuleRoots.add(root);
      }
    }
  }

  const packages = new Map<string, GoPackage>();
  for (const [dir, names] of goFilesByDir) {
    const module = owningModule(modules, dir, brokenModuleRoots);
    // A package whose module is left out is left out too (it is not a package outside any module).
    if (!module && brokenModuleRoots.size > 0 && isBelowAny(dir, brokenModuleRoots)) continue;
    const pkg = readPackage(files, dir, names, module, options.summarize);
    if ('message' in pkg) problems.push(pkg);
    else if (pkg.name) packages.set(dir, pkg);
  }
  problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
  const external = new ExternalPackages(files, options.moduleCache === false ? undefined : (options.moduleCache ?? moduleCacheDir()));
  return { modules, packages, works, problems, external };
}

function isBelowAny(dir: string, roots: ReadonlySet<string>): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (roots.has(current)) return true;
    if (current === '.') return false;
  }
}

/** Directory of the go.work (parsed or broken) nearest above `root`, as Go searches for it. */
function nearestWorkDir(root: string, works: GoWorkspaceFile[], brokenWorkDirs: Set<string>): string | undefined {
  const dirs = [...works.map((w) => w.dir), ...brokenWorkDirs].filter((d) => isWithin(root, d));
  return dirs.sort((a, b) => b.length - a.length)[0];
}

/** The default contexts: every target architecture, cgo on and off. Their union is what inputs need. */
const DEFAULT_CONTEXTS: BuildContext[] = TARGET_ARCHES.flatMap((arch) => [buildContext(arch, false), buildContext(arch, true)]);

/** Reads a package directory; a package go/build marks broken comes back as its problem. */
function readPackage(files: WorkspaceFiles, dir: string, names: string[], module: GoModule | undefined, summarize: GoSourceSummarizer | undefined): GoPackage | GoProblem {
  const sources = names.sort().map((fileName) => {
    const path = joinPath(dir, fileName);
    return sourceFileOf(fileName, () => files.read(path), (read) => (summarize ? summarize(path) : summarizeGoSource(read()))) as GoSourceFile;
  });
  const views = DEFAULT_CONTEXTS.map((context) => viewPackage(sources, context));
  const broken = views.find((v) => v.error)?.error;
  if (broken) return { file: joinPath(dir, broken.file), ...(broken.line !== undefined ? { line: broken.line } : {}), message: broken.message };
  const name = views.find((v) => v.name !== undefined)?.name ?? '';
  const chosen = new Set(views.flatMap((v) => [...v.goFiles, ...v.cgoFiles]));
  const goFiles = sources.filter((s) => chosen.has(s.name));
  const importsByFile: Record<string, string[]> = {};
  for (const { name: fileName, summary } of goFiles) importsByFile[fileName] = [...new Set(summary.imports.map((i) => i.path))];
  const relative = module ? (module.root === '.' ? dir : dir.slice(module.root.length + 1)) : undefined;
  return {
    dir,
    name,
    moduleRoot: module?.root,
    importPath: module && relative !== undefined ? (dir === module.root ? module.path : `${module.path}/${relative}`) : undefined,
    sources,
    imports: [...new Set(views.flatMap((v) => v.imports))].sort(),
    isCommand: name === 'main' && views.some((v) => v.hasMainFunc),
    usesCgo: views.some((v) => v.cgoFiles.length > 0),
    goFiles: goFiles.map((s) => s.name),
    importsByFile,
    embedPatterns: [...new Set(views.flatMap((v) => v.embedPatterns))],
  };
}

const views = new WeakMap<GoPackage, Map<string, PackageView>>();

/** The package as one build context sees it (memoized per package and context). */
export function packageIn(pkg: GoPackage, context: BuildContext): PackageView {
  let byContext = views.get(pkg);
  if (!byContext) {
    byContext = new Map();
    views.set(pkg, byContext);
  }
  const key = `${context.goarch}/${context.cgo}/${context.goMinor}`;
  let view = byContext.get(key);
  if (!view) {
    view = viewPackage(pkg.sources, context);
    byContext.set(key, view);
  }
  return view;
}

/** The module whose go.mod is in `dir` or its nearest ancestor (none when that go.mod is broken). */
export function owningModule(modules: Map<string, GoModule>, dir: string, brokenModuleRoots?: ReadonlySet<string>): GoModule | undefined {
  let current = dir;
  for (;;) {
    const module = modules.get(current);
    if (module) return module;
    if (current === '.' || brokenModuleRoots?.has(current)) return undefined;
    current = dirname(current);
  }
}
