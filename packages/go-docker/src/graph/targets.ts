import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import type { GoApplication } from '../go/applications';
import { imageInputs, type Input, lintInputs } from './inputs';
import type { NormalizedPluginOptions } from './options';

const TECHNOLOGIES = ['docker', 'go'];

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
export function imageTargets(images: ImageTarget[], projectRoot: string, options: NormalizedPluginOptions): ProjectTargets {
  const targets: Record<string, TargetConfiguration> = {};
  const namedInputs: Record<string, Input[]> = {};
  const single = images.length === 1;
  for (const image of images) {
    const suffix = single ? '' : `-${image.app.name}`;
    const inputName = `${options.imageInputName}${suffix}`;
    namedInputs[inputName] = imageInputs(image.app, image.dockerfile);
    targets[`${options.lintTargetName}${suffix}`] = {
      executor: 'go-docker:lint',
      cache: true,
      inputs: lintInputs(image.dockerfile),
      options: { dockerfile: image.dockerfile, context: image.context },
      metadata: { description: `Lint ${image.dockerfile} (Dockerfile rules for Go images).`, technologies: TECHNOLOGIES },
    };
    targets[`${options.buildTargetName}${suffix}`] = {
      executor: 'go-docker:build',
      cache: true,
      inputs: [inputName],
      outputs: [single && image.app.dir === projectRoot ? '{workspaceRoot}/dist/docker/{projectRoot}' : `{workspaceRoot}/dist/docker/${image.app.dir}`],
      options: { file: image.dockerfile, context: image.context },
      metadata: { description: `Build the ${image.app.name} image from ${image.dockerfile} (context ${image.context}).`, technologies: TECHNOLOGIES },
    };
  }
  return { targets, namedInputs };
}
