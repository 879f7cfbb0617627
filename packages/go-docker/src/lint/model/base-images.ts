/** What we know about well-known runtime base images. */
import { canonicalRepository } from './image-ref';

/** Static bases: no libc, so only statically linked (CGO_ENABLED=0) binaries run on them. */
const STATIC_BASES = ['gcr.io/distroless/static', 'cgr.dev/chainguard/static', 'mcr.microsoft.com/cbl-mariner/distroless/minimal', 'mcr.microsoft.com/azurelinux/distroless/minimal'];

/** Minimal bases: no shell or package manager, small attack surface. */
const MINIMAL_BASES = [
  'gcr.io/distroless/',
  'cgr.dev/chainguard/static',
  'cgr.dev/chainguard/glibc-dynamic',
  'mcr.microsoft.com/cbl-mariner/distroless/',
  'mcr.microsoft.com/azurelinux/distroless/',
  'registry.access.redhat.com/ubi8/ubi-micro',
  'registry.access.redhat.com/ubi9/ubi-micro',
];

export function isScratch(image: string | undefined): boolean {
  // What lower-cases to ASCII does so one UTF-16 unit to one: only 7 units can read `scratch`.
  return image !== undefined && image.length === 7 && image.toLowerCase() === 'scratch';
}

export function isStaticBase(image: string): boolean {
  if (isScratch(image)) return true;
  const repository = canonicalRepository(image);
  return STATIC_BASES.some((base) => repository.startsWith(base));
}

export function isMinimalBase(image: string, extra: string[] = []): boolean {
  if (isScratch(image)) return true;
  const repository = canonicalRepository(image);
  const matches = (base: string) => repository === base || repository.startsWith(base);
  return MINIMAL_BASES.some(matches) || extra.some((e) => matches(canonicalRepository(e)));
}
