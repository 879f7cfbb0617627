import { join } from 'node:path';
import type { ProjectGraph, Tree } from '@nx/devkit';
import { VersionActions } from 'nx/release';
import { calendarVersion } from './calendar';
import { releaseImageTags, type ReleaseImageOptions } from './image-tags';
import { VERSION_FILE } from './project-version';

/** release.version.versionActionsOptions for Go images. */
export interface GoDockerVersionActionsOptions {
  /** semver (default): bumps from conventional commits or the specifier. calendar: YYYY.M.N. */
  scheme?: 'semver' | 'calendar';
}

const PUBLISH_TARGET = 'nx-release-publish';

/**
 * nx release's version actions for Go applications (`"versionActions": "go-docker/release"`). Go modules
 * carry no version: the release git tag is the source of truth, and a VERSION file in the project root
 * records it in the release commit (nx release only commits and tags when a file changed). The image
 * tags are computed here so that `nx release --dry-run` shows what `nx release publish` would push.
 */
export default class GoDockerVersionActions extends VersionActions {
  validManifestFilenames = [VERSION_FILE];
  override excludeManifestsFromFormatting = true;

  private get versionFile(): string {
    return join(this.projectGraphNode.data.root, VERSION_FILE);
  }

  async readCurrentVersionFromSourceManifest(tree: Tree): Promise<{ currentVersion: string; manifestPath: string }> {
    const recorded = tree.read(this.versionFile, 'utf-8')?.trim();
    // A first release (no tag, no VERSION yet) starts from 0.0.0: conventional commits then give 0.1.0 etc.
    return recorded ? { currentVersion: recorded, manifestPath: this.versionFile } : { currentVersion: '0.0.0', manifestPath: `${this.versionFile} (not written yet: first release)` };
  }

  async readCurrentVersionFromRegistry(): Promise<null> {
    return null;
  }

  async readCurrentVersionOfDependency(): Promise<{ currentVersion: null; dependencyCollection: null }> {
    return { currentVersion: null, dependencyCollection: null };
  }

  override async calculateNewVersion(currentVersion: string | null, newVersionInput: string, reason: string, reasonData: Record<string, unknown>, preid: string): Promise<{ newVersion: string; logText: string }> {
    const scheme = (this.finalConfigForProject.versionActionsOptions as GoDockerVersionActionsOptions).scheme ?? 'semver';
    if (scheme === 'calendar' && ['major', 'minor', 'patch', 'premajor', 'preminor', 'prepatch', 'prerelease'].includes(newVersionInput)) {
      const newVersion = calendarVersion(currentVersion);
      return { newVersion, logText: `📅 Applied the calendar scheme (YYYY.M.N) to get new version ${newVersion}` };
    }
    if (scheme !== 'semver' && scheme !== 'calendar') throw new Error(`go-docker/release: unknown scheme "${scheme}" in versionActionsOptions (semver or calendar)`);
    return super.calculateNewVersion(currentVersion, newVersionInput, reason, reasonData, preid);
  }

  async updateProjectVersion(tree: Tree, newVersion: string): Promise<string[]> {
    tree.write(this.versionFile, `${newVersion}\n`);
    const publish = this.projectGraphNode.data.targets?.[PUBLISH_TARGET];
    const logs = [`✍️  New version ${newVersion} written to ${this.versionFile}`];
    if (publish?.executor === 'go-docker:release-publish') {
      const tags = releaseImageTags((publish.options ?? {}) as ReleaseImageOptions, this.projectGraphNode.name, newVersion);
      logs.push(`🐳 nx release publish builds and pushes ${tags.join(', ')} (OCI version label and VERSION build arg ${newVersion})`);
    }
    return logs;
  }

  async updateProjectDependencies(_tree: Tree, _projectGraph: ProjectGraph): Promise<string[]> {
    // Go dependencies live in go.mod/go.work and point at the local modules, not at released versions.
    return [];
  }
}
