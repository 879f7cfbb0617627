/**
 * .dockerignore semantics (moby/patternmatcher): patterns in order, the last match wins, `!` re-includes,
 * `**` spans directories, and a pattern matching a parent directory matches everything below it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IgnoreFile } from './rule';

interface IgnorePattern {
  negated: boolean;
  regex: RegExp;
}

export function parseIgnorePatterns(content: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const line of content.split(/\r?\n/)) {
    let pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1).trim();
    pattern = pattern.replace(/^\/+/, '').replace(/\/+$/, '').replace(/^\.\//, '');
    if (pattern === '' || pattern === '.') continue;
    patterns.push({ negated, regex: globToRegex(pattern) });
  }
  return patterns;
}

function globToRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        source += '(?:.*/)?';
      } else {
        source += '.*';
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else source += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** True when the path (relative to the context, `/`-separated) is left out of the build context. */
export function isExcluded(patterns: IgnorePattern[], path: string): boolean {
  const parts = path.split('/');
  const candidates = parts.map((_, k) => parts.slice(0, k + 1).join('/'));
  let excluded = false;
  for (const { negated, regex } of patterns) {
    if (candidates.some((candidate) => regex.test(candidate))) excluded = !negated;
  }
  return excluded;
}

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
