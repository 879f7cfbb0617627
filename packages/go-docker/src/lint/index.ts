/** Public API of the linter (for the Nx graph/target wiring and for programmatic use). */
export { lintText, UnparseableDockerfileError } from './engine';
export type { Finding, LintOptions } from './engine';
export { lintFiles, exitCodeOf } from './run-lint';
export type { LintRunOptions, LintRunResult } from './run-lint';
export { lintInputFiles } from './inputs';
export type { LintInputsOptions } from './inputs';
export { fixText } from './fixer';
export { loadConfig, validateConfig, CONFIG_FILE_NAME, ConfigError } from './config';
export type { LintConfig } from './config';
export { RULES } from './rules';
export { format, FORMATS } from './formatters';
