import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProjectRef {
  workspaceRoot: string;
  projectName: string;
  /** Workspace-relative. */
  projectRoot: string;
}

/** Where `nx release version` (go-docker's version actions) records a Go project's version. */
export const VERSION_FILE = 'VERSION';

/**
 * The version of a project's image: its own package.json version; else its latest release git tag (nx
 * release's `{projectName}@{version}`, Go's `<dir>/v{version}`, a fixed group's `v{version}`), read with
 * `git describe` so a later commit reads `1.2.0-3-gabc1234`; else the VERSION file nx release wrote.
 * Never the workspace package.json (the Nx wrapper's, usually 0.0.0); undefined when there is none.
 */
export function projectVersion(project: ProjectRef): string | undefined {
  return packageJsonVersion(project) ?? gitTagVersion(project) ?? versionFile(project);
}

function packageJsonVersion({ workspaceRoot, projectRoot }: ProjectRef): string | undefined {
  if (projectRoot === '.' || projectRoot === '') return undefined;
  const file = join(workspaceRoot, projectRoot, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version || undefined;
}

/** Tag prefixes that mean "this project's release", most specific first. */
export function releaseTagPrefixes({ projectName, projectRoot }: Pick<ProjectRef, 'projectName' | 'projectRoot'>): string[] {
  const prefixes = [`${projectName}@`, `${projectName}/v`];
  if (projectRoot && projectRoot !== '.') prefixes.push(`${projectRoot}/v`);
  prefixes.push('v');
  return prefixes;
}

function gitTagVersion(project: ProjectRef): string | undefined {
  for (const prefix of releaseTagPrefixes(project)) {
    const described = git(project.workspaceRoot, ['describe', '--tags', '--match', `${prefix}[0-9]*`]);
    if (described?.startsWith(prefix)) return described.slice(prefix.length);
  }
  return undefined;
}

/** The version of the project's release tag on HEAD (what `nx release version` just tagged), if any. */
export function releaseTagAtHead(project: ProjectRef): string | undefined {
  const tags = git(project.workspaceRoot, ['tag', '--points-at', 'HEAD'])?.split('\n') ?? [];
  for (const prefix of releaseTagPrefixes(project)) {
    const tag = tags.find((t) => t.startsWith(prefix) && /^\d/.test(t.slice(prefix.length)));
    if (tag) return tag.slice(prefix.length);
  }
  return undefined;
}

function versionFile({ workspaceRoot, projectRoot }: ProjectRef): string | undefined {
  const file = join(workspaceRoot, projectRoot, VERSION_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
