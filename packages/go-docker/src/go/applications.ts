import { basename, joinPath } from './file-system';
import { commonAncestor, isWithin, normalizePath } from './paths';
import { type BuildContext, buildContext, goMinorOf, LATEST_GO_MINOR, TARGET_ARCHES } from './build-constraints';
import { isStandardImport } from './external-packages';
import { needsCgo } from './package-view';
import { defaultVendorDir } from './vendor';
import { type GoModule, type GoPackage, type GoWorkspace, type GoWorkspaceFile, packageIn } from './workspace';

/** A Go program (`package main` with `func main`) and everything local it needs to build. */
export interface GoApplication {
  /** Binary name: the directory name, or the module path's last element for a module-root command. */
  name: string;
  /** Workspace-relative directory of the main package. */
  dir: string;
  importPath: string | undefined;
  module: GoModule;
  /** The go.work that governs the build, when the module is one of its `use` entries. */
  work: GoWorkspaceFile | undefined;
  /** Go version to build with: the toolchain line wins over the go line; go.work wins over go.mod. */
  goVersion: string | undefined;
  /**
   * The golang image tag to build with: a toolchain line's exact version, else the go line's release
   * line (`go 1.26.0` → `1.26`: the line's newest patch satisfies the minimum and carries its fixes).
   */
  goImageTag: string | undefined;
  /** The app's own package and every local package it imports, transitively (sorted by dir). */
  localPackages: GoPackage[];
  /** Modules other than the app's own whose packages it imports. */
  localModules: GoModule[];
  /** Packages from outside the workspace's modules that the app's local packages import directly (sorted; no standard library). */
  externalImports: string[];
  /**
   * The build needs cgo (CGO_ENABLED=1): a package in the cgo-off closure cannot be built without it
   * (see needsCgo). A package with a `!cgo` fallback does not count: the build then sets CGO_ENABLED=0.
   */
  usesCgo: boolean;
  /** External imports (direct or through other external packages) whose files are neither in vendor/ nor in the module cache: cgo not decided for them. */
  cgoUndecided: string[];
  /** The contexts the image build really uses: one per target architecture, cgo as decided above. */
  buildContexts: BuildContext[];
  /** Smallest directory that holds everything the build reads: the docker build context. */
  buildContext: string;
  /** go.mod, go.sum, go.work and go.work.sum files the build reads (workspace-relative, existing only). */
  moduleFiles: string[];
  /** The vendor/ directory the go command builds from (vendor mode, as go decides it); else modules are downloaded. */
  vendorDir?: string;
  /** Imports that look local (a workspace module's path prefix) but resolve to no package. */
  unresolvedImports: string[];
}

/** Same order as String#localeCompare, without its per-call setup (it dominated large workspaces). */
const byLocale = new Intl.Collator().compare;

export function findApplications(workspace: GoWorkspace): GoApplication[] {
  return [...workspace.packages.values()]
    .filter((pkg) => pkg.isCommand && pkg.moduleRoot !== undefined)
    .map((pkg) => describeApplication(workspace, pkg))
    .sort((a, b) => byLocale(a.dir, b.dir));
}

