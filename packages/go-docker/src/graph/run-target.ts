import type { TargetConfiguration } from '@nx/devkit';
import type { ImageTarget } from './targets';

/**
 * docker-run: starts the image its docker-build just built (or replayed) and keeps running until stopped;
 * continuous, so a dev server or an e2e target can depend on it.
 */
export function runTarget(image: ImageTarget, buildTarget: string): TargetConfiguration {
  return {
    executor: 'go-docker:run',
    cache: false,
    continuous: true,
    dependsOn: [buildTarget],
    options: { file: image.dockerfile },
    metadata: { description: `Run the ${image.app.name} image docker-build produced (ports from EXPOSE, read-only root, removed when stopped).`, technologies: ['docker', 'go'] },
  };
}
