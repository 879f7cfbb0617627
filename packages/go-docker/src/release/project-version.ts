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
 * The version of a project's image: its latest release git tag (nx.json's `release.releaseTag.pattern`,
 * nx release's `{projectName}@{version}`, Go's `<dir>/v{version}`, a fixed group's `v{version}`), read with
 * `git describe` so a later commit reads `1.2.0-3-g0123456789ab`; else its own package.json version; else
 * the VERSION file nx release wrote. Never the workspace package.json (the Nx wrapper's, usually 0.0.0);
 * undefined when there is none.
 */
export function projectVersion(project: ProjectRef): string | undefined {
  return gitTagVersion(project) ?? packageJsonVersion(project) ?? versionFile(project);
}

function packageJsonVersion({ workspaceRoot, projectRoot }: ProjectRef): string | undefined {
  if (projectRoot === '.' || projectRoot === '') return undefined;
  const file = join(workspaceRoot, projectRoot, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version || undefined;
}

/** A release tag pattern split around `{version}`: `api@` + version + ``. */
export interface ReleaseTagPattern {
  prefix: string;
  suffix: string;
}

/** Tag patterns that mean "this project's release", most specific first: nx.json's own pattern, then the usual ones. */
export function releaseTagPatterns({ workspaceRoot, projectName, projectRoot }: ProjectRef): ReleaseTagPattern[] {
  const written = [configuredTagPattern(workspaceRoot), '{projectName}@{version}', '{projectName}/v{version}'];
  if (projectRoot && projectRoot !== '.') written.push(`${projectRoot}/v{version}`);
  written.push('v{version}');
  const patterns: ReleaseTagPattern[] = [];
  for (const pattern of written) {
    const [prefix, suffix, ...more] = (pattern ?? '').replace(/\{projectName\}/g, projectName).split('{version}');
    // A pattern without {version}, or with a placeholder this reader cannot fill ({releaseGroupName}), matches nothing here.
    if (suffix === undefined || more.length > 0 || /[{}]/.test(prefix + suffix)) continue;
    if (!patterns.some((p) => p.prefix === prefix && p.suffix === suffix)) patterns.push({ prefix, suffix });
  }
  return patterns;
}

/** How a release tag pattern reads in a message: `api@<version>`. */
export function describeTagPattern({ prefix, suffix }: ReleaseTagPattern): string {
  return `${prefix}<version>${suffix}`;
}

function configuredTagPattern(workspaceRoot: string): string | undefined {
  try {
    const nxJson = JSON.parse(readFileSync(join(workspaceRoot, 'nx.json'), 'utf8')) as { release?: { releaseTagPattern?: string; releaseTag?: { pattern?: string } } };
    return nxJson.release?.releaseTag?.pattern ?? nxJson.release?.releaseTagPattern;
  } catch {
    return undefined; // no nx.json, or comments in it: the usual patterns
  }
}

/** The version a tag names under a pattern, or undefined when the tag is not one of its releases. */
function versionInTag(tag: string, { prefix, suffix }: ReleaseTagPattern): string | undefined {
  if (!tag.startsWith(prefix) || !tag.endsWith(suffix) || tag.length <= prefix.length + suffix.length) return undefined;
  const version = tag.slice(prefix.length, tag.length - suffix.length);
  return /^\d/.test(version) ? version : undefined;
}

function gitTagVersion(project: ProjectRef): string | undefined {
  for (const pattern of releaseTagPatterns(project)) {
    // --long always prints `<tag>-<commits since>-g<sha>`, so a tag that itself contains `-1-g…` reads right.
    const described = git(project.workspaceRoot, ['describe', '--tags', '--long', '--abbrev=12', '--match', `${pattern.prefix}[0-9]*${pattern.suffix}`, 'HEAD']);
    const parts = described ? /^(.*)-(\d+)-g([0-9a-f]+)$/.exec(described) : null;
    const version = parts ? versionInTag(parts[1], pattern) : undefined;
    if (parts && version) return parts[2] === '0' ? version : `${version}-${parts[2]}-g${parts[3]}`;
  }
  return undefined;
}

/** The version of the project's release tag on HEAD (what `nx release version` just tagged), if any. */
export function releaseTagAtHead(project: ProjectRef): string | undefined {
  const tags = git(project.workspaceRoot, ['tag', '--points-at', 'HEAD'])?.split('\n') ?? [];
  for (const pattern of releaseTagPatterns(project)) {
    const version = tags.map((tag) => versionInTag(tag, pattern)).find(Boolean);
    if (version) return version;
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
