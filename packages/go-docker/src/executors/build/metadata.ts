import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { BuildMetadata, BuildRequest } from './request';

/** The digest the engine reported: buildx's --metadata-file, podman's --digestfile or an --iidfile. */
export function reportedDigest(engine: string, reportFile: string): string | undefined {
  if (!existsSync(reportFile)) return undefined;
  const text = readFileSync(reportFile, 'utf8').trim();
  if (engine === 'buildx') {
    const report = JSON.parse(text) as Record<string, unknown>;
    return (report['containerimage.digest'] as string | undefined) ?? (report['containerimage.config.digest'] as string | undefined);
  }
  return /^sha256:[0-9a-f]{64}$/.test(text) ? text : undefined;
}

/**
 * The build's SLSA provenance per platform, as buildx put it in its metadata file (BUILDX_METADATA_PROVENANCE):
 * kept beside the metadata, in the task's outputs, when it is not attached to the image.
 */
export function reportedProvenance(engine: string, reportFile: string): Record<string, unknown> | undefined {
  if (engine !== 'buildx' || !existsSync(reportFile)) return undefined;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Record<string, unknown>;
  const entries = Object.entries(report).filter(([key]) => key.startsWith('buildx.build.provenance'));
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([key, value]) => [key.replace(/^buildx\.build\.provenance\/?/, '') || 'image', value]));
}

export function writeMetadata(request: BuildRequest, engine: string): BuildMetadata {
  const metadata: BuildMetadata = {
    engine,
    digest: reportedDigest(engine, request.engineReportFile),
    tags: request.tags,
    platforms: request.platforms,
    pushed: request.push,
    loaded: request.load,
    file: relative(request.workspaceRoot, request.file),
    context: relative(request.workspaceRoot, request.context) || '.',
    ...(request.sourceDateEpoch !== undefined ? { created: new Date(request.sourceDateEpoch * 1000).toISOString() } : {}),
  };
  mkdirSync(dirname(request.metadataFile), { recursive: true });
  const provenance = reportedProvenance(engine, request.engineReportFile);
  if (provenance) {
    const file = join(dirname(request.metadataFile), 'provenance.json');
    writeFileSync(file, `${JSON.stringify(provenance, null, 2)}\n`);
    metadata.provenance = relative(dirname(request.metadataFile), file);
  }
  writeFileSync(request.metadataFile, `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}

export function readMetadata(file: string): BuildMetadata {
  if (!existsSync(file)) throw new Error(`no build metadata at ${file}: run the docker-build target first`);
  return JSON.parse(readFileSync(file, 'utf8')) as BuildMetadata;
}
