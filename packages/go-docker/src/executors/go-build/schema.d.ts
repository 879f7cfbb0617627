export interface GoBuildExecutorSchema {
  /** Directory of the main package, workspace-relative. */
  main: string;
  /** Binary name; default the directory name. */
  name?: string;
  /** Platforms to compile for. */
  platforms?: string[] | string;
  /** Output directory; binaries go to <outputPath>/<os>_<arch>/<name>. */
  outputPath?: string;
  /** Keep debug symbols (no -s -w). */
  debugSymbols?: boolean;
}
