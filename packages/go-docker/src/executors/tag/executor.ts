import { dirname, isAbsolute, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { log as logger } from '../log';
import { readMetadata } from '../build/metadata';
import { createPlaceholderResolver } from '../build/placeholders';
import { displayArgv, runSteps } from '../build/run-steps';
import { listOption } from '../../utils/list-option';
import { planTagSteps } from './plan';
import type { TagExecutorSchema } from './schema';

/** go-docker:tag — adds moving tags to the image docker-build recorded (cheap; also after a cache hit). */
export default async function tagExecutor(options: TagExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName as string;
  try {
    if (!options.metadataFile && !options.file) throw new Error('set "file" (the Dockerfile) or "metadataFile"');
    const metadataFile = options.metadataFile ?? join('dist', 'docker', dirname(options.file as string), 'metadata.json');
    const metadata = readMetadata(isAbsolute(metadataFile) ? metadataFile : join(context.root, metadataFile));
    const resolve = createPlaceholderResolver({ workspaceRoot: context.root, projectName, projectRoot: context.projectsConfigurations?.projects[projectName]?.root ?? '.' });
    const tags = (listOption(options.tags) ?? []).map(resolve);
    const steps = planTagSteps(metadata, tags, options.dockerPath ?? 'docker');
    if (options.dryRun) {
      steps.forEach((s) => logger.info(displayArgv(s.argv)));
      return { success: true };
    }
    const code = await runSteps(steps, { cwd: context.root, quiet: false, log: (line) => logger.info(line) });
    return { success: code === 0 };
  } catch (error) {
    logger.error(`go-docker:tag: ${(error as Error).message}`);
    return { success: false };
  }
}
