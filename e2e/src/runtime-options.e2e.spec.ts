// Image options on real builds and real containers (the container lab, `npm run lab:up`): runtime
// files, a version stamp, two binaries in one image, the writable working directory, private modules.
// Needs the lab; fails, never skips, without it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Lab, lab, sh } from './support/lab';
import { REPO_ROOT } from './support/local-registry';
import { commitAll, registryChildEnv, run, workspaceWithLayout } from './support/nx-workspace';

const FIXTURE = join(REPO_ROOT, 'e2e', 'fixtures', 'runtime-options');
const PLATFORM = 'linux/amd64';
const env = registryChildEnv;
const CACHE_HIT = /local cache|existing outputs match the cache|read the output from the cache/;

let L: Lab;
let ws: string;
const nx = (...args: string[]) => run('npx', ['nx', ...args], ws, { ...env(), ...L.env, BUILDX_GIT_INFO: 'false' });
const image = (project: string) => `${L.registry}/e2e-options/${project}:latest`;
const docker = (...args: string[]) => sh(L.docker, args, { allowFailure: true });
const git = (...args: string[]) => run('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', ...args], ws, env());

/** Builds through the docker-build target (as a user runs it) and pulls the pushed image. */
function build(project: string, ...extra: string[]): string {
  const output = nx('run', `${project}:docker-build`, ...extra);
  sh(L.docker, ['pull', '--platform', PLATFORM, image(project)]);
  return output;
}

beforeAll(() => {
  L = lab();
  ws = workspaceWithLayout('runtime-options', FIXTURE, env());
  run('npx', ['nx', 'add', 'go-docker'], ws, env());
  run('npx', ['nx', 'g', 'go-docker:setup'], ws, env());
  const nxJson = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8'));
  nxJson.targetDefaults = {
    ...nxJson.targetDefaults,
    'docker-build': {
      options: { builder: L.builder, push: true, platforms: [PLATFORM], tags: [`${L.registry}/e2e-options/{projectName}:latest`], buildArgs: { GOPROXY: L.goproxy }, cacheFrom: [], cacheTo: [] },
    },
  };
  writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
  commitAll(ws, 'setup', env());
});

it('setup wrote the options into the files and a re-run keeps them generated (nothing kept-edited)', () => {
  const dockerfile = readFileSync(join(ws, 'apps/shop/Dockerfile'), 'utf8');
  expect(dockerfile).toContain('COPY --chown=1001:1001 ["apps/shop/templates","/app/templates"]');
  expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
  const again = run('npx', ['nx', 'g', 'go-docker:setup'], ws, env());
  expect(again).not.toMatch(/kept/);
  expect(sh('git', ['status', '--porcelain'], { cwd: ws }).stdout.split('\n').filter((l) => /Dockerfile/.test(l))).toEqual([]);
});

describe('runtime files', () => {
  /** Runs the shop image and returns the answers of the given paths. */
  async function answers(paths: string[], port: number): Promise<string[]> {
    const id = sh(L.docker, ['run', '-d', '--platform', PLATFORM, '--network', 'host', '-e', `PORT=${port}`, image('shop')]).stdout.trim();
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          return await Promise.all(paths.map(async (path) => {
            const response = await fetch(`http://127.0.0.1:${port}${path}`);
            return `${response.status} ${await response.text()}`;
          }));
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`shop did not answer: ${error}\n${docker('logs', id).output}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    } finally {
      docker('rm', '-f', id);
    }
  }

  it('a service that renders a template and serves a static file and a JSON catalog answers over HTTP', async () => {
    build('shop');
    expect(await answers(['/', '/static/app.css', '/products'], 18611)).toEqual(['200 <p>hello gophers</p>\n', '200 p { color: teal; }\n', '200 [{"id":"telescope"}]\n']);
    const [user, workdir, ports] = sh(L.docker, ['image', 'inspect', '-f', '{{.Config.User}}|{{.Config.WorkingDir}}|{{json .Config.ExposedPorts}}', image('shop')]).stdout.trim().split('|');
    expect([user, workdir, ports]).toEqual(['1001:1001', '/app', '{"8080/tcp":{}}']);
  });

  it('editing a template is a cache miss of docker-build and the new text is served', async () => {
    expect(nx('run', 'shop:docker-build')).toMatch(CACHE_HIT);
    writeFileSync(join(ws, 'apps/shop/templates/index.html'), '<p>goodbye {{.}}</p>\n');
    const output = build('shop');
    expect(output).not.toMatch(CACHE_HIT);
    expect(await answers(['/'], 18612)).toEqual(['200 <p>goodbye gophers</p>\n']);
  });
});

describe('version stamp and two binaries', () => {
  it('the stamped binary prints the project version (its release tag), the commit and the commit time', () => {
    git('tag', 'relay@1.2.0');
    const sha = git('rev-parse', 'HEAD').trim();
    const time = new Date(Number(git('log', '-1', '--format=%ct').trim()) * 1000).toISOString().replace('.000Z', 'Z');
    build('relay');
    expect(docker('run', '--rm', '--platform', PLATFORM, image('relay')).stdout).toBe(`relay version=1.2.0 commit=${sha} date=${time}\n`);
  });

  it('the image holds both binaries: the entrypoint runs relayd, relayctl runs too', () => {
    expect(docker('run', '--rm', '--platform', PLATFORM, '--entrypoint', '/usr/local/bin/relayctl', image('relay')).stdout).toBe('relayctl version=1.2.0\n');
    expect(sh(L.docker, ['image', 'inspect', '-f', '{{json .Config.Entrypoint}}', image('relay')]).stdout.trim()).toBe('["/usr/local/bin/relayd"]');
  });

  it('same commit → same stamp; a new commit → a new one (no clock involved)', () => {
    const before = docker('run', '--rm', '--platform', PLATFORM, image('relay')).stdout;
    build('relay', '--skip-nx-cache');
    expect(docker('run', '--rm', '--platform', PLATFORM, image('relay')).stdout).toBe(before);
    git('commit', '-q', '--allow-empty', '-m', 'next');
    const sha = git('rev-parse', 'HEAD').trim();
    // Not a cache hit: the commit is an input of a stamped image.
    expect(build('relay')).not.toMatch(CACHE_HIT);
    expect(docker('run', '--rm', '--platform', PLATFORM, image('relay')).stdout).toContain(`version=1.2.0-1-g${sha.slice(0, 12)} commit=${sha}`);
  });
});

describe('the writable working directory', () => {
  it('a program writing relative paths starts as 1001:1001', () => {
    build('writer');
    const result = docker('run', '--rm', '--platform', PLATFORM, image('writer'));
    expect([result.status, result.output]).toEqual([0, 'writer wrote /app/state/started as 1001:1001\n']);
  });

  it('with --read-only, a volume on /app keeps it writable (and without one it is not)', () => {
    const volume = `e2e-options-writer-${process.pid}`;
    try {
      const withVolume = docker('run', '--rm', '--read-only', '-v', `${volume}:/app`, '--platform', PLATFORM, image('writer'));
      expect([withVolume.status, withVolume.output]).toEqual([0, 'writer wrote /app/state/started as 1001:1001\n']);
      const without = docker('run', '--rm', '--read-only', '--platform', PLATFORM, image('writer'));
      expect([without.status, without.output]).toEqual([1, 'writer: mkdir state: read-only file system\n']);
    } finally {
      docker('volume', 'rm', '-f', volume);
    }
  });
});
