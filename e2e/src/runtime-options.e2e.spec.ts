// Image options on real builds and real containers (the container lab, `npm run lab:up`): runtime
// files, a version stamp, two binaries in one image, the writable working directory, private modules.
// Needs the lab; fails, never skips, without it.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('private modules: an HTTPS module proxy that wants basic auth', () => {
  const PRIVATE = join(REPO_ROOT, 'e2e', 'fixtures', 'private-modules');
  // Made up per run; the checks below look for it everywhere it must not be.
  const password = `pw-${randomBytes(12).toString('hex')}`;
  let pws: string;
  let tmp: string;
  let proxy: ChildProcess;
  let address: string;
  let netrc: string;
  const nxPrivate = (extraEnv: Record<string, string>, ...args: string[]) => sh('npx', ['nx', ...args], { cwd: pws, env: { ...env(), ...L.env, BUILDX_GIT_INFO: 'false', ...extraEnv }, allowFailure: true });

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'go-docker-private-'));
    sh('go', ['build', '-o', join(tmp, 'authproxy'), '.'], { cwd: join(PRIVATE, 'authproxy') });
    const logFd = openSync(join(tmp, 'authproxy.log'), 'w');
    proxy = spawn(join(tmp, 'authproxy'), ['-dir', join(PRIVATE, 'corp-greet'), '-module', 'example.com/corp/greet', '-ca-out', join(tmp, 'ca.pem'), '-addr-out', join(tmp, 'addr')], {
      env: { ...process.env, AUTHPROXY_USER: 'builder', AUTHPROXY_PASSWORD: password },
      // A file, not a pipe: the tests run synchronous commands, so a pipe would only be read at the end.
      stdio: ['ignore', 'ignore', logFd],
    });
    closeSync(logFd);
    const proxyLog = () => readFileSync(join(tmp, 'authproxy.log'), 'utf8');
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(tmp, 'addr'))) {
      if (Date.now() > deadline) throw new Error(`authproxy did not start: ${proxyLog()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    address = readFileSync(join(tmp, 'addr'), 'utf8');
    // Go (1.24+) matches a netrc machine against host:port when the URL has a port.
    netrc = `machine ${address} login builder password ${password}\n`;
    writeFileSync(join(tmp, 'netrc'), netrc);
    pws = workspaceWithLayout('private-modules', join(PRIVATE, 'workspace'), env());
    // go.sum as a developer makes it: on the host, with the same credentials.
    sh('go', ['mod', 'tidy'], {
      cwd: pws,
      env: { ...process.env, GOPROXY: `https://${address}`, GOPRIVATE: 'example.com/corp/*', GONOPROXY: 'none', GOFLAGS: '-mod=mod', NETRC: join(tmp, 'netrc'), SSL_CERT_FILE: join(tmp, 'ca.pem'), GOMODCACHE: join(tmp, 'gomodcache') },
    });
    const project = JSON.parse(readFileSync(join(pws, 'apps/hello/project.json'), 'utf8'));
    project['go-docker'] = { privateModules: { goprivate: 'example.com/corp/*', gonoproxy: 'none', netrc: { env: 'E2E_NETRC' }, ca: { src: join(tmp, 'ca.pem') } } };
    writeFileSync(join(pws, 'apps/hello/project.json'), `${JSON.stringify(project, null, 2)}\n`);
    run('npx', ['nx', 'add', 'go-docker'], pws, env());
    run('npx', ['nx', 'g', 'go-docker:setup'], pws, env());
    const nxJson = JSON.parse(readFileSync(join(pws, 'nx.json'), 'utf8'));
    nxJson.targetDefaults = { ...nxJson.targetDefaults, 'docker-build': { options: { cacheFrom: [], cacheTo: [] } } };
    writeFileSync(join(pws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
    commitAll(pws, 'setup', env());
  });
  afterAll(() => {
    proxy?.kill();
    rmSync(tmp, { recursive: true, force: true });
  });

  const buildTo = (dest: string, extraEnv: Record<string, string>, ...extra: string[]) =>
    nxPrivate(extraEnv, 'run', 'private-hello:docker-build', `--builder=${L.builder}`, `--buildArgs.GOPROXY=https://${address}`, '--platforms=linux/amd64', `--outputs=type=oci,dest=${dest},compression=uncompressed`, ...extra);

  it('builds with the netrc secret, and the program runs', () => {
    const dest = join(tmp, 'image.tar');
    const result = buildTo(dest, { E2E_NETRC: netrc }, '--skip-nx-cache');
    expect([result.status, result.output.slice(-3000)]).toEqual([0, expect.any(String)]);
    expect(readFileSync(join(tmp, 'authproxy.log'), 'utf8')).toMatch(/200 \/example\.com\/corp\/greet\/@v\/v1\.0\.0\.zip/);
    // dockerd 20.10 cannot load an OCI layout: skopeo copies it into the daemon.
    sh('skopeo', ['copy', `oci-archive:${dest}`, 'docker-daemon:e2e-options/private-hello:latest']);
    expect(docker('run', '--rm', '--platform', PLATFORM, 'e2e-options/private-hello:latest').stdout).toBe('hello from a private module\n');
  });

  it('leaves no trace of the credential: not in the exported image (layers, config, history), the log or the Nx cache', () => {
    const dest = join(tmp, 'image.tar');
    const result = buildTo(join(tmp, 'again.tar'), { E2E_NETRC: netrc });
    expect(result.output).not.toContain(password);
    const bytes = readFileSync(dest);
    expect(bytes.length).toBeGreaterThan(1_000_000);
    expect(bytes.includes(Buffer.from(password))).toBe(false);
    expect(bytes.includes(Buffer.from(`machine ${address}`))).toBe(false);
    const cacheHits = sh('grep', ['-rl', password, join(pws, '.nx'), join(pws, 'dist')], { allowFailure: true });
    expect([cacheHits.status, cacheHits.stdout]).toEqual([1, '']);
  });

  it('fails clearly without valid credentials', () => {
    const wrong = buildTo(join(tmp, 'wrong.tar'), { E2E_NETRC: `machine ${address} login builder password wrong\n` }, '--skip-nx-cache', '--noCache');
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toMatch(/example\.com\/corp\/greet@v1\.0\.0.*401 Unauthorized|401 Unauthorized/);
    const unset = buildTo(join(tmp, 'unset.tar'), {}, '--skip-nx-cache');
    expect(unset.status).not.toBe(0);
    expect(unset.output).toContain('go-docker.privateModules.netrc: environment variable E2E_NETRC is not set');
  });
});
