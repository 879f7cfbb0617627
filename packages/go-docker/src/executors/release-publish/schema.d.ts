import type { ReleaseImageOptions } from '../../release/image-tags';

export interface ReleasePublishExecutorSchema extends ReleaseImageOptions {
  buildTarget?: string;
  releaseVersion?: string;
  dryRun?: boolean;
  /** Passed by nx release: per project, the version it just computed (null: not released this time). */
  nxReleaseVersionData?: Record<string, { newVersion: string | null }>;
}
