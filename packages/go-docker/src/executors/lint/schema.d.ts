export interface LintExecutorSchema {
  /** Path of the Dockerfile, relative to the workspace root. */
  dockerfile: string;
  /** Build context directory, relative to the workspace root (default: the Dockerfile's directory). */
  context?: string;
  format?: 'stylish' | 'json' | 'sarif' | 'checkstyle';
  /** Write the report to this file (relative to the workspace root). */
  outputFile?: string;
  /** Rewrite what is mechanical in place. */
  fix?: boolean;
  /** Lowest severity that fails the target. */
  threshold?: 'error' | 'warning' | 'info' | 'none';
  /** Lint config file, relative to the workspace root. */
  config?: string;
  /** Rule ids or names to turn off. */
  ignore?: string[];
  /** Registries FROM images may come from (GD007). */
  trustedRegistries?: string[];
}
