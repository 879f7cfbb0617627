import type { ProjectConfiguration } from '@nx/devkit';
import type { GoApplication } from '../../go/applications';
import { dirname } from '../../go/file-system';

export interface OwnedApplication {
  project: string;
  app: GoApplication;
}

/**
 * Each application belongs to the project with the deepest root that contains it (an app folder's own
 * project.json before the project of its whole module).
 */
export function assignToProjects(apps: GoApplication[], projects: Map<string, Pick<ProjectConfiguration, 'root'>>): { owned: OwnedApplication[]; orphans: GoApplication[] } {
  const byRoot = new Map<string, string>();
  for (const [name, p] of projects) if (!byRoot.has(p.root || '.')) byRoot.set(p.root || '.', name);
  const owned: OwnedApplication[] = [];
  const orphans: GoApplication[] = [];
  for (const app of apps) {
    const owner = ownerOf(app.dir, byRoot);
    if (owner) owned.push({ project: owner, app });
    else orphans.push(app);
  }
  return { owned, orphans };
}

/** Walks up from dir to the first directory that is a project root. */
function ownerOf(dir: string, byRoot: Map<string, string>): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const owner = byRoot.get(current);
    if (owner !== undefined || current === '.') return owner;
  }
}
