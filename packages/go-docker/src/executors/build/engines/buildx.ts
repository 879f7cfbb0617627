import { type BuildRequest, type Step, UnsupportedBuildError } from '../request';
import { commonBuildFlags, type BuildEngine, sourceDateEpochArg } from './engine';

/** docker buildx build: the main path. Multi-platform, cache export, attestations, any output. */
export const buildxEngine: BuildEngine = {
  name: 'buildx',
  plan(request: BuildRequest, capabilities): Step[] {
    if (request.load && request.platforms.length > 1 && !capabilities.loadsMultiPlatform) {
      throw new UnsupportedBuildError(
        'buildx',
        `--load cannot hold ${request.platforms.length} platforms in the classic docker image store`,
        'Push instead (push: true), write an OCI archive (outputs: ["type=oci,dest=image.tar"]), or load one platform (platforms: ["' + request.hostPlatform + '"]).',
      );
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
    // rewrite-timestamp sets the file times in new layers (the binary's mtime is when go build ran) to
    // SOURCE_DATE_EPOCH: the same sources give the same layer, hence the same digest.
    const exporter = request.rewriteTimestamps ? ',rewrite-timestamp=true' : '';
    if (request.push) argv.push(exporter ? `--output=type=image,push=true${exporter}` : '--push');
    if (request.load) argv.push(exporter ? `--output=type=docker${exporter}` : '--load');
    request.outputs.forEach((o) => argv.push('--output', o));
    request.cacheFrom.forEach((c) => argv.push('--cache-from', c));
    request.cacheTo.forEach((c) => argv.push('--cache-to', c));
    argv.push(...commonBuildFlags(request), ...sourceDateEpochArg(request));
    request.ssh.forEach((s) => argv.push('--ssh', s));
    // BuildKit's provenance is never the same twice (start/finish times, a random invocation id, and in
    // mode=max per-session digests of the local context), so attached to the image it gives every build a
    // new index digest. By default it is recorded in the task's outputs instead (provenance.json, written
    // from buildx's metadata file); `provenance: true` or `mode=…` attaches it as before.
    argv.push(`--provenance=${request.provenance ?? false}`);
    if (request.sbom !== undefined) argv.push(`--sbom=${request.sbom}`);
    argv.push('--metadata-file', request.engineReportFile);
    argv.push(request.quiet ? '--quiet' : '--progress=plain');
    argv.push(request.context);
    return [{ argv, env: request.provenance === undefined ? { BUILDX_METADATA_PROVENANCE: 'max' } : {} }];
  },
};
