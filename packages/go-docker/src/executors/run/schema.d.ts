export interface RunExecutorSchema {
  file?: string;
  metadataFile?: string;
  image?: string;
  ports?: Array<string | number> | string | number;
  envFile?: string[] | string;
  env?: Record<string, string>;
  readOnly?: boolean;
  network?: string;
  name?: string;
  args?: string[] | string;
  engine?: 'auto' | 'docker' | 'podman';
  dockerPath?: string;
  dryRun?: boolean;
}
