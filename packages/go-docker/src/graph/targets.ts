import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import type { GoApplication } from '../go/applications';
import { imageInputs, type Input, lintInputs } from './inputs';
import type { NormalizedPluginOptions } from './options';

const TECHNOLOGIES = ['docker', 'go'];

/** Where docker-lint's `ci` configuration writes SARIF (the ci workflow uploads the whole folder). */
export const SARIF_DIR = 'dist/go-docker/sarif';

/** A file-name-safe id for an app folder. */
function appId(dir: string): string {
  return dir === '.' ? 'root' : dir.replace(/\//g, '__');
}

export interface ImageTarget {
  app: GoApplication;
  dockerfile: string;
  /** Docker build context, workspace-relative. */
  context: string;
}

type ProjectTargets = Pick<ProjectConfiguration, 'targets' | 'namedInputs'>;

/**
 * The lint and build targets of the apps one project owns. A project with one app gets the plain target
 * names; a project owning several (a module with cmd/a and cmd/b) gets one pair per app, suffixed with
 * the app name, so no target silently replaces another.
 */
export function imageTargets(images: ImageTarget[], projectRoot: string, options: NormalizedPluginOptions, moduleFileInputs?: (app: GoApplication) => string[]): ProjectTargets {
  const targets: Record<string, TargetConfiguration> = {};
  const namedInputs: Record<string, Input[]> = {};
  const single = images.length === 1;
  for (const image of images) {
    const suffix = single ? '' : `-${image.app.name}`;
    const inputName = `${options.imageInputName}${suffix}`;
    namedInputs[inputName] = imageInputs(image.app, image.dockerfile, moduleFileInputs);
    const sarif = `${SARIF_DIR}/${appId(image.app.dir)}.sarif`;
    targets[`${options.lintTargetName}${suffix}`] = {
      executor: 'go-docker:lint',
      cache: true,
      inputs: lintInputs(image.dockerfile),
      // Cached so that a cache hit in CI restores the SARIF report too.
      outputs: [`{workspaceRoot}/${sarif}`],
      options: { dockerfile: image.dockerfile, context: image.context },
      configurations: { ci: { format: 'sarif', outputFile: sarif } },
      metadata: { description: `Lint ${image.dockerfile} (Dockerfile rules for Go images).`, technologies: TECHNOLOGIES },
    };
    targets[`${options.buildTargetName}${suffix}`] = {
      executor: 'go-docker:build',
      cache: true,
      inputs: [inputName],
      outputs: [single && image.app.dir === projectRoot ? '{workspaceRoot}/dist/docker/{projectRoot}' : `{workspaceRoot}/dist/docker/${image.app.dir}`],
      options: { file: image.dockerfile, context: image.context },
      // The ci workflow's configuration: BuildKit's GitHub Actions cache, one scope per image.
      configurations: { ci: { cacheFrom: [`type=gha,scope=${appId(image.app.dir)}`], cacheTo: [`type=gha,mode=max,scope=${appId(image.app.dir)}`] } },
      metadata: { description: `Build the ${image.app.name} image from ${image.dockerfile} (context ${image.context}).`, technologies: TECHNOLOGIES },
    };
  }
  return { targets, namedInputs };
}
