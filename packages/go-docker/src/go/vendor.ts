import { joinPath, type WorkspaceFiles } from './file-system';
import { goVersionAtLeast } from './go-version';

/** Who wrote a vendor/modules.txt: `go mod vendor` (for one module) or `go work vendor` (for a go.work). */
export type VendorKind = 'module' | 'workspace';

/** The kind of `<dir>/vendor/modules.txt`, undefined when there is none. */
export function vendorKindAt(files: WorkspaceFiles, dir: string): VendorKind | undefined {
  const manifest = joinPath(dir, 'vendor/modules.txt');
  if (!files.exists(manifest)) return undefined;
  // `go work vendor` marks its manifest with a first line `## workspace` (annotations separated by `;`).
  const first = files.read(manifest).split('\n', 1)[0];
  const annotations = first.startsWith('## ') ? first.slice(3).split(';').map((a) => a.trim()) : [];
  return annotations.includes('workspace') ? 'workspace' : 'module';
}

/**
 * The vendor directory the go command builds from without a -mod flag, by its own rule: the vendor/
 * beside go.work in workspace mode (else beside go.mod), when the go line there says 1.14 or later and
 * modules.txt was written for that same mode. Undefined when the build uses the module cache.
 */
export function defaultVendorDir(owner: { dir: string; go: string | undefined; vendor: VendorKind | undefined }, mode: VendorKind): string | undefined {
  if (owner.vendor !== mode || owner.go === undefined || !goVersionAtLeast(owner.go, '1.14')) return undefined;
  return joinPath(owner.dir, 'vendor');
}
