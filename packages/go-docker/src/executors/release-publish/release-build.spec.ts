import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseImageTags } from '../../release/image-tags';
import { releaseBuildOptions } from './executor';

describe('the release build', () => {
  const ws = mkdtempSync(join(tmpdir(), 'go-docker-release-'));
  mkdirSync(join(ws, 'apps/api'), { recursive: true });
  mkdirSync(join(ws, 'apps/stamped'), { recursive: true });
  writeFileSync(join(ws, 'apps/api/Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(ws, 'apps/stamped/Dockerfile'), 'FROM x AS build\nARG VERSION\nRUN go build\n');

  it('is docker-build pushed under the release tags, with the OCI version label, recorded apart', () => {
    const options = releaseBuildOptions({ file: 'apps/api/Dockerfile', context: '.', builder: 'ci', buildArgs: ['GOPROXY=http://p'], labels: { team: 'a' } }, ['reg/api:1.2.0'], '1.2.0', ws, false);
    expect(options).toEqual({
      file: 'apps/api/Dockerfile',
      context: '.',
      builder: 'ci',
      tags: ['reg/api:1.2.0'],
      push: true,
      load: false,
      metadataFile: 'dist/release/apps/api/metadata.json',
      labels: { team: 'a', 'org.opencontainers.image.version': '1.2.0' },
      buildArgs: { GOPROXY: 'http://p' },
      dryRun: false,
    });
  });

  it('stamps VERSION as a build arg when the Dockerfile declares it', () => {
    expect(releaseBuildOptions({ file: 'apps/stamped/Dockerfile', context: '.' }, ['s:2026.12.0'], '2026.12.0', ws, true)).toMatchObject({ buildArgs: { VERSION: '2026.12.0' }, dryRun: true });
  });
});

describe('release image tags', () => {
  it('default to {projectName}:{version} under the registry', () => {
    expect(releaseImageTags({ registry: 'ghcr.io/Acme/' }, 'api', '1.2.0', {})).toEqual(['ghcr.io/acme/api:1.2.0']);
    expect(releaseImageTags({}, 'api', '1.2.0', { GO_DOCKER_REGISTRY: '127.0.0.1:5000/team' })).toEqual(['127.0.0.1:5000/team/api:1.2.0']);
    expect(releaseImageTags({}, 'api', '1.2.0', {})).toEqual(['api:1.2.0']);
  });

  it('fill {version} in given tags and leave full references alone', () => {
    expect(releaseImageTags({ registry: 'r.example.com', tags: ['{projectName}:{version}', 'team/{projectName}:latest', 'other.example.com/x:{version}'] }, 'api', '1.2.0+build.1', {})).toEqual([
      'r.example.com/api:1.2.0-build.1',
      'r.example.com/team/api:latest',
      'other.example.com/x:1.2.0-build.1',
    ]);
  });
});
