import { domainToASCII } from 'node:url';
import type { GoApplication } from './applications';
import { basename, dirname } from './file-system';
import type { GoModule, GoWorkspace } from './workspace';

/**
 * The Nx projects go-docker infers for Go code that no project.json, package.json or other plugin covers:
 * - a **module** project per go.mod;
 * - an **application** project per `package main` folder, so each image has its own project, its own
 *   `docker-build` target and its own default tag;
 * - a **package** project for a package folder whose set of applications (those whose build includes
 *   it) differs from that of the project around it. Then a touched file affects, through Nx's
 *   project-level affected, exactly the applications that build it.
 *
 * Names are unique and valid Docker repository names. Modules and applications take their folder's
 * name (a root module the last element of its module path; a trailing `/vN` is dropped) when no other
 * module, application or defined project has it; otherwise their path with `/` as `-`
 * (`client/pkg` → `client-pkg`). Package projects always take their path, so that an import never
 * renames an application. A name still taken gets `-2`, `-3`, … in path order.
 */
export type InferredProjectKind = 'module' | 'application' | 'package';

export interface InferredProject {
  root: string;
  name: string;
  kind: InferredProjectKind;
  module: GoModule;
}

/**
 * Projects to infer, given the roots other sources define (root → its project name, when known).
 * Deterministic: the same Go code and defined projects always give the same projects and names.
 */
export function inferGoProjects(workspace: GoWorkspace, apps: readonly GoApplication[], defined: ReadonlyMap<string, string | undefined>): InferredProject[] {
  const roots = new Map<string, { kind: InferredProjectKind; module: GoModule }>();
  const isRoot = (dir: string) => defined.has(dir) || roots.has(dir);
  for (const module of workspace.modules.values()) if (!defined.has(module.root)) roots.set(module.root, { kind: 'module', module });
  for (const app of apps) if (!isRoot(app.dir)) roots.set(app.dir, { kind: 'application', module: app.module });
  for (const [dir, module] of packageProjectRoots(workspace, apps, isRoot)) roots.set(dir, { kind: 'package', module });
  const names = assignNames([...roots].map(([root, { kind, module }]) => ({ root, kind, modulePath: module.path })), defined);
  return [...roots].map(([root, { kind, module }]) => ({ root, kind, module, name: names.get(root) as string }));
}

/**
 * Package folders that need a project of their own: walking parents before children, a package whose
 * applications differ from those of the package at the root of the project containing it (none when
 * that root holds no package).
 */
function packageProjectRoots(workspace: GoWorkspace, apps: readonly GoApplication[], isRoot: (dir: string) => boolean): Map<string, GoModule> {
  const users = new Map<string, number[]>();
  apps.forEach((app, index) => {
    for (const pkg of app.localPackages) {
      const list = users.get(pkg.dir) ?? [];
      list.push(index);
      users.set(pkg.dir, list);
    }
  });
  const signature = (dir: string) => (workspace.packages.has(dir) ? (users.get(dir) ?? []).join(',') : '');
  const added = new Map<string, GoModule>();
  const owner = (dir: string): string | undefined => {
    for (let current = dir; ; current = dirname(current)) {
      if (isRoot(current) || added.has(current)) return current;
      if (current === '.') return undefined;
    }
  };
  for (const dir of [...workspace.packages.keys()].sort()) {
    const pkg = workspace.packages.get(dir);
    if (pkg?.moduleRoot === undefined || isRoot(dir)) continue;
    const around = owner(dir);
    if (around !== undefined && signature(dir) !== signature(around)) added.set(dir, workspace.modules.get(pkg.moduleRoot) as GoModule);
  }
  return added;
}

interface NameRequest {
  root: string;
  kind: InferredProjectKind;
  modulePath: string;
}

function assignNames(requests: NameRequest[], defined: ReadonlyMap<string, string | undefined>): Map<string, string> {
  const taken = new Set<string>();
  for (const [root, name] of defined) taken.add(name ?? dockerSafeName([basename(root)]));
  const sorted = [...requests].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  const contenders = sorted.filter((r) => r.kind !== 'package');
  const shortCount = new Map<string, number>();
  for (const r of contenders) shortCount.set(shortName(r), (shortCount.get(shortName(r)) ?? 0) + 1);

  const names = new Map<string, string>();
  const claim = (root: string, wanted: string) => {
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = `${wanted}-${n}`;
    taken.add(name);
    names.set(root, name);
  };
  // Unique folder names first, then paths, then package paths: each tier yields to the one before.
  const unique = contenders.filter((r) => shortCount.get(shortName(r)) === 1 && !taken.has(shortName(r)));
  unique.forEach((r) => claim(r.root, shortName(r)));
  contenders.filter((r) => !names.has(r.root)).forEach((r) => claim(r.root, pathName(r)));
  sorted.filter((r) => r.kind === 'package').forEach((r) => claim(r.root, pathName(r)));
  return names;
}

function shortName(request: NameRequest): string {
  if (request.root === '.') return dockerSafeName([lastModuleElement(request.modulePath)]);
  return dockerSafeName([basename(request.kind === 'module' ? withoutMajorVersion(request.root) : request.root)]);
}

function pathName(request: NameRequest): string {
  if (request.root === '.') return dockerSafeName(withoutMajorVersion(request.modulePath).split('/'));
  return dockerSafeName(request.root.split('/'));
}

/** `example.com/tool/v2` → `example.com/tool`: the major version is not the module's name. */
function withoutMajorVersion(path: string): string {
  return path.replace(/\/v\d+$/, '');
}

function lastModuleElement(modulePath: string): string {
  return basename(withoutMajorVersion(modulePath));
}

/** Letters NFKD does not decompose, written as their usual Latin spelling. */
const LATIN_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ħ: 'h', ı: 'i' };

/**
 * Path segments as one name that Docker accepts as a repository (lowercase `[a-z0-9]` separated by `.`,
 * `_`, `__` or hyphens) and Nx as a project name: diacritics stripped (`café` → `cafe`), other scripts
 * in their IDNA ASCII form (`服务` → `xn--...`), anything else becomes `-`.
 */
export function dockerSafeName(segments: string[]): string {
  const parts = segments.map(segmentName).filter((s) => s !== '');
  return parts.join('-') || 'go';
}

function segmentName(segment: string): string {
  const latin = segment
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\x00-\x7f]/g, (c) => LATIN_LETTERS[c] ?? c);
  const ascii = latin.replace(/[^\x00-\x7f]+/g, (run) => `-${foreignRun(run)}-`);
  return ascii
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, (run) => (run === '__' || /^-+$/.test(run) ? run : '-'))
    .replace(/^[._-]+|[._-]+$/g, '');
}

/** A run of non-Latin characters as ASCII: its IDNA form when it has one, else its code points. */
function foreignRun(run: string): string {
  const idna = domainToASCII(run.replace(/[.\s]/g, ''));
  return /^xn--[a-z0-9-]+$/.test(idna) ? idna : [...run].map((c) => `u${(c.codePointAt(0) as number).toString(16)}`).join('-');
}
