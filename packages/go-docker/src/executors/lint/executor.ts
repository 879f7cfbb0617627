/**
 * `go-docker:lint`: lints one project's Dockerfile against its real build context.
 * Only Nx types are imported, so running the executor loads the linter and nothing else.
 */
import type { ExecutorContext } from '@nx/devkit';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LintConfig, validateConfig } from '../../lint/config';
import { format } from '../../lint/formatters';
import { exitCodeOf, lintFiles } from '../../lint/run-lint';
import type { LintExecutorSchema } from './schema';

export default async function lintExecutor(options: LintExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const root = context.root;
  try {
    const overrides: LintConfig = validateConfig(
      { ignore: options.ignore, trustedRegistries: options.trustedRegistries, threshold: options.threshold },
      `executor options of ${context.projectName ?? 'the project'}`,
    );
    const result = lintFiles({
      paths: [options.dockerfile],
      cwd: root,
      context: options.context,
      configPath: options.config,
      overrides,
      fix: options.fix,
    });
    const report = format(options.format ?? 'stylish', { findings: result.findings, files: result.files, color: Boolean(process.stdout.isTTY) && !options.outputFile });
    if (options.outputFile) {
      const path = resolve(root, options.outputFile);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, report);
    } else if (report) {
      process.stdout.write(report);
    }
    for (const problem of result.problems) console.error(`go-docker: ${problem.message}`);
    if (result.fixesApplied > 0) console.error(`go-docker: applied ${result.fixesApplied} fixes`);
    return { success: exitCodeOf(result) === 0 };
  } catch (error) {
    console.error(`go-docker: ${(error as Error).message}`);
    return { success: false };
  }
}
