/** The workspace-wide Dockerfile lint configuration: an input of every docker-lint target. */
export const LINT_CONFIG_FILE = 'go-docker.lint.json';
