// A user's whole loop on the container lab: setup without init, build, run the image, release it with
// nx release, and what happens when nx is killed mid-build. Needs the lab; fails, never skips, without it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addToGoProxy, type Lab, lab, manifestPlatforms, sh } from './support/lab';
import { commitAll, registryChildEnv, run, workspaceWithLayout } from './support/nx-workspace';

let L: Lab;
let ws: string;
const env = () => ({ ...registryChildEnv(), ...L.env, BUILDX_GIT_INFO: 'false' });
const nx = (...args: string[]) => run('npx', ['nx', ...args], ws, env());
/** A unique image repository per run, so parallel runs and earlier runs never answer for this one. */
const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;
const repo = (name: string) => `${L.registry}/loop-${RUN_ID}/${name}`;

/** Starts nx itself (not npx, so the pid is nx's) in its own process group, collecting its output. */
function startNx(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [join(ws, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args], { cwd: ws, env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

/** Polls until `probe` answers; fails at the deadline, or as soon as `alive` (the process it waits on) is gone. */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, seconds: number, log: () => string = () => '', alive?: ChildProcess): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (alive && (alive.exitCode !== null || alive.signalCode !== null)) throw new Error(`nx exited (${alive.exitCode ?? alive.signalCode}) before ${what}\n${log().slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds}s waiting for ${what}\n${log().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.on('exit', (code) => r(code)));
}

async function httpGet(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url);
    return `${response.status} ${await response.text()}`;
  } catch {
    return undefined;
  }
}

/** Containers (running or not) with exactly this name. */
const containers = (name: string) => sh(L.docker, ['ps', '-aq', '--filter', `name=^/${name}$`]).stdout.trim();

/** Command lines of live processes that mention `text` (other builds on this machine never do). */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return cmdline.includes(text) ? [`${pid}: ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- nx.json as the tests edit it
type NxJson = Record<string, any>;

/** Changes the workspace's nx.json in place. */
function editNxJson(edit: (nxJson: NxJson) => void): void {
  const nxJson = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8')) as NxJson;
  edit(nxJson);
  writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
}

/** Runs `test` with nx.json changed by `edit`, then puts the file back as it was, whatever happened. */
async function withNxJson(edit: (nxJson: NxJson) => void, test: () => void | Promise<void>): Promise<void> {
  const saved = readFileSync(join(ws, 'nx.json'), 'utf8');
  try {
    editNxJson(edit);
    await test();
  } finally {
    writeFileSync(join(ws, 'nx.json'), saved);
  }
}

/** docker-build through the lab builder (loaded into dockerd or pushed), modules from the lab's proxy. */
function useLabBuilder(): void {
  editNxJson((nxJson) => {
    nxJson.targetDefaults = { ...nxJson.targetDefaults, 'docker-build': { options: { builder: L.builder, buildArgs: { GOPROXY: L.goproxy }, cacheFrom: [], cacheTo: [] } } };
  });
}

const inRegistry = (reference: string) => sh('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`], { allowFailure: true }).status === 0;

beforeAll(() => {
  L = lab();
  ws = workspaceWithLayout('user-loop', 'go-work', registryChildEnv());
  addToGoProxy(join(ws, 'apps', 'api'));
});

describe('setup before init', () => {
  it('installing the package and running setup (no nx add, no init) registers the plugin and gives every target', () => {
    run('npm', ['install', '--save-dev', 'go-docker', '--no-audit', '--no-fund'], ws, env());
    expect(JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8')).plugins ?? []).not.toContainEqual(expect.objectContaining({ plugin: 'go-docker' }));
    expect(nx('g', 'go-docker:setup', '--port=8080')).toContain('registered the plugin in nx.json');
    const targets = Object.keys(JSON.parse(run('npx', ['nx', 'show', 'project', 'api', '--json'], ws, env())).targets);
    expect(targets).toEqual(expect.arrayContaining(['docker-lint', 'docker-build', 'docker-tag', 'docker-run']));
    commitAll(ws, 'setup', env());
    // A second run finds everything in place.
    nx('g', 'go-docker:setup', '--port=8080');
    expect(run('git', ['status', '--porcelain'], ws, env())).toBe('');
  });
});

describe('docker-run', () => {
  beforeAll(() => {
    useLabBuilder();
    writeFileSync(join(ws, 'apps/api/run.env'), 'PORT=9191\n');
    commitAll(ws, 'lab builder', env());
  });

  it.each([
    ['Ctrl-C (SIGINT to the whole process group, as a terminal sends it)', (child: ChildProcess) => process.kill(-(child.pid as number), 'SIGINT')],
    ['SIGTERM to nx alone', (child: ChildProcess) => child.kill('SIGTERM')],
  ])('builds, serves HTTP with its env file on a read-only root, and %s leaves no container', async (_how, stop) => {
    const name = `loop-e2e-api-${RUN_ID}`;
    const { child, output } = startNx(['run', 'api:docker-run', `--name=${name}`, '--envFile=apps/api/run.env', '--ports=127.0.0.1:18931:9191']);
    try {
      const answer = await until('the api to answer on :18931', () => httpGet('http://127.0.0.1:18931/'), 600, output, child);
      expect(answer).toMatch(/^200 Hello, api. \(request [0-9a-f-]{36}\)/);
      expect(sh(L.docker, ['inspect', '-f', '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.AutoRemove}}', name]).stdout.trim()).toBe('true true');
      stop(child);
      await exited(child);
      await until(`container ${name} to be gone`, () => (containers(name) === '' ? true : undefined), 30);
      expect(await httpGet('http://127.0.0.1:18931/')).toBeUndefined();
    } finally {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
      sh(L.docker, ['rm', '-f', name], { allowFailure: true });
    }
  });

  it('with podman: docker-build builds into podman, docker-run runs it there, serves HTTP, and Ctrl-C leaves no container', async () => {
    const podman = (nxJson: NxJson) => {
      const { builder: _buildxOnly, ...options } = nxJson.targetDefaults['docker-build'].options;
      nxJson.targetDefaults['docker-build'].options = { ...options, engine: 'podman', network: 'host' };
    };
    await withNxJson(podman, async () => {
      const name = `loop-e2e-podman-${RUN_ID}`;
      const podmanContainers = () => sh('podman', ['ps', '-aq', '--filter', `name=^${name}$`]).stdout.trim();
      const { child, output } = startNx(['run', 'api:docker-run', `--name=${name}`, '--envFile=apps/api/run.env', '--ports=127.0.0.1:18932:9191', '--skip-nx-cache']);
      try {
        const answer = await until('the api to answer on :18932', () => httpGet('http://127.0.0.1:18932/'), 600, output, child);
        expect(answer).toMatch(/^200 Hello, api. \(request [0-9a-f-]{36}\)/);
        expect(output()).toContain(`as container ${name} (podman)`);
        expect(sh('podman', ['inspect', '-f', '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.AutoRemove}}', name]).stdout.trim()).toBe('true true');
        process.kill(-(child.pid as number), 'SIGINT');
        await exited(child);
        await until(`podman container ${name} to be gone`, () => (podmanContainers() === '' ? true : undefined), 30);
      } finally {
        if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
        sh('podman', ['rm', '-f', name], { allowFailure: true });
      }
    });
  });
});

describe('nx release for images', () => {
  const registry = () => `${L.registry}/loop-${RUN_ID}`;
  const git = (...args: string[]) => run('git', args, ws, env()).trim();
  const labels = (reference: string) => (JSON.parse(sh('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`]).stdout) as { Labels: Record<string, string> }).Labels;
  /** Nx takes git options per subcommand (version alone) or for `nx release` as a whole, never both. */
  const release = (scheme: 'semver' | 'calendar', subcommands: boolean) => ({
    // At the top, as the README says: Nx's changelog step reads the workspace's tag pattern too.
    releaseTag: { pattern: '{projectName}@{version}' },
    groups: {
      images: {
        projects: ['api', 'worker'],
        projectsRelationship: 'independent',
        version: { conventionalCommits: true, versionActions: 'go-docker/release', versionActionsOptions: { scheme } },
        changelog: { projectChangelogs: true },
      },
    },
    changelog: { workspaceChangelog: false },
    // nx release version alone commits and tags only when told; nx release does anyway.
    ...(subcommands ? { version: { git: { commit: true, tag: true } } } : {}),
  });
  const configure = (scheme: 'semver' | 'calendar', subcommands: boolean) =>
    editNxJson((nxJson) => {
      nxJson.release = release(scheme, subcommands);
      nxJson.targetDefaults = { ...nxJson.targetDefaults, 'go-docker:release-publish': { options: { registry: registry() } } };
    });
  /** This month's first calendar version (UTC), what the calendar scheme gives a project's first release in it. */
  const firstCalendarVersionThisMonth = () => `${new Date().getUTCFullYear()}.${new Date().getUTCMonth() + 1}.0`;
  /** A one-line change to a file, committed with a conventional-commit message. */
  const changeAndCommit = (path: string, from: string, to: string, message: string) => {
    writeFileSync(join(ws, path), readFileSync(join(ws, path), 'utf8').replace(from, to));
    commitAll(ws, message, env());
  };

  beforeAll(() => {
    git('config', 'user.name', 'e2e');
    git('config', 'user.email', 'e2e@localhost');
    useLabBuilder();
    configure('semver', true);
    commitAll(ws, 'feat: release images with nx release', env());
  });

  it('nx release version --dry-run shows the image tags and changes nothing', () => {
    const output = nx('release', 'version', '--first-release', '--dry-run');
    expect(output).toContain(`🐳 nx release publish builds and pushes ${registry()}/api:0.0.1`);
    expect(output).toContain(`${registry()}/worker:0.0.1`);
    expect(git('tag', '--list')).toBe('');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('nx release version tags the commit and writes VERSION; nx release publish builds and pushes both images with the version label', () => {
    nx('release', 'version', '--first-release');
    expect(git('tag', '--list').split('\n').sort()).toEqual(['api@0.0.1', 'worker@0.0.1']);
    expect(readFileSync(join(ws, 'apps/api/VERSION'), 'utf8')).toBe('0.0.1\n');
    const output = nx('release', 'publish');
    expect(output).toContain(`go-docker:release-publish: api 0.0.1 → ${registry()}/api:0.0.1`);
    for (const name of ['api', 'worker']) {
      expect(labels(`${registry()}/${name}:0.0.1`)['org.opencontainers.image.version']).toBe('0.0.1');
      expect(manifestPlatforms(`${registry()}/${name}:0.0.1`)).toEqual(['linux/amd64', 'linux/arm64']);
    }
  });

  it('with the calendar scheme only the changed project is versioned, dry-run first, and only its image is pushed', () => {
    configure('calendar', true);
    commitAll(ws, 'chore: calendar versions for the images', env());
    changeAndCommit('apps/api/main.go', '(request %s)', '(req %s)', 'fix: shorter api answers');
    const version = firstCalendarVersionThisMonth();
    const dry = nx('release', 'version', '--dry-run');
    expect(dry).toContain(`🐳 nx release publish builds and pushes ${registry()}/api:${version}`);
    expect(dry).not.toContain(`${registry()}/worker:${version}`);
    expect(inRegistry(`${registry()}/api:${version}`)).toBe(false);
    nx('release', 'version');
    expect(git('tag', '--points-at', 'HEAD')).toBe(`api@${version}`);
    const published = nx('release', 'publish');
    expect(published).toContain('worker: no release tag of it on HEAD (nx release version makes one): nothing to publish');
    expect(labels(`${registry()}/api:${version}`)['org.opencontainers.image.version']).toBe(version);
    expect(inRegistry(`${registry()}/worker:${version}`)).toBe(false);
  });

  it('a later release in one command: nx release --dry-run names the one changed image, nx release --yes versions, writes its changelog, tags and pushes it', () => {
    // The one-command form takes git options for the whole of nx release (its own defaults), not per subcommand.
    configure('calendar', false);
    commitAll(ws, 'chore: nx release in one command', env());
    changeAndCommit('apps/worker/main.go', 'worker started at', 'worker up at', 'fix: shorter worker start line');
    const version = firstCalendarVersionThisMonth();
    const dry = nx('release', '--dry-run');
    expect(dry).toContain(`🐳 nx release publish builds and pushes ${registry()}/worker:${version}`);
    expect(dry).not.toContain(`${registry()}/api:`);
    expect(git('tag', '--points-at', 'HEAD')).toBe('');
    const released = nx('release', '--yes');
    expect(git('tag', '--points-at', 'HEAD')).toBe(`worker@${version}`);
    expect(readFileSync(join(ws, 'apps/worker/CHANGELOG.md'), 'utf8')).toContain('shorter worker start line');
    expect(released).toContain(`go-docker:release-publish: worker ${version} → ${registry()}/worker:${version}`);
    expect(labels(`${registry()}/worker:${version}`)['org.opencontainers.image.version']).toBe(version);
    expect(git('status', '--porcelain')).toBe('');
  });
});

describe('SIGKILL of nx during a build', () => {
  it('leaves no buildx process and pushes nothing', async () => {
    const tag = `${repo('killed')}:1`;
    const { child, output } = startNx(['run', 'api:docker-build', '--push', `--tags=${tag}`, '--noCache', '--skip-nx-cache']);
    try {
      await until('the go build step to start', () => (/go build -trimpath/.test(output()) ? true : undefined), 300, output, child);
      expect(processesMentioning(tag).some((p) => p.includes('buildx'))).toBe(true);
      child.kill('SIGKILL');
      await exited(child);
      await until('no process to mention the tag', () => (processesMentioning(tag).length === 0 ? true : undefined), 30, () => processesMentioning(tag).join('\n'));
      // Long enough for the build to have finished and pushed, had it gone on without its client.
      await new Promise((r) => setTimeout(r, 45_000));
      expect(processesMentioning(tag)).toEqual([]);
      expect(inRegistry(tag)).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    }
  });
});

describe('first-day options and messages', () => {
  it('--buildArgs=K=V (repeatable, commas kept) and --buildArgs.K=V reach the engine as --build-arg', () => {
    const output = nx('run', 'api:docker-build', '--dryRun', '--skip-nx-cache', '--buildArgs=GOFLAGS=-tags=a,b', '--buildArgs=EXTRA=1');
    expect(output).toContain('--build-arg GOFLAGS=-tags=a,b --build-arg EXTRA=1');
    expect(nx('run', 'api:docker-build', '--dryRun', '--skip-nx-cache', '--buildArgs.EXTRA=2')).toContain('--build-arg EXTRA=2');
  });

  it("a first push in CI with the target's own cache defaults prints no ERROR line (no cache to import, none exported)", async () => {
    const ownCacheDefaults = (nxJson: NxJson) => {
      delete nxJson.targetDefaults['docker-build'].options.cacheFrom;
      delete nxJson.targetDefaults['docker-build'].options.cacheTo;
    };
    await withNxJson(ownCacheDefaults, () => {
      const tag = `${repo('first-push')}:1`;
      const result = sh('npx', ['nx', 'run', 'api:docker-build', '--push', '--platforms=linux/amd64', `--tags=${tag}`, '--skip-nx-cache'], { cwd: ws, env: { ...env(), CI: 'true' }, allowFailure: true });
      expect(result.status).toBe(0);
      expect(result.output).not.toMatch(/^(#\d+ )?ERROR/m);
      expect(result.output).not.toContain('--cache-to');
      expect(inRegistry(tag)).toBe(true);
    });
  });

  it('--push --load names the two push platforms as the cause', () => {
    const result = sh('npx', ['nx', 'run', 'api:docker-build', '--push', '--load', '--dryRun', '--skip-nx-cache'], { cwd: ws, env: env(), allowFailure: true });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('pushing builds both linux/amd64 and linux/arm64 unless platforms says otherwise');
    expect(result.output).toContain('To push and load, build one platform (--platforms=linux/amd64)');
  });

  it('--builder without the buildx plugin is an error naming what is missing, not a build elsewhere', () => {
    // A docker config directory without cli-plugins: this docker CLI has no buildx.
    const noBuildx = { ...env(), DOCKER_CONFIG: join(ws, 'tmp', 'docker-config-without-buildx') };
    const result = sh('npx', ['nx', 'run', 'api:docker-build', `--builder=${L.builder}`, '--dryRun', '--skip-nx-cache'], { cwd: ws, env: noBuildx, allowFailure: true });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`builder "${L.builder}" is a docker buildx builder, but the docker buildx plugin is missing`);
  });
});

describe('setup --force', () => {
  it('--dry-run prints the diff it would write; --force keeps the edited file as a backup beside it', () => {
    const dockerfile = join(ws, 'apps/api/Dockerfile');
    const edited = readFileSync(dockerfile, 'utf8').replace('USER 1001:1001', 'USER 1001:1001\nLABEL team=payments');
    writeFileSync(dockerfile, edited);
    const kept = nx('g', 'go-docker:setup', '--port=8080');
    expect(kept).toContain('apps/api/Dockerfile kept: edited since setup wrote it; --force replaces it and saves yours as apps/api/Dockerfile~.');
    expect(kept.match(/apps\/api\/Dockerfile kept/g)).toHaveLength(1);
    const dry = nx('g', 'go-docker:setup', '--port=8080', '--force', '--dry-run');
    expect(dry).toContain('--- a/apps/api/Dockerfile\n+++ b/apps/api/Dockerfile\n');
    expect(dry).toContain('\n-LABEL team=payments\n');
    expect(readFileSync(dockerfile, 'utf8')).toBe(edited);
    nx('g', 'go-docker:setup', '--port=8080', '--force');
    expect(readFileSync(join(ws, 'apps/api/Dockerfile~'), 'utf8')).toBe(edited);
    expect(readFileSync(dockerfile, 'utf8')).not.toContain('LABEL team=payments');
  });
});
