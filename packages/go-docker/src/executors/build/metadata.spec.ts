import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMetadata } from './metadata';
import type { BuildRequest } from './request';

const ws = mkdtempSync(join(tmpdir(), 'go-docker-metadata-'));
const report = join(ws, 'buildx-report.txt');
const request = {
  workspaceRoot: ws,
  context: ws,
  file: join(ws, 'Dockerfile'),
  tags: ['reg/api:latest'],
  platforms: ['linux/amd64', 'linux/arm64'],
  push: true,
  load: false,
  sourceDateEpoch: 1700000000,
  metadataFile: join(ws, 'dist', 'metadata.json'),
  engineReportFile: report,
} as BuildRequest;

describe('the build metadata', () => {
  it('records the digest and the source date, and keeps the provenance buildx reported beside it, per platform', () => {
    writeFileSync(report, JSON.stringify({
      'containerimage.digest': 'sha256:' + 'a'.repeat(64),
      'buildx.build.provenance/linux/amd64': { buildType: 'https://mobyproject.org/buildkit@v1', invocation: { parameters: {} } },
      'buildx.build.provenance/linux/arm64': { buildType: 'https://mobyproject.org/buildkit@v1', invocation: { parameters: {} } },
      'buildx.build.ref': 'lab/lab0/xyz',
    }));
    const metadata = writeMetadata(request, 'buildx');
    expect(metadata).toMatchObject({ digest: 'sha256:' + 'a'.repeat(64), created: '2023-11-14T22:13:20.000Z', provenance: 'provenance.json' });
    const provenance = JSON.parse(readFileSync(join(ws, 'dist', 'provenance.json'), 'utf8'));
    expect(Object.keys(provenance)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(JSON.parse(readFileSync(request.metadataFile, 'utf8'))).toEqual(metadata);
  });
});
