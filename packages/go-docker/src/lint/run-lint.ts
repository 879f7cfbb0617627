/** Lints files on disk: discovery, configuration, ignore files, optional fixing. Shared by the CLI and the executor. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EffectiveConfig, LintConfig, loadConfig, meetsThreshold, mergeConfigs, toEffectiveConfig } from './config';
import { discoverDockerfiles } from './discover';
import { findIgnoreFile } from './dockerignore';
import { Finding, lintText, UnparseableDockerfileError } from './engine';
import { IgnoreFile } from './rule';
import { fixText } from './fixer';
import { describeFsError } from './fs-errors';

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
  const discovery = discoverDockerfiles(options.paths.map((p) => resolve(options.cwd, p)));
  const files = discovery.files;
  const findings: Finding[] = [];
  const problems: FileProblem[] = discovery.problems.map((p) => {
    const shown = displayPath(options.cwd, p.path);
    return { file: shown, message: `${shown}: ${p.message}` };
  });
  let fixesApplied = 0;
  for (const path of files) {
    const shown = displayPath(options.cwd, path);
    const problem = (message: string) => problems.push({ file: shown, message: `${shown}: ${message}` });
    const text = readDockerfile(path, problem);
    if (text === undefined) continue;
    const context = options.context ? resolve(options.cwd, options.context) : dirname(path);
    let ignoreFile: IgnoreFile | null;
    try {
      ignoreFile = findIgnoreFile(path, context);
    } catch (error) {
      problem(`cannot read the build context's ignore file (${describeFsError(error)})`);
      continue;
    }
    const contextHas = (p: string) => existsSync(join(context, p));
    const lint = (t: string) =>
      lintText(t, { file: shown, config: effective, ignoreFile: ignoreFile && { ...ignoreFile, path: displayPath(options.cwd, ignoreFile.path) }, contextHas });
    try {
      if (options.fix) {
        const result = fixText(text, lint);
        if (result.output !== text) {
          try {
            writeFileSync(path, result.output);
            fixesApplied += result.applied;
          } catch (error) {
            problem(`cannot write the fixed file (${describeFsError(error)}); it was left unchanged`);
            findings.push(...lint(text));
            continue;
          }
        }
        findings.push(...result.findings);
      } else {
        findings.push(...lint(text));
      }
    } catch (error) {
      if (error instanceof UnparseableDockerfileError) problems.push({ file: shown, message: error.message });
      else problem(`could not be linted: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  return { findings, problems, files: files.map((f) => displayPath(options.cwd, f)), fixesApplied, config: effective };
}

/** The file's text, or undefined after reporting why it cannot be read (never blocks on a FIFO or device). */
function readDockerfile(path: string, problem: (message: string) => void): string | undefined {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      problem('is a directory (EISDIR)');
      return undefined;
    }
    if (!stat.isFile()) {
      problem('not a regular file (a pipe, socket or device)');
      return undefined;
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    problem(`cannot read (${describeFsError(error)})`);
    return undefined;
  }
}

/** Relative to the cwd when inside it (clickable, stable in CI), absolute otherwise. */
function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

/** 0: nothing at or above the threshold; 1: findings; 2: a path could not be read or is not a Dockerfile (the others are still linted). */
export function exitCodeOf(result: LintRunResult): number {
  if (result.problems.length > 0) return 2;
  return result.findings.some((f) => meetsThreshold(f.severity, result.config.threshold)) ? 1 : 0;
}
