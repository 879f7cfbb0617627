import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseGoWork } from '../../go/gowork';
import type { ExecutorContext } from '@nx/devkit';
import { log as logger } from '../log';
import { runSteps } from '../build/run-steps';
import type { Step } from '../build/request';
import { listOption } from '../../utils/list-option';
import type { GoBuildExecutorSchema } from './schema';

/** The nearest directory at or above `dir` (up to the workspace root) that holds `file`. */
function findUp(dir: string, file: string, workspaceRoot: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, file))) return current;
    if (current === workspaceRoot || current === dirname(current)) return undefined;
  }
}

/**
 * Go uses the nearest go.work above the package; if that go.work does not `use` the package's module
 * (a module joined by `replace ../x`, outside the workspace), `go build` refuses to run: build it with
 * GOWORK=off, as its own Dockerfile does (its build context holds no go.work).
 */
export function goWorkOff(packageDir: string, workspaceRoot: string): boolean {
  const moduleRoot = findUp(packageDir, 'go.mod', workspaceRoot);
  const workDir = findUp(packageDir, 'go.work', workspaceRoot);
  if (!moduleRoot || !workDir) return false;
  const work = parseGoWork(readFileSync(join(workDir, 'go.work'), 'utf8'), join(workDir, 'go.work'));
  return !work.use.some((u) => join(workDir, u.path) === moduleRoot || relative(join(workDir, u.path), moduleRoot) === '');
}

/** The `go build` invocations for each platform; run in the package directory so Go finds go.mod / go.work itself. */
export function planGoBuilds(options: GoBuildExecutorSchema, workspaceRoot: string): Step[] {
  const platforms = listOption(options.platforms) ?? ['linux/amd64', 'linux/arm64'];
  const name = options.name ?? basename(options.main === '.' ? workspaceRoot : options.main);
  const outputPath = join(workspaceRoot, options.outputPath ?? join('dist', options.main));
  return platforms.map((platform) => {
    const [os, arch, variant] = platform.split('/');
    if (!os || !arch) throw new Error(`platform "${platform}" is not of the form os/arch`);
    const env: Record<string, string> = { CGO_ENABLED: '0', GOOS: os, GOARCH: arch, GOFLAGS: process.env.GOFLAGS ?? '' };
    if (goWorkOff(join(workspaceRoot, options.main), workspaceRoot)) env.GOWORK = 'off';
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
