/** Workspace-relative POSIX path helpers ('.' is the workspace root). */

/** Resolves `.` and `..` segments; undefined when the path climbs above the workspace root or is absolute. */
export function normalizePath(path: string): string | undefined {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return undefined;
  const out: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out.length === 0 ? '.' : out.join('/');
}

/** True when `path` is `dir` or inside it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '.' || path === dir || path.startsWith(`${dir}/`);
}

/** The deepest directory containing every given path. */
export function commonAncestor(paths: string[]): string {
  if (paths.length === 0) return '.';
  // Climbs from the first path until every other one is inside: no per-path splitting, as this runs
  // for every application over every module of a go.work.
  let ancestor = paths[0];
  for (const path of paths) {
    while (ancestor !== '.' && !isWithin(path, ancestor)) {
      const slash = ancestor.lastIndexOf('/');
      ancestor = slash < 0 ? '.' : ancestor.slice(0, slash);
    }
  }
  return ancestor;
}

/** `path` relative to `from` (both workspace-relative); '.' when equal. */
export function relativeTo(from: string, path: string): string {
  if (from === '.') return path;
  if (path === from) return '.';
  if (path.startsWith(`${from}/`)) return path.slice(from.length + 1);
  const fromParts = from.split('/');
  const pathParts = path === '.' ? [] : path.split('/');
  let i = 0;
  while (i < fromParts.length && i < pathParts.length && fromParts[i] === pathParts[i]) i++;
  return [...fromParts.slice(i).map(() => '..'), ...pathParts.slice(i)].join('/') || '.';
}
