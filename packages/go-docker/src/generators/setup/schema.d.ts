export type SetupStrategy = 'in-docker' | 'prebuilt';

export interface SetupGeneratorSchema {
  /** Nx project names (comma-separated or a list); default every project containing a Go application. */
  projects?: string | string[];
  strategy?: SetupStrategy;
  /** Final-stage base for static binaries, or 'scratch'. */
  runtime?: string;
  /** Final-stage base for cgo binaries (needs glibc). */
  cgoRuntime?: string;
  /** Go build image; default derived from the go.work / go.mod version. */
  goImage?: string;
  port?: number;
  debugSymbols?: boolean;
  force?: boolean;
}
