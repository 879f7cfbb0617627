import type { Tree } from '@nx/devkit';
import type { GoApplication } from '../../go/applications';
import { joinPath } from '../../go/file-system';

/**
 * Warnings for `//go:embed` patterns of the app's packages that match nothing in the tree: go build then
 * fails ("pattern …: no matching files found"). Usually a build output that is not committed, such as a
 * web UI's dist folder: the image builds once that step runs first.
 */
export function embedWarnings(tree: Tree, app: GoApplication): string[] {
  const warnings: string[] = [];
  for (const pkg of app.localPackages) {
    for (const pattern of pkg.embedPatterns) {
      if (matchesSomething(tree, pkg.dir, pattern.replace(/^all:/, ''))) continue;
      warnings.push(
        `${pkg.dir}: //go:embed ${pattern} matches no file, so go build fails ("pattern ${pattern}: no matching files found") until it exists. ` +
          'If a build step makes it (a web UI build, say), run that step before docker-build (an Nx dependsOn).',
      );
    }
  }
  return warnings;
}

/** Whether a glob (path.Match syntax per element, as Go's embed resolves it) matches a file or folder under dir. */
function matchesSomething(tree: Tree, dir: string, pattern: string): boolean {
  const elements = pattern.split('/');
  let candidates = [dir];
  for (const [i, element] of elements.entries()) {
    const last = i === elements.length - 1;
    const matcher = elementMatcher(element);
    // A pattern go rejects (malformed class, '.' or '..') fails go build with its own message.
    if (matcher === undefined) return true;
    const next: string[] = [];
    for (const candidate of candidates) {
      for (const name of tree.children(candidate)) {
        const path = joinPath(candidate, name);
        if (matcher(name) && (last || !tree.isFile(path))) next.push(path);
      }
    }
    if (next.length === 0) return false;
    candidates = next;
  }
  return true;
}

/** path.Match for one path element, or undefined for a pattern Go's embed rejects. */
function elementMatcher(element: string): ((name: string) => boolean) | undefined {
  if (element === '' || element === '.' || element === '..') return undefined;
  let source = '';
  for (let i = 0; i < element.length; i++) {
    const c = element[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= element.length) return undefined;
      source += escapeRegExp(element[++i]);
    } else if (c === '[') {
      const end = classEnd(element, i);
      if (end < 0) return undefined;
      let body = element.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      if (body === '') return undefined;
      source += `[${negated ? '^' : ''}${body.replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&')}]`;
      i = end;
    } else source += escapeRegExp(c);
  }
  const regexp = new RegExp(`^${source}$`, 'u');
  return (name) => regexp.test(name);
}

/** Index of the `]` that closes the class opened at `start` (an escaped `]` does not), or -1. */
function classEnd(element: string, start: number): number {
  for (let i = start + 1; i < element.length; i++) {
    if (element[i] === '\\') i++;
    else if (element[i] === ']') return i;
  }
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