export function describeApplication(workspace: GoWorkspace, main: GoPackage): GoApplication {
  const module = workspace.modules.get(main.moduleRoot as string) as GoModule;
  const work = governingWork(workspace, module);
  const resolver = importResolverFor(workspace, module, work);
  const goImageTag = work ? goImageTagOf(work.file.toolchain, work.file.go) ?? goImageTagOf(module.file.toolchain, module.file.go) : goImageTagOf(module.file.toolchain, module.file.go);
  const goMinor = goMinorOf(goImageTag) ?? LATEST_GO_MINOR;
  const withoutCgo = TARGET_ARCHES.map((arch) => buildContext(arch, false, goMinor));
  let closure = resolver.closure(main, withoutCgo);
  let usesCgo = withoutCgo.some((context) => closure.packages.some((p) => needsCgo(p.sources, context)));
  let cgoUndecided: string[] = [];
  if (!usesCgo && workspace.external) {
    const imports = new Set(closure.packages.flatMap((p) => withoutCgo.flatMap((context) => packageIn(p, context).imports)).filter((path) => resolver.resolve(path) === 'external'));
    const mainModules = work ? work.moduleRoots.map((r) => workspace.modules.get(r) as GoModule) : [module];
    const external = workspace.external.cgoOf(module, work, mainModules, imports, withoutCgo);
    usesCgo = external.needsCgo.length > 0;
    // Once one package needs cgo, packages that could not be read cannot change the answer.
    cgoUndecided = usesCgo ? [] : external.undecided;
  }
  const buildContexts = usesCgo ? TARGET_ARCHES.map((arch) => buildContext(arch, true, goMinor)) : withoutCgo;
  if (usesCgo) closure = resolver.closure(main, buildContexts);
  const { packages, unresolved } = closure;
  const externalImports = new Set(
    packages.flatMap((p) => buildContexts.flatMap((context) => packageIn(p, context).imports)).filter((path) => !isStandardImport(path) && resolver.resolve(path) === 'external'),
  );
  const moduleRoots = new Set(packages.map((p) => p.moduleRoot as string));
  moduleRoots.add(module.root);
  const buildModules = work ? work.moduleRoots : [...moduleRoots].sort();
  const moduleFiles = work ? workModuleFiles(workspace, work).slice() : moduleFilesOf(workspace, buildModules);

  return {
    name: main.dir === module.root ? lastElement(module.path) : basename(main.dir === '.' ? module.path : main.dir),
    dir: main.dir,
    importPath: main.importPath,
    module,
    work,
    goVersion: goVersionOf(work?.file.toolchain, work?.file.go) ?? goVersionOf(module.file.toolchain, module.file.go),
    goImageTag,
    localPackages: packages,
    localModules: [...moduleRoots].filter((r) => r !== module.root).sort().map((r) => workspace.modules.get(r) as GoModule),
    externalImports: [...externalImports].sort(),
    usesCgo,
    cgoUndecided,
    buildContexts,
    buildContext: commonAncestor([...buildModules, ...(work ? [work.dir] : []), ...packages.map((p) => p.dir)]),
    moduleFiles,
    unresolvedImports: unresolved,
    vendorDir: work
      ? defaultVendorDir({ dir: work.dir, go: work.file.go, vendor: work.vendor }, 'workspace')
      : defaultVendorDir({ dir: module.root, go: module.file.go, vendor: module.vendor }, 'module'),
  };
}

function moduleFilesOf(workspace: GoWorkspace, roots: string[]): string[] {
  return roots.flatMap((root) => {
    const m = workspace.modules.get(root) as GoModule;
    return m.hasGoSum ? [joinPath(root, 'go.mod'), joinPath(root, 'go.sum')] : [joinPath(root, 'go.mod')];
  });
}

const workFiles = new WeakMap<GoWorkspaceFile, string[]>();

/** go.work, go.work.sum and every used module's files: the same list for every app of the go.work. */
function workModuleFiles(workspace: GoWorkspace, work: GoWorkspaceFile): string[] {
  let files = workFiles.get(work);
  if (!files) {
    files = [joinPath(work.dir, 'go.work'), ...(work.hasWorkSum ? [joinPath(work.dir, 'go.work.sum')] : []), ...moduleFilesOf(workspace, work.moduleRoots)];
    workFiles.set(work, files);
  }
  return files;
}

/** Resolvers by workspace: every app under one go.work (or of one module) resolves imports the same way. */
const resolvers = new WeakMap<GoWorkspace, Map<string, ImportResolver>>();

/** The import resolver of a module's build, shared by all apps with the same main module set. */
export function importResolverFor(workspace: GoWorkspace, module: GoModule, work: GoWorkspaceFile | undefined): ImportResolver {
  let byKey = resolvers.get(workspace);
  if (!byKey) {
    byKey = new Map();
    resolvers.set(workspace, byKey);
  }
  const key = work ? `work:${work.dir}` : `module:${module.root}`;
  let resolver = byKey.get(key);
  if (!resolver) {
    resolver = new ImportResolver(workspace, module, work);
    byKey.set(key, resolver);
  }
  return resolver;
}

/** Go looks for go.work from the module directory upwards; it governs the build if it `use`s the module. */
export function governingWork(workspace: GoWorkspace, module: GoModule): GoWorkspaceFile | undefined {
  const candidates = workspace.works.filter((w) => isWithin(module.root, w.dir)).sort((a, b) => b.dir.length - a.dir.length);
  const nearest = candidates[0];
  return nearest?.moduleRoots.includes(module.root) ? nearest : undefined;
}

/** See GoApplication.goImageTag. */
export function goImageTagOf(toolchain: string | undefined, go: string | undefined): string | undefined {
  const exact = goVersionOf(toolchain, undefined);
  if (exact) return exact;
  return go ? (/^(\d+\.\d+)(\.\d+)?$/.exec(go)?.[1] ?? go) : undefined;
}

