import { logger } from '@nx/devkit';
import type { WriteOutcome } from './generated-file';

const KEPT: Partial<Record<WriteOutcome, string>> = {
  'kept-edited': 'kept: edited since setup wrote it',
  'kept-foreign': 'kept: setup did not write it',
};

/** One line for what setup wrote in an app, one warning per file it kept: each file is named once. */
export function reportFiles(project: string, files: Array<[path: string, outcome: WriteOutcome]>): void {
  const written = files.filter(([, outcome]) => !KEPT[outcome]);
  if (written.length > 0) logger.info(`go-docker:setup: ${project}: ${written.map(([path, outcome]) => `${path} (${outcome})`).join(', ')}`);
  for (const [path, outcome] of files) {
    const kept = KEPT[outcome];
    if (kept) logger.warn(`go-docker:setup: ${project}: ${path} ${kept}; --force replaces it and saves yours as ${path}~.`);
  }
}
