export interface TagExecutorSchema {
  /** The Dockerfile the docker-build target built (locates its metadata file). */
  file?: string;
  /** The build's metadata file; default dist/docker/<Dockerfile dir>/metadata.json. */
  metadataFile?: string;
  /** Tags to add, with placeholders {projectName} {gitSha} {gitShortSha} {branch} {version}. */
  tags: string[] | string;
  /** Path of the docker CLI. */
  dockerPath?: string;
  dryRun?: boolean;
}
