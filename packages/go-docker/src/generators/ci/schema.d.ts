export type QemuSetup = 'auto' | 'always' | 'never';

export interface CiGeneratorSchema {
  /** Workflow file name (without .yml) and title. Default: go-docker. */
  name?: string;
  /** Branch whose pushes build and push images. Default: nx.json defaultBase, else main. */
  mainBranch?: string;
  /** Registry to log in to. Default: ghcr.io. */
  registry?: string;
  /** Registry user: a literal or a GitHub Actions expression. Default: ${{ github.actor }}. */
  registryUsername?: string;
  /** Secret holding the registry password or token. Default: GITHUB_TOKEN. */
  registryPasswordSecret?: string;
  /** Node.js version for Nx. Default: 20. */
  nodeVersion?: string;
  /** QEMU emulation: auto (only when a Go app uses cgo), always or never. Default: auto. */
  qemu?: QemuSetup;
}
