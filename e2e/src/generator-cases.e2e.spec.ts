// The layouts setup must handle beyond the common ones, built by real engines on the container lab: a
// vendored module (offline, from vendor/ alone), a go.work whose app requires a workspace module at v0.0.0,
// a required local replacement no package of the app imports, a requirement no proxy serves that the app
// never imports, and folders with a space, `$`, a quote, glob characters, a leading space, non-ASCII
// letters, a comma and double quotes. `nx g go-docker:setup` of the
// published plugin writes the Dockerfiles; BuildKit (buildx) and podman build them; every image runs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addToGoProxy, type Lab, lab, sh } from './support/lab';
import { REPO_ROOT } from './support/local-registry';
import { registryChildEnv, run, workspaceWithLayout } from './support/nx-workspace';
import { APP_DIR, CSV_PATHS_FILES, ODD_PATHS_FILES, SOLO_DIR } from '../../packages/go-docker/src/generators/setup/__fixtures__/odd-paths';

const CASES_DIR = join(REPO_ROOT, 'packages', 'go-docker', 'src', 'generators', 'setup', '__fixtures__', 'cases');
const env = registryChildEnv;

let L: Lab;
beforeAll(() => {
  L = lab();
});

/** A real Nx workspace around the files, with the published plugin set up in it. */
function setUp(name: string, layout: string): string {
  const ws = workspaceWithLayout(`generator-${name}`, layout, env());
  run('npx', ['nx', 'add', 'go-docker'], ws, env());
  run('npx', ['nx', 'g', 'go-docker:setup'], ws, env());
  return ws;
}

