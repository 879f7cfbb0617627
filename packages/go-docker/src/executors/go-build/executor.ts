import { basename, join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { runSteps } from '../build/run-steps';
import type { Step } from '../build/request';
import type { GoBuildExecutorSchema } from './schema';

/** The `go build` invocations for each platform; run in the package directory so Go finds go.mod / go.work itself. */
export function planGoBuilds(options: GoBuildExecutorSchema, workspaceRoot: string): Step[] {
  const platforms = options.platforms === undefined ? ['linux/amd64', 'linux/arm64'] : Array.isArray(options.platforms) ? options.platforms : options.platforms.split(',');
  const name = options.name ?? basename(options.main === '.' ? workspaceRoot : options.main);
  const outputPath = join(workspaceRoot, options.outputPath ?? join('dist', options.main));
  return platforms.map((platform) => {
    const [os, arch, variant] = platform.trim().split('/');
    if (!os || !arch) throw new Error(`platform "${platform}" is not of the form os/arch`);
    const env: Record<string, string> = { CGO_ENABLED: '0', GOOS: os, GOARCH: arch, GOFLAGS: process.env.GOFLAGS ?? '' };
    if (arch === 'arm' && variant) env.GOARM = variant.replace(/^v/, '');
    const ldflags = options.debugSymbols ? [] : ['-ldflags=-s -w'];
    return { argv: ['go', 'build', '-trimpath', ...ldflags, '-o', join(outputPath, `${os}_${arch}`, name), '.'], env };
  });
}

/** go-docker:go-build — host compile for the prebuilt strategy. */
export default async function goBuildExecutor(options: GoBuildExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  try {
    const steps = planGoBuilds(options, context.root);
    const code = await runSteps(steps, { cwd: join(context.root, options.main), quiet: false, log: (line) => logger.info(line) });
    return { success: code === 0 };
  } catch (error) {
    logger.error(`go-docker:go-build: ${(error as Error).message}`);
    return { success: false };
  }
}
