/**
 * .dockerignore semantics, ported from the code BuildKit runs: moby/patternmatcher's `ignorefile.ReadAll`
 * (comments, trimming, cleaning) and `PatternMatcher.MatchesOrParentMatches` (the last matching pattern
 * wins, `!` re-includes, a pattern matching a parent directory matches everything below it), including the
 * patterns it rejects. Shared by the linter (GD010) and the build executor (podman's filtered context).
 * Checked against the Go package itself by src/lint/oracle (buildkit-oracle.spec.ts).
 */
import { goRegexpToJs } from './dockerignore-patterns-regexp';

/** The ignore file is one BuildKit refuses (the build fails with this message). */
export class IgnorePatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IgnorePatternError';
  }
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

export interface IgnorePattern {
  negated: boolean;
  /** The cleaned pattern (without `!`), as patternmatcher keeps it. */
  cleaned: string;
  /** The pattern up to its first wildcard: what a path must start with to match. */
  prefix: string;
  /** Compiled on first use, as patternmatcher does (a bad expression fails only when it is evaluated). */
  compiled?: { type: MatchType; regex?: RegExp; error?: string };
}

const MAX_LINE_BYTES = 64 * 1024;

/** unicode.IsSpace for one UTF-16 code unit (all of Go's white space is in the BMP). */
export function isGoSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** strings.TrimSpace (Unicode white space). */
export function goTrimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isGoSpaceCode(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Go's path.Clean (filepath.Clean on Unix). */
export function goCleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** ignorefile.ReadAll: the pattern lines of an ignore file (BOM, comments, trimming, cleaning). */
export function readIgnoreLines(content: string): string[] {
  const text = content.startsWith('\ufeff') ? content.slice(1) : content;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const patterns: string[] = [];
  for (let raw of lines) {
    if (raw.length * 3 >= MAX_LINE_BYTES && Buffer.byteLength(raw) >= MAX_LINE_BYTES) throw new IgnorePatternError('bufio.Scanner: token too long');
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.startsWith('#')) continue;
    let pattern = goTrimSpace(raw);
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goCleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

/** patternmatcher.New over the lines of an ignore file; throws IgnorePatternError where BuildKit does. */
export function parseIgnorePatterns(content: string): IgnorePattern[] {
  return compilePatterns(readIgnoreLines(content));
}

export function compilePatterns(lines: string[]): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const line of lines) {
    let p = goTrimSpace(line);
    if (p === '') continue;
    p = goCleanPath(p);
    let negated = false;
    if (p.startsWith('!')) {
      if (p.length === 1) throw new IgnorePatternError('illegal exclusion pattern: "!"');
      negated = true;
      p = p.slice(1);
    }
    if (!validGlob(p)) throw new IgnorePatternError(`syntax error in pattern: ${p}`);
    patterns.push({ negated, cleaned: p, prefix: p.split(/[*?[\\]/)[0] });
  }
  return patterns;
}

/** True when the path (relative to the context, `/`-separated, clean) is left out of the build context. */
export function isExcluded(patterns: IgnorePattern[], path: string): boolean {
  const slash = path.lastIndexOf('/');
  const parent = slash < 0 ? '.' : goCleanPath(path.slice(0, slash));
  const parentDirs = parent.split('/');
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.negated !== matched) continue;
    let match = matchPattern(pattern, path);
    if (!match && parent !== '.') {
      for (let k = 0; k < parentDirs.length && !match; k++) match = matchPattern(pattern, parentDirs.slice(0, k + 1).join('/'));
    }
    if (match) matched = !pattern.negated;
  }
  return matched;
}

/** Could a re-include (`!`) pattern match something below this excluded directory? If not, skip walking it. */
export function mayIncludeBelow(patterns: IgnorePattern[], dir: string): boolean {
  return patterns.some((p) => p.negated && (p.prefix === '' || p.prefix.startsWith(`${dir}/`) || `${dir}/`.startsWith(p.prefix)));
}

