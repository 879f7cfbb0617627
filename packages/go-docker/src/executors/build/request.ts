/** A build fully resolved from executor options: absolute paths, placeholders filled, defaults applied. */
export interface BuildRequest {
  workspaceRoot: string;
  /** Absolute paths. */
  context: string;
  file: string;
  platforms: string[];
  tags: string[];
  push: boolean;
  load: boolean;
  outputs: string[];
  cacheFrom: string[];
  cacheTo: string[];
  buildArgs: Record<string, string>;
  secrets: string[];
  ssh: string[];
  target?: string;
  labels: Record<string, string>;
  provenance?: boolean | string;
  sbom?: boolean | string;
  builder?: string;
  network?: string;
  noCache: boolean;
  pull: boolean;
  quiet: boolean;
  /** Seconds since the epoch that every timestamp in the image is set to (SOURCE_DATE_EPOCH); none outside git without the variable. */
  sourceDateEpoch?: number;
  /** Rewrite file times in new layers to sourceDateEpoch (the engine can, and the user did not turn it off). */
  rewriteTimestamps: boolean;
  /** Absolute path of the metadata file the build leaves for Nx's cache and the tag step. */
  metadataFile: string;
  /** Where the engine writes what we read back for the metadata (buildx --metadata-file, --iidfile). */
  engineReportFile: string;
  /** Path of the docker CLI. */
  docker: string;
  /** Platform of this machine, e.g. linux/amd64. */
  hostPlatform: string;
}

/** One process to run. */
export interface Step {
  argv: string[];
  env?: Record<string, string>;
  /** A failure is expected and harmless (e.g. removing a manifest list that does not exist yet). */
  mayFail?: boolean;
}

/** What the build leaves in metadataFile. */
export interface BuildMetadata {
  engine: string;
  /** Digest of the pushed manifest (list) or of the loaded image's config, when the engine reports one. */
  digest?: string;
  tags: string[];
  platforms: string[];
  pushed: boolean;
  loaded: boolean;
  file: string;
  context: string;
  /** The image's timestamps (created, history, layer file times) when they come from SOURCE_DATE_EPOCH. */
  created?: string;
  /** The SLSA provenance recorded beside this file (per platform) when it is not attached to the image. */
  provenance?: string;
}

/** A combination an engine cannot do; the message says what to do instead. Raised before anything runs. */
export class UnsupportedBuildError extends Error {
  constructor(engine: string, problem: string, advice: string) {
    super(`${engine}: ${problem}. ${advice}`);
    this.name = 'UnsupportedBuildError';
  }
}

export function hostPlatform(): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  return `linux/${arch}`;
}

/** `registry:5000/team/app:tag` → `registry:5000/team/app` (a digest or tag removed). */
export function repositoryOf(reference: string): string {
  const withoutDigest = reference.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** Registries on this machine speak plain HTTP; engines need to be told so for manifest operations. */
export function isLoopbackRegistry(reference: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?\//.test(reference);
}
