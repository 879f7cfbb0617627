import type { Tree } from '@nx/devkit';
import type { GoApplication } from '../go/applications';
import { joinPath } from '../go/file-system';
import { type ImagePlan, planImage } from './image-plan';
import { loadImageOptionLayers, PROJECT_KEY } from './load';
import { ImageOptionsError, type ImageOptions, mergeImageOptions, runtimeFileCopies } from './options';

/** Folder names that usually hold what a service reads at run time. */
export const RUNTIME_DIR_NAMES = ['templates', 'static', 'public', 'web', 'assets', 'migrations'];

export interface SetupImageContext {
  projectRoot: string | undefined;
  applications: GoApplication[];
  strategy: 'in-docker' | 'prebuilt';
  port?: number;
}

/** The image options of the project owning `app`, planned for its Dockerfile, and what setup should warn about. */
export function imagePlanFor(tree: Tree, app: GoApplication, context: SetupImageContext): { plan: ImagePlan; options: ImageOptions; warnings: string[] } {
  const read = (path: string) => tree.read(path, 'utf-8') ?? undefined;
  const projectRoot = context.projectRoot === '' ? '.' : context.projectRoot;
  const layers = loadImageOptionLayers(read, projectRoot);
  // The most specific wins: the project's ports, then setup --port, then nx.json's.
  const options = mergeImageOptions(layers.workspace, layers.project.ports === undefined && context.port !== undefined ? { ...layers.project, ports: [context.port] } : layers.project);
  const optionsFile = projectRoot !== undefined && tree.exists(joinPath(projectRoot, 'project.json')) ? joinPath(projectRoot, 'project.json') : 'nx.json';
  if (context.strategy === 'prebuilt') {
    // The go-build target compiles one binary, unstamped, on the host: these need the in-docker build.
    for (const field of ['binaries', 'stamp', 'privateModules'] as const) {
      if (options[field] !== undefined) throw new ImageOptionsError(optionsFile, `${PROJECT_KEY}.${field} needs the in-docker strategy (the prebuilt one copies a single binary compiled on the host)`);
    }
  }
  const plan = planImage(app, options, {
    applications: context.applications,
    kind: (path) => (!tree.exists(path) ? undefined : tree.isFile(path) ? 'file' : 'directory'),
    optionsFile,
    port: context.port,
  });
  return { plan, options, warnings: unembeddedRuntimeDirs(tree, app, options) };
}

/**
 * A templates/ or static/ folder beside a main package that is neither embedded nor declared is
 * probably read by path at run time, and would be missing from the image.
 */
function unembeddedRuntimeDirs(tree: Tree, app: GoApplication, options: ImageOptions): string[] {
  const main = app.localPackages.find((pkg) => pkg.dir === app.dir);
  const embedded = new Set((main?.embedPatterns ?? []).map((pattern) => pattern.replace(/^all:/, '').split('/')[0]));
  const declared = new Set(runtimeFileCopies(options, app.dir).map((copy) => copy.from));
  const goPackages = new Set(app.localPackages.map((pkg) => pkg.dir));
  return RUNTIME_DIR_NAMES.map((name) => joinPath(app.dir, name))
    .filter((dir) => tree.exists(dir) && !tree.isFile(dir) && !goPackages.has(dir) && !declared.has(dir) && !embedded.has(dir.slice(dir.lastIndexOf('/') + 1)))
    .map((dir) => `${dir}/ is neither embedded nor a runtime file, so the image will not have it; if ${app.name} reads it at run time, add it to "runtimeFiles" in the project's "${PROJECT_KEY}" options (see the README, "Image options").`);
}
