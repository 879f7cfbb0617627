import type { TargetConfiguration } from '@nx/devkit';
import type { GoApplication } from '../go/applications';
import { joinPath } from '../go/file-system';
import { CGO_SOURCE_PATTERNS } from '../go/package-files';
import { lintInputFiles } from '../lint/inputs';

export type Input = NonNullable<TargetConfiguration['inputs']>[number];

/** `{workspaceRoot}/<path>`, the form of a file input. */
export const fromRoot = (path: string) => `{workspaceRoot}/${path}`;

export function dockerignorePath(dockerfile: string): string {
  return `${dockerfile}.dockerignore`;
}

/**
 * What a Dockerfile lint result depends on, as the linter itself lists it (the file, the ignore files it may
 * consult for that context, the lint config, nx.json), plus the linter's version.
 */
export function lintInputs(dockerfile: string, context: string): Input[] {
  // Paths are workspace-relative already; a virtual root keeps them so.
  return [...lintInputFiles({ workspaceRoot: '/', dockerfile, context }).map(fromRoot), { externalDependencies: ['go-docker'] }];
}

/**
 * Exactly what changes an image: the non-test Go files of the app's package and of every local package it
 * imports (transitively, across modules), their embedded files and cgo sources, the go.mod/go.sum/go.work
 * files the build reads, the vendor/ directory it builds from, and the Dockerfile with its ignore file.
 * Not tests, docs or other apps.
 */
export function imageInputs(app: GoApplication, dockerfile: string, moduleFileInputs: (app: GoApplication) => string[] = (a) => a.moduleFiles.map(fromRoot)): Input[] {
  const inputs: Input[] = moduleFileInputs(app);
  for (const pkg of app.localPackages) {
    inputs.push(fromRoot(joinPath(pkg.dir, '*.go')), `!${fromRoot(joinPath(pkg.dir, '*_test.go'))}`);
    if (pkg.usesCgo) inputs.push(...CGO_SOURCE_PATTERNS.map((pattern) => fromRoot(joinPath(pkg.dir, pattern))));
    for (const pattern of pkg.embedPatterns) {
      // An embed pattern names a file or a directory (embedded recursively): cover both.
      inputs.push(fromRoot(joinPath(pkg.dir, pattern)), fromRoot(joinPath(pkg.dir, `${pattern}/**`)));
    }
  }
  if (app.vendorDir) inputs.push(fromRoot(`${app.vendorDir}/**`));
  inputs.push(fromRoot(dockerfile), fromRoot(dockerignorePath(dockerfile)));
  return [...new Set(inputs)];
}

/**
 * Module-file inputs that stay small in big go.work workspaces. Under a go.work the build reads every
 * used module's go.mod/go.sum, so listing them makes each app's inputs grow with the workspace and all
 * apps together grow quadratically. When a go.work uses every module below its folder (the usual case),
 * `<dir>/**\/go.mod` and `<dir>/**\/go.sum` name exactly the same files in two globs.
 */
export function compactModuleFileInputs(goModDirsBelow: (dir: string) => string[]): (app: GoApplication) => string[] {
  const usesEverything = new Map<string, boolean>();
  return (app) => {
    const work = app.work;
    if (!work) return app.moduleFiles.map(fromRoot);
    let compact = usesEverything.get(work.dir);
    if (compact === undefined) {
      const used = new Set(work.moduleRoots);
      const present = goModDirsBelow(work.dir);
      compact = present.length === used.size && present.every((dir) => used.has(dir));
      usesEverything.set(work.dir, compact);
    }
    if (!compact) return app.moduleFiles.map(fromRoot);
    const workFiles = app.moduleFiles.filter((file) => file === joinPath(work.dir, 'go.work') || file === joinPath(work.dir, 'go.work.sum'));
    return [...workFiles.map(fromRoot), fromRoot(joinPath(work.dir, '**/go.mod')), fromRoot(joinPath(work.dir, '**/go.sum'))];
  };
}
