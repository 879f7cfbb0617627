/**
 * .dockerignore semantics (moby/patternmatcher): patterns in order, the last match wins, `!` re-includes,
 * `**` spans directories, and a pattern matching a parent directory matches everything below it.
 * Shared by the linter (GD010) and the build executor (podman's filtered context).
 */

export interface IgnorePattern {
  negated: boolean;
  regex: RegExp;
  /** The pattern up to its first wildcard: what a path must start with to match. */
  prefix: string;
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
    patterns.push({ negated, regex: globToRegex(pattern), prefix: pattern.split(/[*?[\\]/)[0] });
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


/** Could a re-include (`!`) pattern match something below this excluded directory? If not, skip walking it. */
export function mayIncludeBelow(patterns: IgnorePattern[], dir: string): boolean {
  return patterns.some((p) => p.negated && (p.prefix === '' || p.prefix.startsWith(`${dir}/`) || `${dir}/`.startsWith(p.prefix)));
}
