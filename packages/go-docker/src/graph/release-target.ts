import type { TargetConfiguration } from '@nx/devkit';
import type { ImageTarget } from './targets';

/**
 * nx-release-publish: the target `nx release publish` runs on every project of a release group. For a Go
 * application it builds the image from its docker-build options and pushes it under the release version.
 * Only a project with one application gets it: nx release knows one publish target per project.
 */
export function releasePublishTarget(image: ImageTarget, buildTarget: string, goBuildTarget: string | undefined): TargetConfiguration {
  return {
    executor: 'go-docker:release-publish',
    cache: false,
    ...(goBuildTarget ? { dependsOn: [goBuildTarget] } : {}),
    options: { buildTarget },
    metadata: { description: `Build the ${image.app.name} image and push it under the release version (run by nx release publish).`, technologies: ['docker', 'go'] },
  };
}
