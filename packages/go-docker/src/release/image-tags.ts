/** What nx release publishes a Go project's image as (the nx-release-publish target's options). */
export interface ReleaseImageOptions {
  /** Registry and namespace prefixed to bare tags, e.g. ghcr.io/acme. Default: $GO_DOCKER_REGISTRY. */
  registry?: string;
  /** Image references; `{version}` is the release version, `{projectName}` the project. Default: {projectName}:{version}. */
  tags?: string[] | string;
}

export const DEFAULT_RELEASE_TAGS = ['{projectName}:{version}'];

/** The references a release pushes: placeholders filled, bare ones (no registry host) under the registry. */
export function releaseImageTags(options: ReleaseImageOptions, projectName: string, version: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const registry = (options.registry ?? env.GO_DOCKER_REGISTRY)?.replace(/\/+$/, '').toLowerCase();
  const tags = typeof options.tags === 'string' ? options.tags.split(',').map((t) => t.trim()).filter(Boolean) : (options.tags ?? DEFAULT_RELEASE_TAGS);
  return tags.map((tag) => {
    const filled = tag.replace(/\{projectName\}/g, projectName).replace(/\{version\}/g, version.replace(/[^A-Za-z0-9_.-]/g, '-'));
    return registry && !hasRegistryHost(filled) ? `${registry}/${filled}` : filled;
  });
}

/** `host.tld/…`, `host:5000/…` or `localhost/…` name a registry; `team/app` and `app` do not. */
function hasRegistryHost(reference: string): boolean {
  const first = reference.split('/')[0];
  return reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}
