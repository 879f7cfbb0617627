/** Lints files on disk: discovery, configuration, ignore files, optional fixing. Shared by the CLI and the executor. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { EffectiveConfig, LintConfig, loadConfig, meetsThreshold, mergeConfigs, toEffectiveConfig } from './config';
import { discoverDockerfiles } from './discover';
import { findIgnoreFile } from './dockerignore';
import { Finding, lintText, UnparseableDockerfileError } from './engine';
import { fixText } from './fixer';

export interface LintRunOptions {
  /** Files and directories to lint. */
  paths: string[];
  /** Directory paths are resolved against and shown relative to. */
  cwd: string;
  /** Build context for GD010 (default: each Dockerfile's directory). */
  context?: string;
  /** Explicit config file; otherwise `go-docker.lint.json` is searched upward from `cwd`. */
  configPath?: string;
  /** Settings from command-line flags (override the config file). */
  overrides?: LintConfig;
  fix?: boolean;
}

export interface FileProblem {
  file: string;
  message: string;
}

export interface LintRunResult {
  findings: Finding[];
  /** Files that are not Dockerfiles or cannot be parsed. */
  problems: FileProblem[];
  files: string[];
  fixesApplied: number;
  config: EffectiveConfig;
}

export function lintFiles(options: LintRunOptions): LintRunResult {
  const { config } = loadConfig(options.cwd, options.configPath);
  const effective = toEffectiveConfig(mergeConfigs(config, options.overrides ?? {}));
  const files = discoverDockerfiles(options.paths.map((p) => resolve(options.cwd, p)));
  const findings: Finding[] = [];
  const problems: FileProblem[] = [];
  let fixesApplied = 0;
  for (const path of files) {
    const shown = displayPath(options.cwd, path);
    const context = options.context ? resolve(options.cwd, options.context) : dirname(path);
    const ignoreFile = findIgnoreFile(path, context);
    const lint = (text: string) =>
      lintText(text, { file: shown, config: effective, ignoreFile: ignoreFile && { ...ignoreFile, path: displayPath(options.cwd, ignoreFile.path) } });
    try {
      const text = readFileSync(path, 'utf8');
      if (options.fix) {
        const result = fixText(text, lint);
        if (result.output !== text) writeFileSync(path, result.output);
        fixesApplied += result.applied;
        findings.push(...result.findings);
      } else {
        findings.push(...lint(text));
      }
    } catch (error) {
      if (error instanceof UnparseableDockerfileError) problems.push({ file: shown, message: error.message });
      else if ((error as NodeJS.ErrnoException).code) problems.push({ file: shown, message: `${shown}: cannot read (${(error as NodeJS.ErrnoException).code})` });
      else problems.push({ file: shown, message: `${shown}: internal error while linting: ${(error as Error).message}` });
    }
  }
  return { findings, problems, files: files.map((f) => displayPath(options.cwd, f)), fixesApplied, config: effective };
}

/** Relative to the cwd when inside it (clickable, stable in CI), absolute otherwise. */
function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

/** 0: nothing at or above the threshold; 1: findings; 2: a file could not be linted. */
export function exitCodeOf(result: LintRunResult): number {
  if (result.problems.length > 0) return 2;
  return result.findings.some((f) => meetsThreshold(f.severity, result.config.threshold)) ? 1 : 0;
}
