import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NxJsonConfiguration } from '@nx/devkit';
import type { GoApplication } from '../go/applications';
import { dirname, joinPath } from '../go/file-system';
import { inferGoProjects, type InferredProject } from '../go/module-projects';
import type { GoWorkspace } from '../go/workspace';
import type { WorkspaceSnapshot } from './workspace-snapshot';

/** Plugins that turn go.mod folders into projects themselves; go-docker then only adds targets. */
const GO_PROJECT_PLUGINS = ['@nx-go/nx-go', '@nx-go/nx-go/plugin'];

export interface ProjectLayout {
  /** Roots another source (project.json, package.json, nx-go) defines a project at → its name when known. */
  definedElsewhere: Map<string, string | undefined>;
  /** Root → the project go-docker infers there (see inferGoProjects). */
  inferred: Map<string, InferredProject>;
}

/**
 * Which folders are projects: those project.json / package.json / nx-go define, plus those go-docker
 * infers for Go modules, applications and package folders that nothing else claims.
 */
export function projectLayout(workspace: GoWorkspace, apps: readonly GoApplication[], snapshot: WorkspaceSnapshot, nxJson: NxJsonConfiguration, workspaceRoot: string): ProjectLayout {
  const definedElsewhere = new Map<string, string | undefined>();
  for (const dir of snapshot.projectJsonDirs) definedElsewhere.set(dir, declaredName(workspaceRoot, joinPath(dir, 'project.json')));
  for (const dir of snapshot.packageJsonDirs) {
    // The root package.json is the workspace's own manifest unless it opts in with an `nx` section.
    if (definedElsewhere.has(dir) || (dir === '.' && !rootPackageJsonIsProject(workspaceRoot))) continue;
    definedElsewhere.set(dir, declaredName(workspaceRoot, joinPath(dir, 'package.json')));
  }
  const goPluginRegistered = (nxJson.plugins ?? []).some((p) => GO_PROJECT_PLUGINS.includes(typeof p === 'string' ? p : p.plugin));
  if (goPluginRegistered) for (const module of workspace.modules.values()) if (!definedElsewhere.has(module.root)) definedElsewhere.set(module.root, undefined);
  const inferred = new Map(inferGoProjects(workspace, apps, definedElsewhere).map((p) => [p.root, p]));
  return { definedElsewhere, inferred };
}

/** The deepest project root containing `dir` (a folder's own project before its module's). */
export function owningProjectRoot(layout: ProjectLayout, dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (layout.definedElsewhere.has(current) || layout.inferred.has(current)) return current;
    if (current === '.') return undefined;
  }
}

/** The `name` a project.json / package.json declares (unreadable or nameless: undefined). */
function declaredName(workspaceRoot: string, file: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(join(workspaceRoot, file), 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function rootPackageJsonIsProject(workspaceRoot: string): boolean {
  try {
    return 'nx' in (JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as object);
  } catch {
    return false;
  }
}
