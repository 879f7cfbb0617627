/** Default images, fully qualified (podman and other engines without a default registry need that). */
export const DEFAULT_RUNTIME_IMAGE = 'gcr.io/distroless/static-debian12:nonroot';
export const DEFAULT_CGO_RUNTIME_IMAGE = 'gcr.io/distroless/base-debian12:nonroot';
export const GO_IMAGE_REPOSITORY = 'docker.io/library/golang';

/**
 * The official golang image for a tag from go.mod / go.work ("1.26", "1.26.3" and "1.21rc2" are tags
 * upstream as written). cgo builds pin the Debian release of the distroless glibc base (bookworm = debian12).
 */
export function defaultGoImage(goImageTag: string | undefined, cgo: boolean): string {
  const tag = goImageTag ?? '1';
  return `${GO_IMAGE_REPOSITORY}:${tag}${cgo ? '-bookworm' : ''}`;
}
