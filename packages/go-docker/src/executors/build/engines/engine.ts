import type { BuildRequest, Step } from '../request';

/** What the engine found on this machine can do; decides which combinations are refused. */
export interface EngineCapabilities {
  /** The builder can export a cache (buildx drivers other than "docker"). */
  exportsCache: boolean;
  /** --load of several platforms works (containerd image store). */
  loadsMultiPlatform: boolean;
  /** The image exporter can set every file time in new layers to SOURCE_DATE_EPOCH (BuildKit ≥ 0.13's rewrite-timestamp, podman's --timestamp). */
  rewritesTimestamps: boolean;
}

export interface BuildEngine {
  name: 'buildx' | 'podman' | 'docker';
  /** The processes to run, in order; throws UnsupportedBuildError before anything runs. */
  plan(request: BuildRequest, capabilities: EngineCapabilities): Step[];
}

/** Flags with the same spelling in buildx, podman and docker build. */
export function commonBuildFlags(request: BuildRequest): string[] {
  const flags = ['--file', request.file];
  for (const [key, value] of Object.entries(request.buildArgs)) flags.push('--build-arg', `${key}=${value}`);
  request.secrets.forEach((s) => flags.push('--secret', s));
  if (request.target) flags.push('--target', request.target);
  for (const [key, value] of Object.entries(request.labels)) flags.push('--label', `${key}=${value}`);
  if (request.network) flags.push('--network', request.network);
  if (request.noCache) flags.push('--no-cache');
  if (request.pull) flags.push('--pull');
  return flags;
}

/** BuildKit (≥ 0.11) takes the image's created and history times from this build arg; an explicit one wins. */
export function sourceDateEpochArg(request: BuildRequest): string[] {
  if (request.sourceDateEpoch === undefined || 'SOURCE_DATE_EPOCH' in request.buildArgs) return [];
  return ['--build-arg', `SOURCE_DATE_EPOCH=${request.sourceDateEpoch}`];
}
