import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builderDriver, selectEngine } from './select';

// buildx's own state files, as `docker buildx create` and `docker buildx use` write them.
const config = mkdtempSync(join(tmpdir(), 'go-docker-buildx-config-'));
mkdirSync(join(config, 'instances'));
writeFileSync(join(config, 'instances', 'lab'), JSON.stringify({ Name: 'lab', Driver: 'remote', Nodes: [{ Name: 'lab0', Endpoint: 'unix:///run/buildkitd.sock' }] }));
writeFileSync(join(config, 'instances', 'ci'), JSON.stringify({ Name: 'ci', Driver: 'docker-container', Nodes: [] }));
const env = { BUILDX_CONFIG: config };

describe('the builder driver, read from buildx files (no CLI call)', () => {
  it('of a named builder, $BUILDX_BUILDER, or the one `docker buildx use` chose', () => {
    expect(builderDriver('lab', env)).toBe('remote');
    expect(builderDriver(undefined, { ...env, BUILDX_BUILDER: 'ci' })).toBe('docker-container');
    writeFileSync(join(config, 'current'), JSON.stringify({ Key: 'unix:///var/run/docker.sock', Name: 'lab', Global: false }));
    expect(builderDriver(undefined, env)).toBe('remote');
  });

  it('of the docker context\'s own builder: the "docker" driver; unknown names are left to `buildx inspect`', () => {
    writeFileSync(join(config, 'current'), JSON.stringify({ Key: 'unix:///var/run/docker.sock', Name: '', Global: false }));
    expect(builderDriver(undefined, env)).toBe('docker');
    expect(builderDriver('default', env)).toBe('docker');
    expect(builderDriver('some-context', env)).toBeUndefined();
    expect(builderDriver('../etc', env)).toBeUndefined();
  });

  it('gives the capabilities: cache export and timestamp rewriting, not for the docker driver', () => {
    expect(selectEngine('buildx', 'docker', 'lab', env).capabilities).toEqual({ exportsCache: true, loadsMultiPlatform: false, rewritesTimestamps: true });
    expect(selectEngine('buildx', 'docker', 'default', env).capabilities).toEqual({ exportsCache: false, loadsMultiPlatform: false, rewritesTimestamps: false });
  });

  it('auto finds the buildx plugin on disk without running docker', () => {
    const dockerConfig = mkdtempSync(join(tmpdir(), 'go-docker-docker-config-'));
    mkdirSync(join(dockerConfig, 'cli-plugins'));
    writeFileSync(join(dockerConfig, 'cli-plugins', 'docker-buildx'), '');
    const selected = selectEngine('auto', 'go-docker-no-such-docker', 'lab', { ...env, DOCKER_CONFIG: dockerConfig });
    expect([selected.engine.name, selected.reason]).toEqual(['buildx', `auto: the buildx plugin is installed (${join(dockerConfig, 'cli-plugins', 'docker-buildx')})`]);
  });
});
