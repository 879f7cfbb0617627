import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { log } from '../log';
import buildExecutor from '../build/executor';
import { normalizeBuildArgs } from '../build/build-args';
import type { BuildExecutorSchema } from '../build/schema';
import { releaseImageTags } from '../../release/image-tags';
import { releaseTagAtHead } from '../../release/project-version';
import type { ReleasePublishExecutorSchema } from './schema';

/**
 * go-docker:release-publish — what `nx release publish` runs for a Go application: the build its
 * docker-build target describes, pushed under the release version. It builds rather than re-tags, so the
 * version reaches the image's label and the VERSION build arg, not only its tag.
 */
export default async function releasePublishExecutor(options: ReleasePublishExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName as string;
  const project = context.projectsConfigurations?.projects[projectName];
  try {
    const released = options.nxReleaseVersionData?.[projectName];
    if (released && released.newVersion === null) {
      log.info(`go-docker:release-publish: ${projectName} has no new version in this release: nothing to publish`);
      return { success: true };
    }
    // Without nx release's data (nx release publish on its own), a project is released when HEAD carries its tag.
    const version = options.releaseVersion ?? released?.newVersion ?? releaseTagAtHead({ workspaceRoot: context.root, projectName, projectRoot: project?.root ?? '.' });
    if (!version) {
      log.info(`go-docker:release-publish: ${projectName}: no release tag of it on HEAD (nx release version makes one): nothing to publish`);
      return { success: true };
    }
    const buildTarget = options.buildTarget ?? 'docker-build';
    const buildOptions = project?.targets?.[buildTarget]?.options as BuildExecutorSchema | undefined;
    if (!buildOptions?.file) throw new Error(`${projectName} has no ${buildTarget} target with a Dockerfile to build the release from`);
    const request = releaseBuildOptions(buildOptions, releaseImageTags(options, projectName, version), version, context.root, options.dryRun || process.env.NX_DRY_RUN === 'true');
    log.info(`go-docker:release-publish: ${projectName} ${version} → ${(request.tags as string[]).join(', ')}${request.dryRun ? ' (dry run: nothing is built or pushed)' : ''}`);
    return await buildExecutor(request, context);
  } catch (error) {
    log.error(`go-docker:release-publish: ${(error as Error).message}`);
    return { success: false };
  }
}

/** The docker-build options of the project, pushed under the release tags with the version stamped in. */
export function releaseBuildOptions(build: BuildExecutorSchema, tags: string[], version: string, workspaceRoot: string, dryRun: boolean): BuildExecutorSchema {
  const dockerfile = isAbsolute(build.file) ? build.file : join(workspaceRoot, build.file);
  const declaresVersion = existsSync(dockerfile) && /^\s*ARG\s+VERSION\b/m.test(readFileSync(dockerfile, 'utf8'));
  const buildArgs = normalizeBuildArgs(build.buildArgs);
  return {
    ...build,
    tags,
    push: true,
    load: false,
    // The release build is a separate image from the cached docker-build one: it must not overwrite its record.
    metadataFile: join('dist', 'release', build.file.replace(/[^/]+$/, ''), 'metadata.json'),
    labels: { ...build.labels, 'org.opencontainers.image.version': version },
    buildArgs: declaresVersion ? { ...buildArgs, VERSION: version } : buildArgs,
    dryRun,
  };
}
