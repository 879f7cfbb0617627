import { type BuildRequest, UnsupportedBuildError } from './request';
import type { SelectedEngine } from './engines/select';

/**
 * `builder` names a buildx builder. When buildx is missing and auto picked another engine, building there
 * would drop it silently: refused, naming what is missing. An engine the user chose explicitly wins over a
 * builder set as a workspace default, and the warning says the builder is not used.
 */
export function checkBuilderOption(selected: SelectedEngine, builder: string | undefined, docker: string, warn: (message: string) => void): void {
  if (!builder || selected.engine.name === 'buildx') return;
  if (selected.reason === 'requested') {
    warn(`builder "${builder}" is not used: it is a docker buildx builder, and engine "${selected.engine.name}" was requested`);
    return;
  }
  throw new UnsupportedBuildError(
    selected.engine.name,
    `builder "${builder}" is a docker buildx builder, but the docker buildx plugin is missing (\`${docker} buildx version\` fails)`,
    `Install the buildx plugin (https://github.com/docker/buildx#installing), or remove "builder" to build with ${selected.engine.name}.`,
  );
}

/**
 * Several platforms cannot be loaded into the classic image store. With push, the several platforms are
 * usually the push default (amd64 and arm64), not something the user asked for: say so.
 */
export function loadManyPlatformsError(request: BuildRequest): UnsupportedBuildError {
  const platforms = request.platforms.join(',');
  if (request.push) {
    return new UnsupportedBuildError(
      'buildx',
      `--load cannot hold the ${request.platforms.length} platforms being built (${platforms}; pushing builds both linux/amd64 and linux/arm64 unless platforms says otherwise) in the classic docker image store`,
      `To push and load, build one platform (--platforms=${request.hostPlatform}); to push several, drop --load.`,
    );
  }
  return new UnsupportedBuildError(
    'buildx',
    `--load cannot hold ${request.platforms.length} platforms (${platforms}) in the classic docker image store`,
    `Push instead (--push), write an OCI archive (outputs: ["type=oci,dest=image.tar"]), or load one platform (--platforms=${request.hostPlatform}).`,
  );
}
