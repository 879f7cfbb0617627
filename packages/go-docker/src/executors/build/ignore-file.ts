import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * .dockerignore semantics (as BuildKit's patternmatcher): patterns are read in order, the last one that
 * matches a path (or one of its parent directories) decides, `!` re-includes, `*` and `?` stay within a
 * path segment, `**` spans segments.
 */
export class IgnoreRules {
  private readonly rules: Array<{ regex: RegExp; include: boolean; prefix: string }>;

  constructor(text: string) {
    this.rules = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const include = line.startsWith('!');
        const pattern = (include ? line.slice(1).trim() : line).replace(/^\/+/, '').replace(/\/+$/, '');
        return { regex: toRegex(pattern), include, prefix: pattern.split(/[*?[]/)[0] };
      });
  }

  /** Is this context-relative path (POSIX) excluded from the build context? */
  excludes(path: string): boolean {
    const candidates = [path];
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) candidates.push(path.slice(0, i));
    let excluded = false;
    for (const rule of this.rules) {
      if (candidates.some((c) => rule.regex.test(c))) excluded = !rule.include;
    }
    return excluded;
  }

  /** Could a re-include rule match something below this (excluded) directory? If not, skip walking it. */
  mayIncludeBelow(dir: string): boolean {
    return this.rules.some((r) => r.include && (r.prefix === '' || r.prefix.startsWith(`${dir}/`) || `${dir}/`.startsWith(r.prefix) || r.prefix.startsWith('**')));
  }
}

function toRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // "**/" matches zero or more directories; a trailing "**" matches everything below.
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        out += '(?:.*/)?';
      } else {
        out += '.*';
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) out += `\\${pattern[++i]}`;
    else out += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * A copy of the build context holding only what the ignore file lets in (hard links where possible).
 * For podman 4, which mounts the whole context into RUN --mount=type=bind steps, ignore file or not.
 */
export function filteredContext(contextDir: string, ignoreFile: string): string {
  const rules = new IgnoreRules(readFileSync(ignoreFile, 'utf8'));
  const target = mkdtempSync(join(tmpdir(), 'go-docker-context-'));
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(contextDir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!rules.excludes(path) || rules.mayIncludeBelow(path)) walk(path);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && !rules.excludes(path)) {
        const destination = join(target, path);
        mkdirSync(dirname(destination), { recursive: true });
        try {
          linkSync(join(contextDir, path), destination);
        } catch {
          copyFileSync(join(contextDir, path), destination);
        }
      }
    }
  };
  walk('');
  return target;
}

export function ignoreFileFor(dockerfile: string): string | undefined {
  const candidate = `${dockerfile}.dockerignore`;
  return existsSync(candidate) ? candidate : undefined;
}
