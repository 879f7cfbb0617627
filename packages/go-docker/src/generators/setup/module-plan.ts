import type { GoApplication } from '../../go/applications';
import { joinPath } from '../../go/file-system';
import type { Replacement } from '../../go/modfile-syntax';
import { commonAncestor, normalizePath, relativeTo } from '../../go/paths';
import type { GoModule, GoWorkspace } from '../../go/workspace';

/** What the image build of one application reads of modules, beyond its own packages. */
export interface ModulePlan {
  /**
   * Module paths the download step fetches. Under a go.work, the requirements of the app's own module
   * (from go 1.17 on, go.mod lists every module its packages need; anything missing is fetched by the
   * build step): a plain `go mod download` there fetches what every module of the go.work requires, and
   * asks the proxy for workspace modules required at a version (such as v0.0.0). `'all'` outside a
   * go.work: there a plain `go mod download` fetches exactly the main module's requirements.
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

export function planModules(app: GoApplication, workspace: GoWorkspace): ModulePlan {
  const mainModules = app.work ? app.work.moduleRoots.map((root) => workspace.modules.get(root) as GoModule) : [app.module];
  const required = new Set(mainModules.flatMap((m) => m.file.require.map((r) => r.path)));
  for (const m of app.localModules) required.add(m.path);

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
  return { downloads: app.work ? downloadsUnderWork(app, localPaths) : 'all', extraModuleFiles, context };
}

/** Replace directives the go command applies: the go.work's and every used module's, or the main module's. */
function governingReplaces(app: GoApplication, mainModules: GoModule[]): GoverningReplace[] {
  const fromModules = mainModules.flatMap((m) => m.file.replace.map((replace) => ({ file: joinPath(m.root, 'go.mod'), dir: m.root, replace })));
  if (!app.work) return fromModules;
  const work = app.work;
  return [...work.file.replace.map((replace) => ({ file: joinPath(work.dir, 'go.work'), dir: work.dir, replace })), ...fromModules];
}

function downloadsUnderWork(app: GoApplication, localPaths: Set<string>): string[] {
  return [...new Set(app.module.file.require.map((r) => r.path).filter((path) => !localPaths.has(path)))].sort();
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
