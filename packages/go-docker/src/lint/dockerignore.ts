/** Which ignore file applies to a build (the pattern semantics live in utils/dockerignore-patterns). */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IgnoreFile } from './rule';

export type { IgnorePattern } from '../utils/dockerignore-patterns';
export { isExcluded, parseIgnorePatterns } from '../utils/dockerignore-patterns';

/** Ignore files BuildKit would consult for a Dockerfile, in order of precedence. */
export function ignoreFileCandidates(dockerfile: string, context: string): string[] {
  return [join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`), join(context, '.dockerignore')];
}

/** The ignore file that applies to a build, or null when there is none. */
export function findIgnoreFile(dockerfile: string, context: string): IgnoreFile | null {
  for (const path of ignoreFileCandidates(dockerfile, context)) {
    if (existsSync(path)) return { path, content: readFileSync(path, 'utf8') };
  }
  return null;
}
