import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
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
  writeFileSync(request.metadataFile, `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}

export function readMetadata(file: string): BuildMetadata {
  if (!existsSync(file)) throw new Error(`no build metadata at ${file}: run the docker-build target first`);
  return JSON.parse(readFileSync(file, 'utf8')) as BuildMetadata;
}
