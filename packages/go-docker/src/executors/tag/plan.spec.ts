import type { BuildMetadata } from '../build/request';
import { planTagSteps, qualifyTag } from './plan';

const digest = `sha256:${'a'.repeat(64)}`;
const pushed = (engine: string, tag = 'reg.example.com/team/api:build'): BuildMetadata => ({ engine, digest, tags: [tag], platforms: ['linux/amd64', 'linux/arm64'], pushed: true, loaded: false, file: 'apps/api/Dockerfile', context: '.' });

describe('tag plan', () => {
  it('qualifies a bare tag with the built repository', () => {
    expect(qualifyTag('abc123', pushed('buildx'))).toBe('reg.example.com/team/api:abc123');
    expect(qualifyTag('other.example.com/x:1', pushed('buildx'))).toBe('other.example.com/x:1');
  });

  it('tags a pushed buildx image in the registry by digest, without rebuilding', () => {
    expect(planTagSteps(pushed('buildx'), ['abc123', 'main'], 'docker').map((s) => s.argv)).toEqual([
      ['docker', 'buildx', 'imagetools', 'create', '--tag', 'reg.example.com/team/api:abc123', `reg.example.com/team/api@${digest}`],
      ['docker', 'buildx', 'imagetools', 'create', '--tag', 'reg.example.com/team/api:main', `reg.example.com/team/api@${digest}`],
    ]);
  });

  it('copies with skopeo for podman/docker pushes and loopback registries (plain HTTP)', () => {
    expect(planTagSteps(pushed('podman', '127.0.0.1:5000/api:build'), ['v1'], 'docker')[0].argv).toEqual([
      'skopeo', 'copy', '--all', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://127.0.0.1:5000/api@${digest}`, 'docker://127.0.0.1:5000/api:v1',
    ]);
  });

  it('tags a loaded image locally, and skips tags it already has', () => {
    const loaded: BuildMetadata = { ...pushed('buildx', 'api:latest'), pushed: false, loaded: true };
    expect(planTagSteps(loaded, ['api:latest', 'abc'], '/usr/bin/docker').map((s) => s.argv)).toEqual([['/usr/bin/docker', 'tag', 'api:latest', 'api:abc']]);
  });

  it('refuses an image that went to an output only', () => {
    expect(() => planTagSteps({ ...pushed('buildx'), pushed: false, loaded: false }, ['x'], 'docker')).toThrow('nothing to tag');
  });
});
