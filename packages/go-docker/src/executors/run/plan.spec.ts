import type { BuildMetadata } from '../build/request';
import { containerName, exposedPorts, planRun, type RunInputs } from './plan';

const metadata: BuildMetadata = { engine: 'buildx', tags: ['api:latest', 'api:abc'], platforms: ['linux/amd64'], pushed: false, loaded: true, file: 'apps/api/Dockerfile', context: '.' };
const inputs = (over: Partial<RunInputs> = {}): RunInputs => ({ metadata, exposed: [8080], envFiles: [], env: {}, readOnly: true, name: 'api-42', args: [], engine: 'auto', dockerPath: 'docker', ...over });

describe('docker-run plan', () => {
  it('runs the first tag docker-build recorded: --rm, named, read-only with a /tmp, EXPOSEd ports on 127.0.0.1', () => {
    expect(planRun(inputs()).argv).toEqual(['docker', 'run', '--rm', '--name', 'api-42', '--read-only', '--tmpfs', '/tmp', '--publish', '127.0.0.1:8080:8080', 'api:latest']);
  });

  it('passes env files, env, network, ports and args as single argv items', () => {
    const plan = planRun(inputs({ ports: ['0.0.0.0:80:8080'], envFiles: ['/ws/apps/api/.env'], env: { GREETING: 'a b; rm -rf /' }, network: 'bridge', args: ['--verbose'], readOnly: false }));
    expect(plan.argv).toEqual(['docker', 'run', '--rm', '--name', 'api-42', '--publish', '0.0.0.0:80:8080', '--env-file', '/ws/apps/api/.env', '--env', 'GREETING=a b; rm -rf /', '--network', 'bridge', 'api:latest', '--verbose']);
  });

  it('publishes nothing on the host network, where ports are the host’s already', () => {
    expect(planRun(inputs({ network: 'host' })).argv).not.toContain('--publish');
  });

  it('runs podman-built images with podman, and the engine can be chosen', () => {
    expect(planRun(inputs({ metadata: { ...metadata, engine: 'podman' } })).argv[0]).toBe('podman');
    expect(planRun(inputs({ engine: 'podman' })).cli).toBe('podman');
    expect(planRun(inputs({ dockerPath: '/usr/bin/docker' })).cli).toBe('/usr/bin/docker');
  });

  it('says what to do when the build left no image an engine can run', () => {
    expect(() => planRun(inputs({ metadata: { ...metadata, loaded: false, pushed: false } }))).toThrow('build it with --load (one platform) or --push');
    expect(() => planRun(inputs({ metadata: undefined }))).toThrow('run docker-build first');
    expect(planRun(inputs({ metadata: undefined, image: 'x:1' })).image).toBe('x:1');
  });

  it('reads EXPOSE lines (tcp only, each port once)', () => {
    expect(exposedPorts('FROM x\nEXPOSE 8080\nexpose 9090/tcp 53/udp 8080\nEXPOSE $PORT\n')).toEqual([8080, 9090]);
  });

  it('names containers after the project and process', () => {
    expect(containerName('@acme/api', 7)).toBe('acme-api-7');
  });
});
