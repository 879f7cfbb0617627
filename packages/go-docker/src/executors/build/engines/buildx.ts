import { type BuildRequest, type Step, UnsupportedBuildError } from '../request';
import { commonBuildFlags, type BuildEngine } from './engine';
import { loadManyPlatformsError } from '../option-checks';

/** docker buildx build: the main path. Multi-platform, cache export, attestations, any output. */
export const buildxEngine: BuildEngine = {
  name: 'buildx',
  plan(request: BuildRequest, capabilities): Step[] {
    if (request.load && request.platforms.length > 1 && !capabilities.loadsMultiPlatform) {
      throw loadManyPlatformsError(request);
    }
    if (request.cacheTo.length > 0 && !capabilities.exportsCache) {
      throw new UnsupportedBuildError(
        'buildx',
        'the builder uses the "docker" driver, which cannot export a build cache (--cache-to)',
        'Create a builder that can: docker buildx create --use --driver docker-container (or a remote buildkitd), or drop cacheTo.',
      );
    }
    const argv = [request.docker, 'buildx', 'build'];
    if (request.builder) argv.push('--builder', request.builder);
    argv.push('--platform', request.platforms.join(','));
    request.tags.forEach((t) => argv.push('--tag', t));
    if (request.push) argv.push('--push');
    if (request.load) argv.push('--load');
    request.outputs.forEach((o) => argv.push('--output', o));
    request.cacheFrom.forEach((c) => argv.push('--cache-from', c));
    request.cacheTo.forEach((c) => argv.push('--cache-to', c));
    argv.push(...commonBuildFlags(request));
    request.ssh.forEach((s) => argv.push('--ssh', s));
    if (request.provenance !== undefined) argv.push(`--provenance=${request.provenance}`);
    if (request.sbom !== undefined) argv.push(`--sbom=${request.sbom}`);
    argv.push('--metadata-file', request.engineReportFile);
    argv.push(request.quiet ? '--quiet' : '--progress=plain');
    argv.push(request.context);
    return [{ argv }];
  },
};
