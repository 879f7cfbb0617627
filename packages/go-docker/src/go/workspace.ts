import { fileNameMatches } from './build-constraints';
import { basename, dirname, joinPath, type WorkspaceFiles } from './file-system';
import { type GoSourceSummary, summarizeGoSource } from './go-source';
import { type GoModFile, parseGoMod } from './gomod';
import { type GoWorkFile, parseGoWork } from './gowork';
import { GoFileParseError } from './modfile-syntax';
import { normalizePath } from './paths';
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
  /** Imports of non-test files that take part in a linux build, sorted, without duplicates. */
  imports: string[];
  isCommand: boolean;
  usesCgo: boolean;
  /** Non-test .go files that take part in a linux build (file names). */
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
}

export interface GoWorkspace {
  modules: Map<string, GoModule>;
  packages: Map<string, GoPackage>;
  works: GoWorkspaceFile[];
}

/**
 * Reads every go.mod, go.work and Go file of a workspace into a model of modules and packages.
 * Malformed go.mod / go.work files throw GoFileParseError (file and line).
 */
export function loadGoWorkspace(files: WorkspaceFiles, options: LoadGoWorkspaceOptions = {}): GoWorkspace {
  const paths = files.listGoFiles().sort();
  const modules = new Map<string, GoModule>();
  const works: GoWorkspaceFile[] = [];
  const goFilesByDir = new Map<string, string[]>();

  for (const path of paths) {
    const name = basename(path);
    const dir = dirname(path);
    if (name === 'go.mod') {
      const file = parseGoMod(files.read(path), path);
      modules.set(dir, { root: dir, path: file.module, file, hasGoSum: files.exists(joinPath(dir, 'go.sum')), vendor: vendorKindAt(files, dir) });
    } else if (name === 'go.work') {
      const file = parseGoWork(files.read(path), path);
      works.push({ dir, file, hasWorkSum: files.exists(joinPath(dir, 'go.work.sum')), vendor: vendorKindAt(files, dir), moduleRoots: [] });
    } else if (name.endsWith('.go') && !name.endsWith('_test.go') && fileNameMatches(name)) {
      const list = goFilesByDir.get(dir) ?? [];
      list.push(name);
      goFilesByDir.set(dir, list);
    }
  }

  for (const work of works) {
    for (const use of work.file.use) {
      const root = normalizePath(joinPath(work.dir, use.path));
      if (root === undefined) {
        throw new GoFileParseError(joinPath(work.dir, 'go.work'), use.line, `use ${use.path} points outside the workspace`);
      }
      if (!modules.has(root)) {
        throw new GoFileParseError(joinPath(work.dir, 'go.work'), use.line, `use ${use.path}: no go.mod in ${root}`);
      }
      work.moduleRoots.push(root);
    }
  }

  const packages = new Map<string, GoPackage>();
  for (const [dir, names] of goFilesByDir) {
    const pkg = readPackage(files, dir, names, owningModule(modules, dir), options.summarize);
    if (pkg) packages.set(dir, pkg);
  }
  return { modules, packages, works };
}

function readPackage(files: WorkspaceFiles, dir: string, names: string[], module: GoModule | undefined, summarize: GoSourceSummarizer | undefined): GoPackage | undefined {
  const imports = new Set<string>();
  const importsByFile: Record<string, string[]> = {};
  const goFiles: string[] = [];
  const embedPatterns: string[] = [];
  let name: string | undefined;
  let hasMain = false;
  let usesCgo = false;
  for (const fileName of names) {
    const path = joinPath(dir, fileName);
    const summary: GoSourceSummary = summarize ? summarize(path) : summarizeGoSource(files.read(path), { scanBody: !hasMain });
    if (!summary.matchesBuild || summary.packageName === undefined) continue;
    // A directory holds one package (plus an optional external test package, already excluded).
    name ??= summary.packageName;
    if (summary.packageName !== name) continue;
    goFiles.push(fileName);
    summary.imports.forEach((i) => imports.add(i.path));
    importsByFile[fileName] = [...new Set(summary.imports.map((i) => i.path))];
    embedPatterns.push(...summary.embedPatterns);
    hasMain ||= summary.hasMainFunc;
    usesCgo ||= summary.usesCgo;
  }
  if (!name) return undefined;
  const relative = module ? (module.root === '.' ? dir : dir.slice(module.root.length + 1)) : undefined;
  return {
    dir,
    name,
    moduleRoot: module?.root,
    importPath: module && relative !== undefined ? (dir === module.root ? module.path : `${module.path}/${relative}`) : undefined,
    imports: [...imports].sort(),
    isCommand: name === 'main' && hasMain,
    usesCgo,
    goFiles,
    importsByFile,
    embedPatterns,
  };
}

/** The module whose go.mod is in `dir` or its nearest ancestor. */
export function owningModule(modules: Map<string, GoModule>, dir: string): GoModule | undefined {
  let current = dir;
  for (;;) {
    const module = modules.get(current);
    if (module) return module;
    if (current === '.') return undefined;
    current = dirname(current);
  }
}
