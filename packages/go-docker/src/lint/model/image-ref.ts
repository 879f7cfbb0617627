/** Docker image references: `[registry/]path[:tag][@digest]`. */
export interface ImageReference {
  /** Registry host when written explicitly (`docker.io`, `gcr.io`, `localhost:5000`), else undefined. */
  registry?: string;
  /** Repository path without registry, e.g. `library/golang` is written `golang`. */
  path: string;
  tag?: string;
  digest?: string;
}

/** `compute` remembered per reference: several rules look at the same few images (bounded: cleared past 1000). */
function memoized<T>(compute: (reference: string) => T): (reference: string) => T {
  const cache = new Map<string, T>();
  return (reference) => {
    let value = cache.get(reference);
    if (value === undefined) {
      if (cache.size > 1000) cache.clear();
      cache.set(reference, (value = compute(reference)));
    }
    return value;
  };
}

/** Parses (memoized). */
export const parseImageReference: (reference: string) => ImageReference = memoized(parseUncached);

function parseUncached(reference: string): ImageReference {
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, path: rest, tag, digest };
}

/** `golang:1.26` → `docker.io/library/golang:1.26`; `user/app` → `docker.io/user/app`. */
export function qualifyImage(reference: string): string {
  const ref = parseImageReference(reference);
  if (ref.registry) return reference;
  return ref.path.includes('/') ? `docker.io/${reference}` : `docker.io/library/${reference}`;
}

/** Registry the reference resolves to (Docker Hub when none is written). */
export function effectiveRegistry(reference: string): string {
  const registry = parseImageReference(reference).registry ?? 'docker.io';
  return registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? 'docker.io' : registry;
}

/** Repository with the registry made explicit and Docker Hub's `library/` filled in, without tag or digest (memoized). */
export const canonicalRepository: (reference: string) => string = memoized(canonicalUncached);

function canonicalUncached(reference: string): string {
  const ref = parseImageReference(qualifyImage(reference));
  const registry = effectiveRegistry(reference);
  return `${registry}/${ref.path}`.toLowerCase();
}
