/** The workspace-wide Dockerfile lint configuration file (the linter defines it; the graph makes it an input). */
export { CONFIG_FILE_NAME as LINT_CONFIG_FILE } from '../lint/config';
