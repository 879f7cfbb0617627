import { stopwatchFromLoad } from './startup'; // first: the stopwatch starts when this module starts loading
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { log } from '../log';
import { type SelectedEngine, selectEngine } from './engines/select';
import { filteredContext, ignoreFileFor } from './ignore-file';
import type { BuildRequest } from './request';
import { writeMetadata } from './metadata';
import { checkBuilderOption } from './option-checks';
import { resolveBuildRequest } from './resolve';
import { displayArgv, redactForDisplay, runSteps } from './run-steps';
import type { BuildExecutorSchema } from './schema';
import { withImageOptions } from '../../image-options/build';
import type { Stopwatch } from './startup';

const stopwatch = stopwatchFromLoad();
stopwatch.lap('load');

/** go-docker:build — builds (and pushes or loads) an image with buildx, podman or docker. */
export default async function buildExecutor(options: BuildExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName as string;
  try {
    stopwatch.lap('nx'); // from our modules loaded to this call: Nx's own work, not ours (excluded below)
    const docker = options.dockerPath ?? 'docker';
    const selected = selectEngine(options.engine ?? 'auto', docker, options.builder);
    checkBuilderOption(selected, options.builder, docker, (message) => log.info(`go-docker:build: warning: ${message}`));
    stopwatch.lap('engine');
    const request = resolveBuildRequest(withImageOptions(options, context.root, projectName, context.projectsConfigurations?.projects[projectName]?.root ?? '.'), {
      workspaceRoot: context.root,
      projectName,
      projectRoot: context.projectsConfigurations?.projects[projectName]?.root ?? '.',
      engine: selected.engine.name,
      capabilities: selected.capabilities,
      env: process.env,
    });
    stopwatch.lap('resolve');
    // podman 4 mounts the whole context into RUN --mount=type=bind steps whatever the ignore file says
    // (.git, .env included): hand it a copy that holds only what the ignore file lets in.
    const ignoreFile = ignoreFileFor(request.file);
    const filtered = selected.engine.name === 'podman' && ignoreFile && !options.dryRun ? filteredContext(request.context, ignoreFile) : undefined;
    try {
      return await build(selected, filtered ? { ...request, context: filtered } : request, options.dryRun ?? false, request.context, stopwatch);
    } finally {
      if (filtered) rmSync(filtered, { recursive: true, force: true });
    }
  } catch (error) {
    log.error(`go-docker:build: ${(error as Error).message}`);
    return { success: false };
  }
}

/** Plans, runs and records one build; `context` is the context as the user named it (for the metadata). */
async function build(selected: SelectedEngine, request: BuildRequest, dryRun: boolean, context: string, time: Stopwatch): Promise<{ success: boolean }> {
  const steps = selected.engine.plan(request, selected.capabilities);
  log.info(`go-docker:build: ${selected.engine.name} (${selected.reason}); ${request.platforms.join(', ')} → ${request.tags.join(', ')}`);
  if (dryRun) {
    steps.forEach((s) => log.info(displayArgv(redactForDisplay(s.argv))));
    return { success: true };
  }
  rmSync(request.engineReportFile, { force: true });
  mkdirSync(dirname(request.engineReportFile), { recursive: true });
  time.lap('plan');
  log.info(`go-docker:build: ${selected.engine.name} starts after ${time.summary('nx')}`);
  const code = await runSteps(steps, { cwd: request.workspaceRoot, quiet: request.quiet, log: (line) => log.info(line) });
  if (code !== 0) {
    log.error(`go-docker:build: ${selected.engine.name} exited with code ${code}`);
    return { success: false };
  }
  const metadata = writeMetadata({ ...request, context }, selected.engine.name);
  log.info(`go-docker:build: ${metadata.digest ?? 'image'} built; metadata in ${request.metadataFile}`);
  return { success: true };
}
