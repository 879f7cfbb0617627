export interface InitGeneratorSchema {
  /** Accepted from `nx add`; nothing to keep, go-docker installs no other packages. */
  keepExistingVersions?: boolean;
  /** Accepted from `nx add`; go-docker adds no scripts. */
  updatePackageScripts?: boolean;
}
