import type { GoProblem } from '../go/workspace';

/** Warnings already printed by this process: Nx calls the plugin several times per command. */
const printed = new Set<string>();

/** `file:line: message`, the form editors and terminals turn into a link. */
export function problemLocation(problem: GoProblem): string {
  return problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
}

/**
 * Each broken Go file as one warning, once per process. What the file governs is left out of the graph;
 * every other project stays, so a broken go.mod in one corner never stops an `nx` command.
 */
export function warnAboutProblems(problems: readonly GoProblem[]): void {
  for (const problem of problems) {
    const text = `go-docker: ${problemLocation(problem)}: ${problem.message} (left out of the project graph until fixed)`;
    if (printed.has(text)) continue;
    printed.add(text);
    devkitLogger().warn(text);
  }
}

/** @nx/devkit on first use only: loading it costs Nx's plugin worker time on every command. */
function devkitLogger(): typeof import('@nx/devkit').logger {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@nx/devkit') as typeof import('@nx/devkit')).logger;
}
