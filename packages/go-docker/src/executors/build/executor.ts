import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { type SelectedEngine, selectEngine } from './engines/select';
import { filteredContext, ignoreFileFor } from './ignore-file';
import type { BuildRequest } from './request';
import { writeMetadata } from './metadata';
import { resolveBuildRequest } from './resolve';
import { displayArgv, redactForDisplay, runSteps } from './run-steps';
import type { BuildExecutorSchema } from './schema';
import { withImageOptions } from '../../image-options/build';

/** go-docker:build — builds (and pushes or loads) an image with buildx, podman or docker. */
export default async function buildExecutor(options: BuildExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName as string;
  try {
    const docker = options.dockerPath ?? 'docker';
    const selected = selectEngine(options.engine ?? 'auto', docker, options.builder);
    const request = resolveBuildRequest(withImageOptions(options, context.root, projectName, context.projectsConfigurations?.projects[projectName]?.root ?? '.'), {
      workspaceRoot: context.root,
      projectName,
      projectRoot: context.projectsConfigurations?.projects[projectName]?.root ?? '.',
      engine: selected.engine.name,
      capabilities: selected.capabilities,
      env: process.env,
    });
    // podman 4 mounts the whole context into RUN --mount=type=bind steps whatever the ignore file says
    // (.git, .env included): hand it a copy that holds only what the ignore file lets in.
    const ignoreFile = ignoreFileFor(request.file);
    const filtered = selected.engine.name === 'podman' && ignoreFile && !options.dryRun ? filteredContext(request.context, ignoreFile) : undefined;
    try {
      return await build(selected, filtered ? { ...request, context: filtered } : request, options.dryRun ?? false, request.context);
    } finally {
      if (filtered) rmSync(filtered, { recursive: true, force: true });
    }
  } catch (error) {
    logger.error(`go-docker:build: ${(error as Error).message}`);
    return { success: false };
  }
}

/** Plans, runs and records one build; `context` is the context as the user named it (for the metadata). */
async function build(selected: SelectedEngine, request: BuildRequest, dryRun: boolean, context: string): Promise<{ success: boolean }> {
  const steps = selected.engine.plan(request, selected.capabilities);
  logger.info(`go-docker:build: ${selected.engine.name} (${selected.reason}); ${request.platforms.join(', ')} → ${request.tags.join(', ')}`);
  if (dryRun) {
    steps.forEach((s) => logger.info(displayArgv(redactForDisplay(s.argv))));
    return { success: true };
  }
  rmSync(request.engineReportFile, { force: true });
  mkdirSync(dirname(request.engineReportFile), { recursive: true });
  const code = await runSteps(steps, { cwd: request.workspaceRoot, quiet: request.quiet, log: (line) => logger.info(line) });
  if (code !== 0) {
    logger.error(`go-docker:build: ${selected.engine.name} exited with code ${code}`);
    return { success: false };
  }
  const metadata = writeMetadata({ ...request, context }, selected.engine.name);
  logger.info(`go-docker:build: ${metadata.digest ?? 'image'} built; metadata in ${request.metadataFile}`);
  return { success: true };
}
