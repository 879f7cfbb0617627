import type { GoApplication } from '../../go/applications';
import { goMinorOf } from '../../go/build-constraints';
import { joinPath } from '../../go/file-system';
import type { Replacement } from '../../go/modfile-syntax';
import { commonAncestor, normalizePath, relativeTo } from '../../go/paths';
import type { GoModule, GoWorkspace } from '../../go/workspace';

/** What the image build of one application reads of modules, beyond its own packages. */
export interface ModulePlan {
  /**
   * Module paths the download step fetches: the modules that provide the packages the app imports
   * directly (outside a go.work, `go mod download` of named modules reads no other module's go.mod). A
   * plain `go mod download` fetches every requirement of the main modules, and fails on one the proxy
   * refuses that the app never imports; under a go.work it asks the proxy for workspace modules required
   * at a version (v0.0.0). The build step fetches the rest of the closure into the same module cache.
   * `'all'` for a main module before go 1.17: without graph pruning its build loads the whole graph anyway.
   */
  downloads: string[] | 'all';
  /** go.mod files of local replacements the go command reads but no imported package lives in. */
  extraModuleFiles: string[];
  /** The build context, widened to hold those replacements. */
  context: string;
}

/** A go.mod / go.work line that makes the application impossible to build from any context. */
export class ModuleFileError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ModuleFileError';
  }
}

interface GoverningReplace {
  file: string;
  dir: string;
  replace: Replacement;
}

/** `alsoBuilt`: other binaries the same image builds in the app's module or go.work (image options). */
export function planModules(app: GoApplication, workspace: GoWorkspace, alsoBuilt: readonly GoApplication[] = []): ModulePlan {
  const mainModules = app.work ? app.work.moduleRoots.map((root) => workspace.modules.get(root) as GoModule) : [app.module];
  const requirements = mainModules.flatMap((m) => m.file.require.map((r) => r.path));
  const required = new Set([...requirements, ...app.localModules.map((m) => m.path)]);

  const localPaths = new Set(mainModules.map((m) => m.path));
  const extraRoots: string[] = [];
  for (const { file, dir, replace } of governingReplaces(app, mainModules)) {
    if (!replace.isLocal) continue;
    localPaths.add(replace.oldPath);
    // The go command reads a replacement only for a module the build requires.
    if (!required.has(replace.oldPath)) continue;
    const root = normalizePath(joinPath(dir, replace.newPath));
    if (root === undefined) {
      throw new ModuleFileError(file, replace.line, `replace ${replace.oldPath} => ${replace.newPath} points outside the workspace: no image build context can hold it`);
    }
    if (!workspace.modules.has(root)) {
      throw new ModuleFileError(file, replace.line, `replace ${replace.oldPath} => ${replace.newPath}: there is no go.mod in ${root}, so the go command cannot build ${app.dir}`);
    }
    extraRoots.push(root);
  }

  const extraModuleFiles = [...new Set(extraRoots.map((root) => joinPath(root, 'go.mod')))].filter((f) => !app.moduleFiles.includes(f));
  const context = commonAncestor([app.buildContext, ...extraModuleFiles.map((f) => f.slice(0, -'/go.mod'.length) || '.')]);
  const fromOutside = new Set(requirements.filter((path) => !localPaths.has(path)));
  return { downloads: downloadsFor([app, ...alsoBuilt], mainModules, fromOutside), extraModuleFiles, context };
}

/** Replace directives the go command applies: the go.work's and every used module's, or the main module's. */
function governingReplaces(app: GoApplication, mainModules: GoModule[]): GoverningReplace[] {
  const fromModules = mainModules.flatMap((m) => m.file.replace.map((replace) => ({ file: joinPath(m.root, 'go.mod'), dir: m.root, replace })));
  if (!app.work) return fromModules;
  const work = app.work;
  return [...work.file.replace.map((replace) => ({ file: joinPath(work.dir, 'go.work'), dir: work.dir, replace })), ...fromModules];
}

/** `fromOutside`: the main modules' requirements that no workspace module or local replacement satisfies. */
function downloadsFor(apps: readonly GoApplication[], mainModules: GoModule[], fromOutside: Set<string>): string[] | 'all' {
  // A main module without graph pruning: its build loads the whole module graph, so fetch it up front (under
  // a go.work by name, the app module's requirements: a plain `go mod download` there asks for workspace modules too).
  if (mainModules.some((m) => (goMinorOf(m.file.go) ?? 0) < 17)) {
    return apps[0].work ? [...new Set(apps[0].module.file.require.map((r) => r.path).filter((path) => fromOutside.has(path)))].sort() : 'all';
  }
  const downloads = new Set<string>();
  for (const importPath of apps.flatMap((a) => a.externalImports)) {
    const provider = providingModule(importPath, fromOutside);
    // Imported, yet required by no main module: the build step names what go.mod lacks.
    if (provider !== undefined) downloads.add(provider);
  }
  return [...downloads].sort();
}

/** The required module with the longest path that prefixes the import path, as the go command resolves it. */
function providingModule(importPath: string, required: Set<string>): string | undefined {
  for (let prefix = importPath; ; prefix = prefix.slice(0, prefix.lastIndexOf('/'))) {
    if (required.has(prefix)) return prefix;
    if (!prefix.includes('/')) return undefined;
  }
}

/**
 * Under a go.work, a requirement on a workspace module at a version (`require example.com/lib v0.0.0`)
 * still makes the go command fetch that version's go.mod from the module proxy whenever it loads the
 * module graph: `go mod download`, and `go build` once it imports a package from outside the workspace.
 * Go accepts it once a replace names that version.
 */
export function workspaceVersionWarnings(app: GoApplication, workspace: GoWorkspace): string[] {
  const work = app.work;
  if (!work) return [];
  const mainModules = work.moduleRoots.map((root) => workspace.modules.get(root) as GoModule);
  const workspaceRoots = new Map(mainModules.map((m) => [m.path, m.root]));
  const replaced = governingReplaces(app, mainModules).map((g) => g.replace);
  const warnings: string[] = [];
  for (const m of [app.module, ...app.localModules]) {
    for (const r of m.file.require) {
      const root = workspaceRoots.get(r.path);
      if (root === undefined || replaced.some((p) => p.oldPath === r.path && (p.oldVersion === undefined || p.oldVersion === r.version))) continue;
      warnings.push(
        `${joinPath(m.root, 'go.mod')}:${r.line} requires ${r.path} ${r.version}, a module of ${joinPath(work.dir, 'go.work')}: the go command still reads ` +
          `that version's go.mod from the module proxy when it loads the module graph (go mod download; go build once a package from outside ` +
          `the workspace is imported). Add \`replace ${r.path} ${r.version} => ./${relativeTo(work.dir, root)}\` to go.work.`,
      );
    }
  }
  return warnings;
}
