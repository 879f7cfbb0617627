import type { TargetConfiguration } from '@nx/devkit';
import type { GoApplication } from '../go/applications';
import { joinPath } from '../go/file-system';
import type { ImageOptionFacts } from './dockerfile-facts';

type Input = NonNullable<TargetConfiguration['inputs']>[number];

/** The image option facts of one Dockerfile, with its extra binaries resolved to applications. */
export interface ImageOptionInputs {
  runtimeFiles: string[];
  stamped: boolean;
  /** Applications other than the Dockerfile's own that it builds into the same image. */
  extraApplications: GoApplication[];
}

export function withApplications(facts: ImageOptionFacts, applications: GoApplication[], own: GoApplication): ImageOptionInputs {
  const byDir = new Map(applications.map((app) => [app.dir, app]));
  const extraApplications = facts.mains.filter((dir) => dir !== own.dir).flatMap((dir) => byDir.get(dir) ?? []);
  return { runtimeFiles: facts.runtimeFiles, stamped: facts.stamped, extraApplications };
}

/**
 * An image's inputs plus what its options add: every runtime file (a file, or a folder and all below
 * it), the inputs of the other binaries it holds, and — when it is version-stamped — the commit and
 * tags the stamp is made from (a runtime input), so a new commit or release tag rebuilds it.
 */
export function imageOptionInputs(base: Input[], image: ImageOptionInputs | undefined, inputsOf: (app: GoApplication) => Input[]): Input[] {
  if (!image) return base;
  const inputs: Input[] = [...base];
  for (const app of image.extraApplications) inputs.push(...inputsOf(app));
  for (const path of image.runtimeFiles) inputs.push(`{workspaceRoot}/${path}`, `{workspaceRoot}/${joinPath(path, '**')}`);
  if (image.stamped) inputs.push({ runtime: 'git describe --tags --always --long --abbrev=40 HEAD' });
  const seen = new Set<string>();
  return inputs.filter((input) => {
    const key = typeof input === 'string' ? input : JSON.stringify(input);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
