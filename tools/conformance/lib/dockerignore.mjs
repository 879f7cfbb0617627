// What a Dockerfile.dockerignore lets into the build context, read the way BuildKit reads it
// (moby/patternmatcher: patterns are cleaned, `**` spans directories, a pattern that matches a parent
// directory matches everything under it, `!` re-includes, the last matching pattern wins).

export function parseIgnoreFile(text) {
  const patterns = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    line = cleanPath(line);
    if (!line) continue;
    patterns.push({ exclusion, text: line, regexp: patternRegExp(line) });
  }
  return patterns;
}

function cleanPath(path) {
  const parts = [];
  for (const part of path.replace(/^\/+/, '').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function patternRegExp(pattern) {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` (or a trailing `**`) spans any number of directories, including none.
        if (pattern[i + 1] === '/') {
          i++;
          out += '(.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        let cls = pattern.slice(i + 1, end);
        if (cls.startsWith('^') || cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        out += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      i++;
      out += escape(pattern[i]);
    } else out += escape(c);
  }
  return new RegExp(`${out}$`);
}

function escape(c) {
  return /[.+^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** True when the file (a context-relative posix path) is excluded by the patterns. */
export function isExcluded(patterns, file) {
  const parents = [];
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join('/'));
  let excluded = false;
  for (const p of patterns) {
    if (p.exclusion && !excluded) continue;
    const matches = p.regexp.test(file) || parents.some((dir) => p.regexp.test(dir));
    if (matches) excluded = !p.exclusion;
  }
  return excluded;
}