/** Files written to a temporary layout folder (names no repository should hold). */
function layoutOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'go-docker-layout-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** The build context the header of a generated Dockerfile names (sh-quoted when not plain). */
function contextOf(ws: string, dockerfile: string): string {
  const word = String.raw`(?:'(?:[^']|'\\'')*'|\S+)`;
  const header = new RegExp(String.raw`^#\s+docker buildx build .* -f ${word} (${word})$`, 'm').exec(readFileSync(join(ws, dockerfile), 'utf8'));
  if (!header) throw new Error(`no build command in the header of ${dockerfile}`);
  return header[1].startsWith("'") ? header[1].slice(1, -1).replace(/'\\''/g, "'") : header[1];
}

/** Builds with buildx on the lab's BuildKit for amd64 and arm64, pushes, runs the amd64 image; returns its output. */
function buildxAndRun(ws: string, dockerfile: string, tag: string, buildArgs: string[] = [`GOPROXY=${L.goproxy}`]): string {
  const image = `${L.registry}/e2e/generator-${tag}:latest`;
  sh(L.docker, [
    'buildx', 'build', '--builder', L.builder, '--platform', 'linux/amd64,linux/arm64', '--push', '-t', image,
    ...buildArgs.flatMap((a) => ['--build-arg', a]), '-f', join(ws, dockerfile), join(ws, contextOf(ws, dockerfile)),
  ], { env: { ...process.env, ...L.env, BUILDX_GIT_INFO: 'false' } });
  return sh(L.docker, ['run', '--rm', '--pull', 'always', '--platform', 'linux/amd64', image], { env: { ...process.env, ...L.env } }).stdout;
}

/** Builds with podman (its RUN steps on the host network, for the lab's module proxy) and runs the image. */
function podmanAndRun(ws: string, dockerfile: string, tag: string): string {
  const image = `localhost/e2e-generator-${tag}:latest`;
  sh('podman', ['build', '--network=host', '--platform', 'linux/amd64', '--build-arg', `GOPROXY=${L.goproxy}`, '-t', image, '-f', join(ws, dockerfile), join(ws, contextOf(ws, dockerfile))]);
  try {
    return sh('podman', ['run', '--rm', image]).stdout;
  } finally {
    sh('podman', ['rmi', '-f', image], { allowFailure: true });
  }
}

describe('a vendored module', () => {
  let ws: string;
  beforeAll(() => (ws = setUp('vendor', join(CASES_DIR, 'vendor'))));

  it('builds from vendor/ alone: its vendored module is on no proxy, and the build gets none', () => {
    expect(readFileSync(join(ws, 'cmd/hello/Dockerfile'), 'utf8')).not.toContain('go mod download');
    expect(buildxAndRun(ws, 'cmd/hello/Dockerfile', 'vendor', [])).toBe('[hello from vendor]\n');
    expect(podmanAndRun(ws, 'cmd/hello/Dockerfile', 'vendor')).toBe('[hello from vendor]\n');
  });

  it('lints clean', () => {
    run('npx', ['nx', 'run-many', '-t', 'docker-lint'], ws, env());
  });
});

describe('a go.work app that requires a workspace module at v0.0.0', () => {
  let ws: string;
  beforeAll(() => (ws = setUp('go-work-v0', join(CASES_DIR, 'go-work-v0'))));

  it('builds with the module proxy turned off: nothing outside the workspace is needed', () => {
    expect(buildxAndRun(ws, 'apps/api/Dockerfile', 'go-work-v0', ['GOPROXY=off'])).toBe('hello from api\n');
  });
});

describe('a required local replacement that no imported package lives in', () => {
  let ws: string;
  beforeAll(() => (ws = setUp('replace-required', join(CASES_DIR, 'replace-required'))));

  it('builds offline: the go command finds the replacement go.mod in the context', () => {
    expect(buildxAndRun(ws, 'apps/tool/Dockerfile', 'replace-required', ['GOPROXY=off'])).toBe('tool\n');
  });
});

describe('a requirement no package of the app imports, which no module proxy serves', () => {
  let ws: string;
  beforeAll(() => {
    ws = setUp('unused-requirement', join(CASES_DIR, 'unused-requirement'));
    // The lab's proxy gets uuid alone, from a module that requires nothing else.
    const uuidOnly = layoutOf({ 'go.mod': 'module example.com/uuid-only\n\ngo 1.26\n\nrequire github.com/google/uuid v1.6.0\n', 'go.sum': readFileSync(join(ws, 'go.sum'), 'utf8') });
    addToGoProxy(uuidOnly);
    rmSync(uuidOnly, { recursive: true, force: true });
  });

  it('builds: the download step names the imported module only, and the build never asks for the other', () => {
    expect(readFileSync(join(ws, 'cmd/api/Dockerfile'), 'utf8')).toContain('    go mod download \\\n      github.com/google/uuid\n');
    expect(buildxAndRun(ws, 'cmd/api/Dockerfile', 'unused-requirement')).toBe('api 36\n');
    expect(podmanAndRun(ws, 'cmd/api/Dockerfile', 'unused-requirement')).toBe('api 36\n');
  });
});

describe('folders with a space, $, quotes, glob characters, a leading space and non-ASCII letters', () => {
  let ws: string;
  let layout: string;
  beforeAll(() => {
    layout = layoutOf(ODD_PATHS_FILES);
    ws = setUp('odd-paths', layout);
    addToGoProxy(ws);
  });
  afterAll(() => rmSync(layout, { recursive: true, force: true }));

  it.each([
    [APP_DIR, 'app', /^app quoted lead 36\n$/],
    [SOLO_DIR, 'solo', /^solo quoted 36\n$/],
  ])('%s builds and runs with BuildKit and with podman', (dir, tag, output) => {
    expect(buildxAndRun(ws, `${dir}/Dockerfile`, `odd-${tag}`)).toMatch(output);
    expect(podmanAndRun(ws, `${dir}/Dockerfile`, `odd-${tag}`)).toMatch(output);
  });
});

describe('a folder with a comma and double quotes as well', () => {
  let ws: string;
  let layout: string;
  beforeAll(() => {
    layout = layoutOf(CSV_PATHS_FILES);
    ws = setUp('csv-paths', layout);
    addToGoProxy(ws);
  });
  afterAll(() => rmSync(layout, { recursive: true, force: true }));

  // podman 4 splits --mount options at every comma (no CSV quoting): BuildKit only.
  it('builds and runs with BuildKit (its --mount fields are CSV-quoted)', () => {
    expect(buildxAndRun(ws, `${APP_DIR}/Dockerfile`, 'csv-app')).toBe('app quoted lead csv 36\n');
  });
});
