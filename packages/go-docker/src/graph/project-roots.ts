import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NxJsonConfiguration } from '@nx/devkit';
import { inferredProjectName } from '../go/module-projects';
import { dirname } from '../go/file-system';
import type { GoWorkspace } from '../go/workspace';
import type { WorkspaceSnapshot } from './workspace-snapshot';

/** Plugins that turn go.mod folders into projects themselves; go-docker then only adds targets. */
const GO_PROJECT_PLUGINS = ['@nx-go/nx-go', '@nx-go/nx-go/plugin'];

export interface ProjectLayout {
  /** Roots another source (project.json, package.json, nx-go) defines a project at. */
  definedElsewhere: Set<string>;
  /** Module root → name of the project go-docker infers there. */
  inferred: Map<string, string>;
}

/**
 * Which folders are projects: those project.json / package.json / nx-go define, plus one per Go module
 * that nothing else claims (named as the setup generator names it).
 */
export function projectLayout(workspace: GoWorkspace, snapshot: WorkspaceSnapshot, nxJson: NxJsonConfiguration, workspaceRoot: string): ProjectLayout {
  const definedElsewhere = new Set(snapshot.projectJsonDirs);
  for (const dir of snapshot.packageJsonDirs) {
    // The root package.json is the workspace's own manifest unless it opts in with an `nx` section.
    if (dir !== '.' || rootPackageJsonIsProject(workspaceRoot)) definedElsewhere.add(dir);
  }
  const goPluginRegistered = (nxJson.plugins ?? []).some((p) => GO_PROJECT_PLUGINS.includes(typeof p === 'string' ? p : p.plugin));
  const inferred = new Map<string, string>();
  for (const module of workspace.modules.values()) {
    if (goPluginRegistered) definedElsewhere.add(module.root);
    else if (!definedElsewhere.has(module.root)) inferred.set(module.root, inferredProjectName(module));
  }
  return { definedElsewhere, inferred };
}

/** The deepest project root containing `dir` (a folder's own project before its module's). */
export function owningProjectRoot(layout: ProjectLayout, dir: string): string | undefined {
  let current = dir;
  for (;;) {
    if (layout.definedElsewhere.has(current) || layout.inferred.has(current)) return current;
    if (current === '.') return undefined;
    current = dirname(current);
  }
}

function rootPackageJsonIsProject(workspaceRoot: string): boolean {
  try {
    return 'nx' in (JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as object);
  } catch {
    return false;
  }
}
