import { buildxEngine } from './engines/buildx';
import { dockerEngine } from './engines/docker';
import { podmanEngine } from './engines/podman';
import type { SelectedEngine } from './engines/select';
import { checkBuilderOption, loadManyPlatformsError } from './option-checks';
import type { BuildRequest } from './request';

const none = { exportsCache: false, loadsMultiPlatform: false, rewritesTimestamps: false };
const auto = (engine: SelectedEngine['engine']): SelectedEngine => ({ engine, capabilities: none, reason: 'auto: no buildx plugin for docker, podman is installed' });

describe('builder without buildx', () => {
  it('is refused when buildx is missing and auto fell back to another engine, naming what is missing', () => {
    expect(() => checkBuilderOption(auto(podmanEngine), 'ci-builder', 'docker', () => undefined)).toThrow(
      'podman: builder "ci-builder" is a docker buildx builder, but the docker buildx plugin is missing (`docker buildx version` fails). Install the buildx plugin',
    );
    expect(() => checkBuilderOption(auto(dockerEngine), 'ci-builder', '/usr/bin/docker', () => undefined)).toThrow('`/usr/bin/docker buildx version` fails');
  });

  it('is reported, not silently dropped, when the user chose another engine explicitly', () => {
    const warnings: string[] = [];
    checkBuilderOption({ engine: podmanEngine, capabilities: none, reason: 'requested' }, 'lab', 'docker', (m) => warnings.push(m));
    expect(warnings).toEqual(['builder "lab" is not used: it is a docker buildx builder, and engine "podman" was requested']);
  });

  it('is fine with buildx, and nothing is said without a builder', () => {
    const warn = jest.fn();
    checkBuilderOption({ ...auto(buildxEngine), reason: 'requested' }, 'lab', 'docker', warn);
    checkBuilderOption(auto(podmanEngine), undefined, 'docker', warn);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('--load of several platforms', () => {
  const request = (over: Partial<BuildRequest>) => ({ platforms: ['linux/amd64', 'linux/arm64'], hostPlatform: 'linux/amd64', push: false, ...over }) as BuildRequest;

  it('with --push names the two-platform push default as the cause, and how to push and load', () => {
    const message = loadManyPlatformsError(request({ push: true })).message;
    expect(message).toContain('pushing builds both linux/amd64 and linux/arm64 unless platforms says otherwise');
    expect(message).toContain('To push and load, build one platform (--platforms=linux/amd64); to push several, drop --load.');
    expect(message).not.toContain('Push instead');
  });

  it('without push suggests pushing, an OCI archive or one platform', () => {
    expect(loadManyPlatformsError(request({})).message).toMatch(/--load cannot hold 2 platforms \(linux\/amd64,linux\/arm64\).*Push instead/);
  });
});
