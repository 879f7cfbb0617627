import { type BuildRequest, isLoopbackRegistry, type Step, UnsupportedBuildError } from '../request';
import { commonBuildFlags, type BuildEngine, sourceDateEpochArg } from './engine';

/**
 * `docker build` with the engine's built-in BuildKit, no buildx (e.g. Docker 20.10's own CLI). It builds
 * one platform per invocation, so several platforms are built and pushed one by one and joined with
 * `docker manifest`. It cannot export a cache or write other outputs.
 */
export const dockerEngine: BuildEngine = {
  name: 'docker',
  plan(request: BuildRequest): Step[] {
    refuseUnsupported(request);
    const env = { DOCKER_BUILDKIT: '1' };
    const build = (platform: string, tags: string[]): Step => ({
      argv: [request.docker, 'build', ...commonBuildFlags(request), ...sourceDateEpochArg(request), '--platform', platform, ...tags.flatMap((t) => ['--tag', t]), ...request.cacheFrom.flatMap((c) => ['--cache-from', c]), ...(request.quiet ? ['--quiet'] : ['--progress=plain']), '--iidfile', request.engineReportFile, request.context],
      env,
    });
    if (request.platforms.length === 1) {
      const steps = [build(request.platforms[0], request.tags)];
      if (request.push) request.tags.forEach((t) => steps.push({ argv: [request.docker, 'push', t] }));
      return steps;
    }
    // One image per platform, pushed under a platform-suffixed tag, then one manifest list per tag.
    const steps: Step[] = [];
    const perPlatform = request.platforms.map((platform) => `${request.tags[0]}-${platform.replace(/\//g, '-')}`);
    request.platforms.forEach((platform, i) => {
      steps.push(build(platform, [perPlatform[i]]));
      steps.push({ argv: [request.docker, 'push', perPlatform[i]] });
    });
    for (const tag of request.tags) {
      const insecure = isLoopbackRegistry(tag) ? ['--insecure'] : [];
      steps.push({ argv: [request.docker, 'manifest', 'rm', tag], mayFail: true });
      steps.push({ argv: [request.docker, 'manifest', 'create', ...insecure, tag, ...perPlatform] });
      steps.push({ argv: [request.docker, 'manifest', 'push', ...insecure, '--purge', tag] });
    }
    return steps;
  },
};

function refuseUnsupported(request: BuildRequest): void {
  const useBuildx = 'Use engine "buildx" (install the docker buildx plugin) for it.';
  if (request.cacheTo.length > 0) throw new UnsupportedBuildError('docker', 'cacheTo needs buildx: docker build cannot export a cache', `${useBuildx} Or drop cacheTo and use cacheFrom with an image built with BUILDKIT_INLINE_CACHE=1.`);
  if (request.outputs.length > 0) throw new UnsupportedBuildError('docker', 'outputs need buildx', useBuildx);
  if (request.sbom !== undefined || request.provenance !== undefined) throw new UnsupportedBuildError('docker', 'SBOM and provenance attestations need buildx', useBuildx);
  if (request.platforms.length > 1 && !request.push) {
    throw new UnsupportedBuildError('docker', `${request.platforms.length} platforms without push: without buildx each platform is built separately and joined in a registry`, `Set push: true, build one platform (platforms: ["${request.hostPlatform}"]), or ${useBuildx.toLowerCase()}`);
  }
}
