import { isLoopbackRegistry, repositoryOf, type BuildMetadata, type Step } from '../build/request';

/** "{gitShortSha}" → "<repo of the built image>:<sha>"; a full reference stays as it is. */
export function qualifyTag(tag: string, metadata: BuildMetadata): string {
  return /[/:@]/.test(tag) ? tag : `${repositoryOf(metadata.tags[0])}:${tag}`;
}

/**
 * Commands that give the recorded image more names without rebuilding it. Pushed images are tagged in
 * the registry by digest (every platform, attestations included); loaded images in the local store.
 */
export function planTagSteps(metadata: BuildMetadata, tags: string[], docker: string): Step[] {
  const source = metadata.tags[0];
  if (!source) throw new Error('the build metadata names no image');
  const targets = tags.map((t) => qualifyTag(t, metadata)).filter((t) => !metadata.tags.includes(t));
  if (metadata.pushed) {
    const byDigest = metadata.digest ? `${repositoryOf(source)}@${metadata.digest}` : source;
    return targets.map((target) => {
      if (metadata.engine === 'buildx' && !isLoopbackRegistry(target)) {
        return { argv: [docker, 'buildx', 'imagetools', 'create', '--tag', target, byDigest] };
      }
      // skopeo copies a manifest list by digest (blobs already there are not re-sent) and speaks plain HTTP to a registry on this machine.
      const tls = isLoopbackRegistry(byDigest) || isLoopbackRegistry(target) ? ['--src-tls-verify=false', '--dest-tls-verify=false'] : [];
      return { argv: ['skopeo', 'copy', '--all', ...tls, `docker://${byDigest}`, `docker://${target}`] };
    });
  }
  if (metadata.loaded || metadata.engine === 'podman') {
    const cli = metadata.engine === 'podman' ? 'podman' : docker;
    return targets.map((target) => ({ argv: [cli, 'tag', source, target] }));
  }
  throw new Error('the recorded image was neither pushed nor loaded (it went to an output): there is nothing to tag');
}
