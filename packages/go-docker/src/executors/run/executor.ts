import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { log } from '../log';
import { readMetadata } from '../build/metadata';
import type { BuildMetadata } from '../build/request';
import { displayArgv } from '../build/run-steps';
import { listOption } from '../../utils/list-option';
import { containerName, exposedPorts, planRun, type RunPlan } from './plan';
import type { RunExecutorSchema } from './schema';

/** go-docker:run — runs the image docker-build produced, in the foreground, and removes it when it stops. */
export default async function runExecutor(options: RunExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName as string;
  try {
    const plan = planRun(resolveInputs(options, context.root, projectName));
    log.info(`go-docker:run: ${plan.image} as container ${plan.name} (${plan.engine}); Ctrl-C stops and removes it`);
    if (options.dryRun) {
      log.info(displayArgv(plan.argv));
      return { success: true };
    }
    return await runContainer(plan, context.root);
  } catch (error) {
    log.error(`go-docker:run: ${(error as Error).message}`);
    return { success: false };
  }
}

function resolveInputs(options: RunExecutorSchema, root: string, projectName: string) {
  const absolute = (path: string) => (isAbsolute(path) ? path : join(root, path));
  let metadata: BuildMetadata | undefined;
  if (!options.image) {
    if (!options.metadataFile && !options.file) throw new Error('set "file" (the Dockerfile), "metadataFile" or "image"');
    metadata = readMetadata(absolute(options.metadataFile ?? join('dist', 'docker', dirname(options.file as string), 'metadata.json')));
  }
  const dockerfile = options.file ?? metadata?.file;
  const exposed = dockerfile && existsSync(absolute(dockerfile)) ? exposedPorts(readFileSync(absolute(dockerfile), 'utf8')) : [];
  const envFiles = (listOption(options.envFile) ?? []).map((file) => {
    if (!existsSync(absolute(file))) throw new Error(`env file ${file} does not exist`);
    return absolute(file);
  });
  const ports = options.ports === undefined ? undefined : Array.isArray(options.ports) ? options.ports.map(String) : listOption(String(options.ports));
  return {
    image: options.image,
    metadata,
    exposed,
    ports,
    envFiles,
    env: options.env ?? {},
    readOnly: options.readOnly ?? true,
    network: options.network,
    name: options.name ?? containerName(projectName, process.pid),
    args: listOption(options.args) ?? [],
    engine: options.engine ?? 'auto',
    dockerPath: options.dockerPath ?? 'docker',
  } as const;
}

/**
 * Runs the container in its own process group and waits for it. Ctrl-C and SIGTERM stop the container by
 * name (the CLI alone may be killed before it tells the engine); --rm, and a final `rm -f` in case the
 * engine was mid-start, leave nothing behind.
 */
function runContainer(plan: RunPlan, cwd: string): Promise<{ success: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(plan.argv[0], plan.argv.slice(1), { cwd, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      log.info(`go-docker:run: stopping ${plan.name}`);
      spawnSync(plan.cli, ['stop', '--time', '5', plan.name], { stdio: 'ignore', timeout: 20_000 });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', stop);
      spawnSync(plan.cli, ['rm', '--force', plan.name], { stdio: 'ignore', timeout: 20_000 });
      if (!stopping && code !== 0) log.error(`go-docker:run: ${plan.name} exited with code ${code}`);
      resolve({ success: stopping || code === 0 });
    };
    child.on('error', (error) => {
      log.error(`go-docker:run: ${plan.cli}: ${error.message}`);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 130 : 1)));
  });
}
