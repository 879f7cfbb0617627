import { execFileSync } from 'node:child_process';

/** What the build takes from the workspace's git checkout; each part absent when it cannot be known. */
export interface GitFacts {
  sha?: string;
  /** Committer time of HEAD, seconds since the epoch: the image's timestamps (SOURCE_DATE_EPOCH). */
  commitTime?: number;
  /** The origin URL without credentials (CI checkouts embed tokens in it). */
  remote?: string;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined; // not a git checkout, no commit yet, or no origin
  }
}

/** HEAD's sha and committer time, in one git call; undefined outside a checkout or before the first commit. */
export function headCommit(cwd: string): { sha: string; commitTime: number } | undefined {
  const match = /^([0-9a-f]{40}) (\d+)$/.exec(git(cwd, ['log', '-1', '--format=%H %ct', 'HEAD']) ?? '');
  return match ? { sha: match[1], commitTime: Number(match[2]) } : undefined;
}

/** Two git calls: HEAD's sha and commit time together, then the remote. */
export function readGitFacts(cwd: string): GitFacts {
  const remote = git(cwd, ['remote', 'get-url', 'origin'])?.replace(/^(\w+:\/\/)[^@/]+@/, '$1');
  return { ...headCommit(cwd), remote };
}

/**
 * The time every timestamp of the image is set to: $SOURCE_DATE_EPOCH when set (an integer, as the
 * reproducible-builds convention defines it), else HEAD's commit time, else none (then the engine's clock).
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv, facts: GitFacts): number | undefined {
  const fromEnv = env.SOURCE_DATE_EPOCH?.trim();
  if (fromEnv && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return facts.commitTime;
}
