import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import type { GoApplication } from '../go/applications';
import { dockerignorePath, fromRoot, imageInputs, type Input, lintInputs } from './inputs';
import type { NormalizedPluginOptions } from './options';
import { imageOptionInputs, type ImageOptionInputs } from '../image-options/graph-inputs';
import { releasePublishTarget } from './release-target';
import { runTarget } from './run-target';

const TECHNOLOGIES = ['docker', 'go'];

/** Where docker-lint's `ci` configuration writes SARIF (the ci workflow uploads the whole folder). */
export const SARIF_DIR = 'dist/go-docker/sarif';

/**
 * What the project's release version is read from (release/project-version): its VERSION file, its own
 * package.json (not the workspace's), and the release tags HEAD contains (`git tag --merged`, which
 * changes with a new tag only, and prints nothing rather than failing where there is none).
 */
export function releaseVersionInputs(projectRoot: string): Input[] {
  const files = projectRoot === '.' || projectRoot === '' ? ['{projectRoot}/VERSION'] : ['{projectRoot}/VERSION', '{projectRoot}/package.json'];
  return [...files, { runtime: 'git tag --merged HEAD' }];
}

/** A file-name-safe id for an app folder. */
function appId(dir: string): string {
  return dir === '.' ? 'root' : dir.replace(/\//g, '__');
}

export interface ImageTarget {
  app: GoApplication;
  dockerfile: string;
  /** Docker build context, workspace-relative. */
  context: string;
  /** The Dockerfile copies a host-compiled binary (setup's prebuilt strategy). */
  prebuilt?: boolean;
  /** What the image options add to the image's inputs (runtime files, stamp, more binaries). */
  image?: ImageOptionInputs;
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
    namedInputs[inputName] = imageOptionInputs(imageInputs(image.app, image.dockerfile, moduleFileInputs), image.image, (app) => imageInputs(app, image.dockerfile, moduleFileInputs));
    const sarif = `${SARIF_DIR}/${appId(image.app.dir)}.sarif`;
    targets[`${options.lintTargetName}${suffix}`] = {
      executor: 'go-docker:lint',
      cache: true,
      inputs: lintInputs(image.dockerfile, image.context),
      // Cached so that a cache hit in CI restores the SARIF report too.
      outputs: [`{workspaceRoot}/${sarif}`],
      options: { dockerfile: image.dockerfile, context: image.context },
      configurations: { ci: { format: 'sarif', outputFile: sarif } },
      metadata: { description: `Lint ${image.dockerfile} (Dockerfile rules for Go images).`, technologies: TECHNOLOGIES },
    };
    const buildTarget = `${options.buildTargetName}${suffix}`;
    const goBuildTarget = `${options.goBuildTargetName}${suffix}`;
    if (image.prebuilt) {
      // The image only copies dist/<app>/<os>_<arch>/<name>: the Go inputs belong to the compile step,
      // and the image depends on the Dockerfile and that step's outputs.
      targets[goBuildTarget] = {
        executor: 'go-docker:go-build',
        cache: true,
        inputs: [inputName],
        outputs: [`{workspaceRoot}/dist/${image.app.dir}`],
        options: { main: image.app.dir, name: image.app.name },
        metadata: { description: `Compile ${image.app.name} on the host for each platform (the prebuilt strategy).`, technologies: TECHNOLOGIES },
      };
    }
    targets[buildTarget] = {
      executor: 'go-docker:build',
      cache: true,
      inputs: [
        ...(image.prebuilt ? [fromRoot(image.dockerfile), fromRoot(dockerignorePath(image.dockerfile)), { dependentTasksOutputFiles: '**/*' }] : [inputName]),
        // Whether and where CI pushes changes what the task does: a PR build must not satisfy a push build from cache.
        { env: 'GO_DOCKER_PUSH' },
        { env: 'GO_DOCKER_REGISTRY' },
        // The project's release version ({version} in tags, the version label): a release rebuilds, a plain commit does not.
        ...releaseVersionInputs(projectRoot),
      ],
      ...(image.prebuilt ? { dependsOn: [goBuildTarget] } : {}),
      outputs: [single && image.app.dir === projectRoot ? '{workspaceRoot}/dist/docker/{projectRoot}' : `{workspaceRoot}/dist/docker/${image.app.dir}`],
      options: { file: image.dockerfile, context: image.context },
      // The ci workflow's configuration: BuildKit's GitHub Actions cache, one scope per image.
      configurations: { ci: { cacheFrom: [`type=gha,scope=${appId(image.app.dir)}`], cacheTo: [`type=gha,mode=max,scope=${appId(image.app.dir)}`] } },
      metadata: { description: `Build the ${image.app.name} image from ${image.dockerfile} (context ${image.context}).`, technologies: TECHNOLOGIES },
    };
    // Moving tags are applied after every build, cache hit or not, to the digest it recorded: no rebuild.
    targets[`${options.tagTargetName}${suffix}`] = {
      executor: 'go-docker:tag',
      cache: false,
      dependsOn: [buildTarget],
      options: { file: image.dockerfile, tags: options.moveTags },
      metadata: { description: `Add ${options.moveTags.join(', ')} to the ${image.app.name} image docker-build recorded, without rebuilding.`, technologies: TECHNOLOGIES },
    };
    targets[`${options.runTargetName}${suffix}`] = runTarget(image, buildTarget);
    if (single) targets['nx-release-publish'] = releasePublishTarget(image, buildTarget, image.prebuilt ? goBuildTarget : undefined);
  }
  return { targets, namedInputs };
}
