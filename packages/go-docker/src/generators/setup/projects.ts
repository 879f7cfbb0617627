import type { ProjectConfiguration } from '@nx/devkit';
import type { GoApplication } from '../../go/applications';
import { isWithin } from '../../go/paths';

export interface OwnedApplication {
  project: string;
  app: GoApplication;
}

/**
 * Each application belongs to the project with the deepest root that contains it (an app folder's own
 * project.json before the project of its whole module).
 */
export function assignToProjects(apps: GoApplication[], projects: Map<string, Pick<ProjectConfiguration, 'root'>>): { owned: OwnedApplication[]; orphans: GoApplication[] } {
  const roots = [...projects].map(([name, p]) => ({ name, root: p.root === '' ? '.' : p.root })).sort((a, b) => b.root.length - a.root.length);
  const owned: OwnedApplication[] = [];
  const orphans: GoApplication[] = [];
  for (const app of apps) {
    const owner = roots.find((p) => isWithin(app.dir, p.root));
    if (owner) owned.push({ project: owner.name, app });
    else orphans.push(app);
  }
  return { owned, orphans };
}
