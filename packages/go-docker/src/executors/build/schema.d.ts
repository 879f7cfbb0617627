export type EngineName = 'auto' | 'buildx' | 'podman' | 'docker';

export interface BuildExecutorSchema {
  /** Build context directory, workspace-relative. */
  context: string;
  /** Dockerfile, workspace-relative. */
  file: string;
  /** Target platforms, e.g. linux/amd64,linux/arm64. */
  platforms?: string[] | string;
  /** Image references; placeholders {projectName} {gitSha} {gitShortSha} {branch} {version} are resolved when the task runs. */
  tags?: string[] | string;
  push?: boolean;
  load?: boolean;
  /** Raw buildx --output values (type=oci,dest=…, type=local,dest=…). */
  outputs?: string[];
  cacheFrom?: string[];
  cacheTo?: string[];
  buildArgs?: Record<string, string>;
  /** id=NAME,env=VAR or id=NAME,src=PATH. Values never appear in logs. */
  secrets?: string[];
  ssh?: string[];
  target?: string;
  labels?: Record<string, string>;
  provenance?: boolean | string;
  sbom?: boolean | string;
  /** Set file times in new layers to SOURCE_DATE_EPOCH (default true where the engine can). */
  rewriteTimestamps?: boolean;
  builder?: string;
  network?: string;
  engine?: EngineName;
  /** Path of the docker CLI to run (e.g. /usr/bin/docker). */
  dockerPath?: string;
  metadataFile?: string;
  noCache?: boolean;
  pull?: boolean;
  dryRun?: boolean;
  quiet?: boolean;
}
