import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { selectEngine } from './engines/select';
import { writeMetadata } from './metadata';
import { resolveBuildRequest } from './resolve';
import { displayArgv, redactForDisplay, runSteps } from './run-steps';
import type { BuildExecutorSchema } from './schema';

/** go-docker:build — builds (and pushes or loads) an image with buildx, podman or docker. */
export default async function buildExecutor(options: BuildExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName as string;
  try {
    const docker = options.dockerPath ?? 'docker';
    const selected = selectEngine(options.engine ?? 'auto', docker, options.builder);
    const request = resolveBuildRequest(options, {
      workspaceRoot: context.root,
      projectName,
      projectRoot: context.projectsConfigurations?.projects[projectName]?.root ?? '.',
      engine: selected.engine.name,
      capabilities: selected.capabilities,
      env: process.env,
    });
    const steps = selected.engine.plan(request, selected.capabilities);
    logger.info(`go-docker:build: ${selected.engine.name} (${selected.reason}); ${request.platforms.join(', ')} → ${request.tags.join(', ')}`);
    if (options.dryRun) {
      steps.forEach((s) => logger.info(displayArgv(redactForDisplay(s.argv))));
      return { success: true };
    }
    rmSync(request.engineReportFile, { force: true });
    mkdirSync(dirname(request.engineReportFile), { recursive: true });
    const code = await runSteps(steps, { cwd: context.root, quiet: request.quiet, log: (line) => logger.info(line) });
    if (code !== 0) {
      logger.error(`go-docker:build: ${selected.engine.name} exited with code ${code}`);
      return { success: false };
    }
    const metadata = writeMetadata(request, selected.engine.name);
    logger.info(`go-docker:build: ${metadata.digest ?? 'image'} built; metadata in ${request.metadataFile}`);
    return { success: true };
  } catch (error) {
    logger.error(`go-docker:build: ${(error as Error).message}`);
    return { success: false };
  }
}