function matchPattern(pattern: IgnorePattern, path: string): boolean {
  const compiled = (pattern.compiled ??= compile(pattern.cleaned));
  if (compiled.error) throw new IgnorePatternError(`syntax error in pattern: ${pattern.cleaned} (${compiled.error})`);
  const p = pattern.cleaned;
  switch (compiled.type) {
    case 'exact':
      return path === p;
    case 'prefix':
      return path.startsWith(p.slice(0, -2));
    case 'suffix': {
      const suffix = p.slice(2);
      return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    default:
      return (compiled.regex as RegExp).test(path);
  }
}

/**
 * What patternmatcher escapes. It means `.+()|{}$`, but its bitmap keeps only characters below 64, so `|`,
 * `{` and `}` reach the regular expression unescaped (alternation and repeat counts work in patterns).
 */
const SHOULD_ESCAPE = new Set(['.', '+', '(', ')', '$']);

/** Pattern.compile: the pattern as a Go regular expression, or a cheaper exact/prefix/suffix test. */
function compile(pattern: string): { type: MatchType; regex?: RegExp; error?: string } {
  let re = '^';
  let type: MatchType = 'exact';
  const s = Array.from(pattern);
  // Go's text/scanner drops a byte order mark at the start of what it reads.
  for (let k = s[0] === '\ufeff' ? 1 : 0, i = 0; k < s.length; i++) {
    const ch = s[k++];
    if (ch === '*') {
      if (s[k] === '*') {
        k++;
        if (s[k] === '/') k++;
        if (k >= s.length) {
          if (type === 'exact') type = 'prefix';
          else {
            re += '.*';
            type = 'regexp';
          }
        } else {
          re += '(.*/)?';
          type = 'regexp';
        }
        if (i === 0) type = 'suffix';
      } else {
        re += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      type = 'regexp';
    } else if (SHOULD_ESCAPE.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      if (k < s.length) {
        re += `\\${s[k++]}`;
        type = 'regexp';
      } else re += '\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexp';
    } else re += ch;
  }
  if (type !== 'regexp') return { type };
  try {
    return { type, regex: goRegexpToJs(`${re}$`) };
  } catch (error) {
    return { type, error: (error as Error).message };
  }
}

/** Would Go's filepath.Match(pattern, ".") report ErrBadPattern? (patternmatcher.New's syntax check.) */
function validGlob(pattern: string): boolean {
  return goMatch(pattern, '.') !== 'bad pattern';
}

/**
 * Go's filepath.Match (path.Match on '/' paths) as patternmatcher's Go has it: whether `name` matches, or
 * 'bad pattern' (ErrBadPattern) for a malformed pattern. The remainder of a pattern that stopped matching is
 * not checked for syntax.
 */
export function goMatch(pattern: string, nameIn: string): boolean | 'bad pattern' {
  let p = Array.from(pattern);
  let name = Array.from(nameIn);
  try {
    while (p.length > 0) {
      let star = false;
      while (p.length > 0 && p[0] === '*') {
        p = p.slice(1);
        star = true;
      }
      const [chunk, rest] = scanChunk(p);
      p = rest;
      // A trailing * matches the rest of the name unless it has a '/'.
      if (star && chunk.length === 0) return !name.includes('/');
      const [t, ok] = matchChunk(chunk, name);
      if (ok && (t.length === 0 || p.length > 0)) {
        name = t;
        continue;
      }
      let advanced = false;
      if (star) {
        for (let i = 0; i < name.length && name[i] !== '/'; i++) {
          const [t2, ok2] = matchChunk(chunk, name.slice(i + 1));
          if (ok2) {
            if (p.length === 0 && t2.length > 0) continue;
            name = t2;
            advanced = true;
            break;
          }
        }
      }
      if (!advanced) return false;
    }
    return name.length === 0;
  } catch {
    return 'bad pattern';
  }
}

function scanChunk(p: string[]): [string[], string[]] {
  let inRange = false;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      if (i + 1 < p.length) i++;
    } else if (p[i] === '[') inRange = true;
    else if (p[i] === ']') inRange = false;
    else if (p[i] === '*' && !inRange) return [p.slice(0, i), p.slice(i)];
  }
  return [p, []];
}

/** filepath.matchChunk; throws on a malformed chunk (ErrBadPattern) even after the match has failed. */
function matchChunk(chunkIn: string[], sIn: string[]): [string[], boolean] {
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    failed = failed || s.length === 0;
    if (chunk[0] === '[') {
      let r = -1;
      if (!failed) {
        r = s[0].codePointAt(0)!;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === '^') {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let ranges = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === ']' && ranges > 0) {
          chunk = chunk.slice(1);
          break;
        }
        let lo: number;
        [lo, chunk] = getEsc(chunk);
        let hi = lo;
        if (chunk[0] === '-') [hi, chunk] = getEsc(chunk.slice(1));
        match = match || (lo <= r && r <= hi);
        ranges++;
      }
      failed = failed || match === negated;
    } else if (chunk[0] === '?') {
      if (!failed) {
        failed = s[0] === '/';
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    } else {
      if (chunk[0] === '\\') {
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new Error('bad pattern');
      }
      if (!failed) {
        failed = chunk[0] !== s[0];
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? [[], false] : [s, true];
}

function getEsc(chunkIn: string[]): [number, string[]] {
  let chunk = chunkIn;
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') throw new Error('bad pattern');
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (chunk.length === 0) throw new Error('bad pattern');
  }
  const r = chunk[0].codePointAt(0)!;
  chunk = chunk.slice(1);
  if (chunk.length === 0) throw new Error('bad pattern');
  return [r, chunk];
}
