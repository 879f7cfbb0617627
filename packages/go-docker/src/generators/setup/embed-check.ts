import type { Tree } from '@nx/devkit';
import type { GoApplication } from '../../go/applications';
import { joinPath } from '../../go/file-system';
import { goMatch } from '../../utils/dockerignore-patterns';

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
  // A pattern go rejects ('.', '..', an empty element, bad syntax) fails go build with its own message.
  if (elements.some((e) => e === '' || e === '.' || e === '..')) return true;
  let candidates = [dir];
  for (const [i, element] of elements.entries()) {
    const last = i === elements.length - 1;
    const next: string[] = [];
    for (const candidate of candidates) {
      for (const name of tree.children(candidate)) {
        const path = joinPath(candidate, name);
        const matched = goMatch(element, name);
        if (matched === 'bad pattern') return true;
        if (matched && (last || !tree.isFile(path))) next.push(path);
      }
    }
    if (next.length === 0) return false;
    candidates = next;
  }
  return true;
}