/** "toolchain go1.22.3" → 1.22.3 (a `default` toolchain defers to the go line); "go 1.22" → 1.22. */
export function goVersionOf(toolchain: string | undefined, go: string | undefined): string | undefined {
  const fromToolchain = toolchain && toolchain !== 'default' ? /^go([\d.]+(?:(?:rc|beta)\d+)?)/.exec(toolchain)?.[1] : undefined;
  return fromToolchain ?? go;
}

function lastElement(modulePath: string): string {
  const parts = modulePath.split('/');
  const last = parts[parts.length - 1];
  // example.com/tool/v2 installs as "tool", as `go install` names it.
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2] : last;
}

/** Maps import paths to workspace packages with Go's rules for the main module (or go.work). */
export class ImportResolver {
  /** Module path → module root of every module the build can see. */
  private readonly visible: Map<string, string>;

  constructor(
    private readonly workspace: GoWorkspace,
    main: GoModule,
    work: GoWorkspaceFile | undefined,
  ) {
    const byPath = new Map<string, string>();
    const addReplaces = (fromDir: string, replaces: GoModule['file']['replace']) => {
      for (const r of replaces) {
        if (!r.isLocal) continue;
        const root = normalizePath(joinPath(fromDir, r.newPath));
        if (root && workspace.modules.has(root) && !byPath.has(r.oldPath)) byPath.set(r.oldPath, root);
      }
    };
    const mainModules = work ? work.moduleRoots.map((r) => workspace.modules.get(r) as GoModule) : [main];
    mainModules.forEach((m) => byPath.set(m.path, m.root));
    if (work) addReplaces(work.dir, work.file.replace);
    mainModules.forEach((m) => addReplaces(m.root, m.file.replace));
    this.visible = byPath;
  }

  /**
   * The local packages a build of `start` reads, in any of the contexts (their union: what the build
   * context and task inputs need); without contexts, the imports of every target platform.
   */
  closure(start: GoPackage, contexts?: readonly BuildContext[]): { packages: GoPackage[]; unresolved: string[] } {
    const seen = new Map<string, GoPackage>([[start.dir, start]]);
    const unresolved = new Set<string>();
    for (const context of contexts ?? [undefined]) this.walk(start, context, seen, unresolved);
    return { packages: [...seen.values()].sort((a, b) => byLocale(a.dir, b.dir)), unresolved: [...unresolved].sort() };
  }

  private walk(start: GoPackage, context: BuildContext | undefined, seen: Map<string, GoPackage>, unresolved: Set<string>): void {
    const visited = new Set<string>([start.dir]);
    const queue = [start];
    while (queue.length > 0) {
      const pkg = queue.pop() as GoPackage;
      for (const path of context ? packageIn(pkg, context).imports : pkg.imports) {
        const resolution = this.resolve(path);
        if (resolution === 'external') continue;
        if (resolution === undefined) {
          unresolved.add(path);
        } else if (!visited.has(resolution.dir)) {
          visited.add(resolution.dir);
          seen.set(resolution.dir, resolution);
          queue.push(resolution);
        }
      }
    }
  }

  private readonly resolved = new Map<string, GoPackage | 'external' | undefined>();

  /** A workspace package, 'external' for a path no local module provides, undefined for a missing local package. */
  resolve(importPath: string): GoPackage | 'external' | undefined {
    if (this.resolved.has(importPath)) return this.resolved.get(importPath);
    const resolution = this.resolveUncached(importPath);
    this.resolved.set(importPath, resolution);
    return resolution;
  }

  private resolveUncached(importPath: string): GoPackage | 'external' | undefined {
    const module = this.longestModulePrefix(importPath);
    if (!module) return 'external';
    const rest = importPath.slice(module.path.length + 1);
    const dir = rest ? joinPath(module.root, rest) : module.root;
    const pkg = this.workspace.packages.get(dir);
    // A directory below a nested go.mod belongs to that other module, not to this one.
    return pkg && pkg.moduleRoot === module.root ? pkg : undefined;
  }

  /** The visible module whose path is the longest prefix of `importPath` (element-wise), as Go picks it. */
  private longestModulePrefix(importPath: string): { path: string; root: string } | undefined {
    // Walks the path's prefixes from the longest: a few map lookups instead of a scan of every module.
    let prefix = importPath;
    for (;;) {
      const root = this.visible.get(prefix);
      if (root !== undefined) return { path: prefix, root };
      const slash = prefix.lastIndexOf('/');
      if (slash < 0) return undefined;
      prefix = prefix.slice(0, slash);
    }
  }
}
