import type { ProjectConfiguration } from '@nx/devkit';
import type { GoApplication } from '../../go/applications';
import { dirname } from '../../go/file-system';
import { inferGoProjects } from '../../go/module-projects';
import type { GoWorkspace } from '../../go/workspace';

export interface OwnedApplication {
  project: string;
  app: GoApplication;
}

/**
 * Each application belongs to the project with the deepest root that contains it. Projects the graph
 * plugin would infer and the project graph does not have yet (go-docker not registered, or a tree
 * changed since) are added first, by the same rule the plugin uses: so an application folder that no
 * project.json claims is its own project, named as `nx show projects` will name it.
 */
export function assignToProjects(
  workspace: GoWorkspace,
  apps: GoApplication[],
  projects: Map<string, Pick<ProjectConfiguration, 'root'>>,
): { owned: OwnedApplication[]; orphans: GoApplication[] } {
  const byRoot = new Map<string, string>();
  for (const [name, p] of projects) if (!byRoot.has(p.root || '.')) byRoot.set(p.root || '.', name);
  for (const inferred of inferGoProjects(workspace, apps, byRoot)) byRoot.set(inferred.root, inferred.name);
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
