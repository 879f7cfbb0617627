import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describeTagPattern, projectVersion, releaseTagPatterns, VERSION_FILE } from '../../release/project-version';

export interface PlaceholderContext {
  workspaceRoot: string;
  projectName: string;
  projectRoot: string;
  /** HEAD's sha when the caller already read it (saves a git call). */
  gitSha?: string;
}

const NAMES = ['projectName', 'gitSha', 'gitShortSha', 'branch', 'version'] as const;
type Name = (typeof NAMES)[number];

/**
 * Resolves {projectName} {gitSha} {gitShortSha} {branch} {version} in tags and labels when the task
 * runs — never in the project graph, where a commit sha would change every task hash.
 */
export function createPlaceholderResolver(context: PlaceholderContext): (text: string) => string {
  const cache = new Map<Name, string>();
  if (context.gitSha) {
    cache.set('gitSha', context.gitSha);
    cache.set('gitShortSha', context.gitSha.slice(0, 12));
  }
  const value = (name: Name): string => {
    if (!cache.has(name)) cache.set(name, compute(name, context));
    return cache.get(name) as string;
  };
  return (text) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (!(NAMES as readonly string[]).includes(name)) throw new Error(`unknown placeholder ${whole} in "${text}"; known: ${NAMES.map((n) => `{${n}}`).join(' ')}`);
      return value(name as Name);
    });
}

function compute(name: Name, context: PlaceholderContext): string {
  switch (name) {
    case 'projectName':
      return context.projectName;
    case 'gitSha':
      return git(context.workspaceRoot, ['rev-parse', 'HEAD']);
    case 'gitShortSha':
      return git(context.workspaceRoot, ['rev-parse', '--short=12', 'HEAD']);
    case 'branch':
      // CI checkouts are often detached; their branch comes from the environment.
      return tagSafe(process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME || process.env.CI_COMMIT_REF_NAME || git(context.workspaceRoot, ['rev-parse', '--abbrev-ref', 'HEAD']));
    case 'version':
      return versionOf(context);
  }
}

/** Docker tags allow [A-Za-z0-9_.-], at most 128 characters, not starting with . or -. */
function tagSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '').slice(0, 128);
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`cannot resolve a git placeholder: \`git ${args.join(' ')}\` failed in ${cwd} (not a git repository, or no commit yet)`);
  }
}

/** The project's release version (see projectVersion): never the workspace package.json's. */
function versionOf(context: PlaceholderContext): string {
  const version = projectVersion(context);
  if (version) return tagSafe(version);
  throw new Error(`cannot resolve {version} for ${context.projectName}: no version in ${join(context.projectRoot, 'package.json')}, no release git tag (${releaseTagPatterns(context).map(describeTagPattern).join(', ')}) and no ${join(context.projectRoot, VERSION_FILE)} (nx release writes it)`);
}
