import { existsSync, readFileSync } from 'node:fs';
import { type BuildRequest, isLoopbackRegistry, type Step, UnsupportedBuildError } from '../request';
import { commonBuildFlags, type BuildEngine } from './engine';

/**
 * podman build. Its traps (measured in the container lab) are handled here:
 * - the layer cache ignores the content of RUN --mount=type=bind sources, so an edited main.go can ship
 *   the old binary: with bind mounts we build with --layers=false (cache mounts still apply);
 * - $BUILDPLATFORM is not set in FROM --platform=$BUILDPLATFORM: we pass the host platform;
 * - --manifest appends to an existing list: we remove it first.
 */
export const podmanEngine: BuildEngine = {
  name: 'podman',
  plan(request: BuildRequest): Step[] {
    refuseUnsupported(request);
    const flags = [...commonBuildFlags(request), '--platform', request.platforms.join(',')];
    if (usesBindMounts(request.file)) flags.push('--layers=false');
    // podman 4 has no SOURCE_DATE_EPOCH: --timestamp sets the created time and every file time in the layers.
    if (request.sourceDateEpoch !== undefined && request.rewriteTimestamps) flags.push('--timestamp', String(request.sourceDateEpoch));
    if (!('BUILDPLATFORM' in request.buildArgs)) flags.push('--build-arg', `BUILDPLATFORM=${request.hostPlatform}`);
    const ignoreFile = `${request.file}.dockerignore`;
    if (existsSync(ignoreFile)) flags.push('--ignorefile', ignoreFile);
    request.cacheFrom.forEach((c) => flags.push('--cache-from', c));
    request.cacheTo.forEach((c) => flags.push('--cache-to', c));
    if (request.quiet) flags.push('--quiet');

    if (request.platforms.length === 1 && !request.push) {
      return [{ argv: ['podman', 'build', ...flags, ...request.tags.flatMap((t) => ['--tag', t]), '--iidfile', request.engineReportFile, request.context] }];
    }
    const [name, ...moreTags] = request.tags;
    const steps: Step[] = [{ argv: ['podman', 'manifest', 'rm', name], mayFail: true }];
    steps.push({ argv: ['podman', 'build', ...flags, '--manifest', name, request.context] });
    // Every tag names the same manifest list; push sends the list with all its images.
    for (const tag of moreTags) steps.push({ argv: ['podman', 'tag', name, tag] });
    if (request.push) {
      for (const tag of request.tags) {
        const tls = isLoopbackRegistry(tag) ? ['--tls-verify=false'] : [];
        steps.push({ argv: ['podman', 'manifest', 'push', '--all', ...tls, '--digestfile', request.engineReportFile, name, `docker://${tag}`] });
      }
    }
    return steps;
  },
};

function refuseUnsupported(request: BuildRequest): void {
  const advice = 'Use engine "buildx" for it, or remove the option.';
  if (request.outputs.length > 0) throw new UnsupportedBuildError('podman', 'outputs are not supported with a manifest list build', advice);
  if (request.sbom !== undefined || request.provenance !== undefined) throw new UnsupportedBuildError('podman', 'SBOM and provenance attestations are buildx features', advice);
  if (request.ssh.length > 0) throw new UnsupportedBuildError('podman', 'ssh forwarding is not wired for podman here', advice);
  const typed = [...request.cacheFrom, ...request.cacheTo].find((c) => c.includes('='));
  if (typed) {
    throw new UnsupportedBuildError('podman', `cache "${typed}" is a buildx cache spec; podman caches to an image repository`, 'Give a repository such as registry.example.com/team/app-cache, or use engine "buildx".');
  }
}

/** Does the Dockerfile bind-mount anything (the sources, in go-docker's templates)? */
function usesBindMounts(file: string): boolean {
  return /--mount=[^\s]*type=bind/.test(readFileSync(file, 'utf8'));
}
