import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger, type Tree, updateJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { writeLayout } from '../test-utils/fixtures';
import { applySetup } from '../generators/setup/generator';
import { imageBuildAdditions, stampVersion, staleParts } from './build';
import { imageOptionFacts } from './dockerfile-facts';
import { imageOptionInputs, withApplications } from './graph-inputs';
import { validateImageOptions } from './options';
import { lintFiles } from '../lint/run-lint';

const validate = (raw: unknown, source: 'project' | 'workspace' = 'project') => validateImageOptions(raw, 'apps/web/project.json', 'go-docker', source);

describe('image options: validation', () => {
  it.each([
    [{ ports: [0] }, 'apps/web/project.json: go-docker.ports must be a list of port numbers 1-65535'],
    [{ ports: '8080' }, 'go-docker.ports must be a list of port numbers'],
    [{ runtimeFiles: ['../secrets'] }, 'go-docker.runtimeFiles[0] must be a path inside the app folder, without ..'],
    [{ runtimeFiles: ['templates/*.html'] }, 'go-docker.runtimeFiles[0] must be a path inside the app folder'],
    [{ runtimeFiles: [{ from: 'data/x.json', to: '/etc/x' }] }, 'go-docker.runtimeFiles[0] has .to, which must be a path inside /app'],
    [{ runtimeFiles: 'templates' }, 'go-docker.runtimeFiles must be a list of paths'],
    [{ binaryName: 'a b' }, 'go-docker.binaryName must be a file name'],
    [{ binaries: [{ name: 'ctl', main: 'cmd/ctl' }] }, 'go-docker.entrypoint must be set when binaries is'],
    [{ stamp: { version: '{version}' } }, 'key "version" is not "<import path>.<variable>"'],
    [{ stamp: { 'main.version': '$(whoami)' } }, 'go-docker.stamp["main.version"] must be text of'],
    [{ stamp: { 'main.version': '{clock}' } }, 'must be text of letters'],
    [{ privateModules: { netrc: { src: '~/.netrc' } } }, 'go-docker.privateModules.goprivate is required'],
    [{ privateModules: { goprivate: 'example.com/corp/*', netrc: 'x' } }, 'go-docker.privateModules.netrc must be { "src"'],
    [{ port: 8080 }, 'go-docker.port is not an image option; known: runtimeFiles'],
  ])('%j → %s', (raw, message) => {
    expect(() => validate(raw)).toThrow(message);
  });

  it('keeps project-only options out of nx.json', () => {
    expect(() => validate({ binaryName: 'etcd' }, 'workspace')).toThrow("go-docker.binaryName names one project's binaries: set it in that project's project.json");
  });

  it('accepts the documented examples', () => {
    expect(
      validate({
        runtimeFiles: ['templates', 'static', { from: 'data/products.json', to: 'products.json' }],
        binaryName: 'web',
        binaries: [{ name: 'migrate', main: 'cmd/migrate' }],
        entrypoint: 'web',
        ports: [8080, 9090],
        stamp: { 'main.version': 'v{version}', 'example.com/mono/internal/version.Commit': '{commit}', 'main.date': '{commitTime}' },
        privateModules: { goprivate: 'example.com/corp/*', netrc: { env: 'GO_NETRC' } },
      }),
    ).toMatchObject({ ports: [8080, 9090], runtimeFiles: ['templates', 'static', { from: 'data/products.json', to: 'products.json' }] });
  });
});

function rootModule(options: object | undefined, nxImage?: object): Tree {
  const tree = createTreeWithEmptyWorkspace();
  writeLayout(tree, 'root-module');
  tree.write('apps/web/templates/index.html', '<p>{{.}}</p>\n');
  tree.write('apps/web/static/app.css', 'p {}\n');
  tree.write('data/products.json', '[]\n');
  if (options) updateJson(tree, 'apps/web/project.json', (json) => ({ ...json, 'go-docker': options }));
  if (nxImage) updateJson(tree, 'nx.json', (json) => ({ ...json, plugins: [{ plugin: 'go-docker', options: { image: nxImage } }] }));
  return tree;
}

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') as string;

describe('image options: setup', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation((message: string) => void warnings.push(message));
  });
  afterEach(() => jest.restoreAllMocks());

  const FULL = {
    runtimeFiles: ['templates', 'static', { from: 'data/products.json', to: 'products.json' }],
    binaryName: 'webd',
    binaries: [{ name: 'migrate', main: 'cmd/migrate' }],
    entrypoint: 'webd',
    ports: [8080, 9090],
    stamp: { 'main.version': '{version}', 'example.com/mono/internal/version.Commit': '{commit}', 'main.date': '{commitTime}' },
    privateModules: { goprivate: 'example.com/corp/*', gonoproxy: 'none', ca: { src: 'certs/corp-ca.pem' } },
  };

  it('writes runtime files, binaries, ports, stamp and private modules into the Dockerfile and ignore file', async () => {
    const tree = rootModule(FULL);
    // The extra binary imports a private module: the image's download step fetches it.
    tree.write('go.mod', `${read(tree, 'go.mod')}\nrequire example.com/corp/db v1.0.0\n`);
    tree.write('cmd/migrate/main.go', 'package main\n\nimport "example.com/corp/db"\n\nfunc main() { db.Migrate() }\n');
    await applySetup(tree, { projects: 'web' });
    const dockerfile = read(tree, 'apps/web/Dockerfile');
    expect(dockerfile).toContain('ARG GOPRIVATE=example.com/corp/*\nARG GONOSUMDB=example.com/corp/*\nARG GONOPROXY=none\n');
    expect(dockerfile).toContain('    --mount=type=secret,id=netrc,target=/root/.netrc \\\n    --mount=type=secret,id=go-ca,target=/run/go-docker/ca/ca.pem \\\n');
    expect(dockerfile).toContain('    SSL_CERT_DIR=/etc/ssl/certs:/run/go-docker/ca go mod download \\\n      example.com/corp/db\n');
    // The secrets are mounted by the steps that fetch modules: the download and each build (what the imported modules import).
    expect(dockerfile.match(/type=secret/g)).toHaveLength(6);
    expect(dockerfile).toContain('    SSL_CERT_DIR=/etc/ssl/certs:/run/go-docker/ca CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \\\n');
    expect(dockerfile).toContain('ARG VERSION\nARG COMMIT\nARG COMMIT_TIME\n');
    expect(dockerfile).toContain('-ldflags="-s -w -X main.version=${VERSION} -X example.com/mono/internal/version.Commit=${COMMIT} -X main.date=${COMMIT_TIME}" -o /out/webd ./apps/web\n');
    expect(dockerfile).toContain(' -o /out/migrate ./cmd/migrate\n');
    expect(dockerfile).toMatch(/^USER 1001:1001\n(#.*\n)*WORKDIR \/app\nEXPOSE 8080\nEXPOSE 9090\n/m);
    expect(dockerfile).toContain(
      [
        '# Files the program reads at run time, in its working directory.',
        'COPY --chown=1001:1001 ["apps/web/templates","/app/templates"]',
        'COPY --chown=1001:1001 ["apps/web/static","/app/static"]',
        'COPY --chown=1001:1001 ["data/products.json","/app/products.json"]',
        '# The binary comes last: every step above stays cached when only the code changes.',
        'COPY --from=build /out/webd /usr/local/bin/webd',
        'COPY --from=build /out/migrate /usr/local/bin/migrate',
        'ENTRYPOINT ["/usr/local/bin/webd"]',
      ].join('\n'),
    );
    const allow = read(tree, 'apps/web/Dockerfile.dockerignore').split('\n');
    expect(allow).toEqual(expect.arrayContaining(['!apps/web/templates', '!apps/web/static', '!data/products.json', '!cmd/migrate/*.go', '!apps/web/*.go']));
    expect(staleParts(FULL as never, dockerfile)).toEqual([]);
    // …and it follows every lint rule, at every severity.
    const file = join(mkdtempSync(join(tmpdir(), 'go-docker-options-')), 'Dockerfile');
    writeFileSync(file, dockerfile);
    writeFileSync(`${file}.dockerignore`, read(tree, 'apps/web/Dockerfile.dockerignore'));
    const result = lintFiles({ paths: [file], cwd: join(file, '..'), overrides: { threshold: 'info' } });
    expect([...result.problems.map((p) => p.message), ...result.findings.map((f) => `${f.rule} ${f.line}: ${f.message}`)]).toEqual([]);
    rmSync(join(file, '..'), { recursive: true, force: true });
  });

  it('a re-run keeps every file generated (unchanged, never kept-edited)', async () => {
    const tree = rootModule(FULL);
    await applySetup(tree, { projects: 'web' });
    const again = await applySetup(tree, { projects: 'web' });
    expect(again.map((r) => [r.dockerfile, r.ignore])).toEqual([['unchanged', 'unchanged']]);
    updateJson(tree, 'apps/web/project.json', (json) => ({ ...json, 'go-docker': { ...FULL, ports: [7070] } }));
    const changed = await applySetup(tree, { projects: 'web' });
    expect(changed.map((r) => r.dockerfile)).toEqual(['updated']);
    expect(read(tree, 'apps/web/Dockerfile')).toMatch(/^EXPOSE 7070$/m);
  });

  it('every runtime image gets a working directory owned by 1001:1001, options or not', async () => {
    const tree = rootModule(undefined);
    await applySetup(tree, {});
    for (const dir of ['apps/web', 'cmd/migrate']) expect(read(tree, `${dir}/Dockerfile`)).toMatch(/^USER 1001:1001\n(#.*\n)*WORKDIR \/app\n/m);
  });

  it('ports: the project list wins over setup --port, which wins over nx.json', async () => {
    const tree = rootModule({ ports: [7000, 7001] }, { ports: [9999] });
    await applySetup(tree, { port: 8080 });
    expect(read(tree, 'apps/web/Dockerfile')).toMatch(/^EXPOSE 7000\nEXPOSE 7001\n/m);
    expect(read(tree, 'cmd/migrate/Dockerfile')).toMatch(/^EXPOSE 8080$/m);
    const noFlag = rootModule(undefined, { ports: [9999] });
    await applySetup(noFlag, {});
    expect(read(noFlag, 'cmd/migrate/Dockerfile')).toMatch(/^EXPOSE 9999$/m);
  });

  it('warns about a templates/ or static/ folder beside a main package that is neither embedded nor declared', async () => {
    const tree = rootModule(undefined);
    await applySetup(tree, { projects: 'web' });
    expect(warnings.join('\n')).toContain('apps/web/templates/ is neither embedded nor a runtime file');
    expect(warnings.join('\n')).toContain('apps/web/static/ is neither embedded nor a runtime file');
    warnings = [];
    await applySetup(rootModule({ runtimeFiles: ['templates', 'static'] }), { projects: 'web' });
    expect(warnings.join('\n')).not.toContain('neither embedded');
  });

  it('refuses what cannot be built, naming the file', async () => {
    await expect(applySetup(rootModule({ runtimeFiles: ['missing'] }), { projects: 'web' })).rejects.toThrow('apps/web/project.json: go-docker.runtimeFiles: apps/web/missing does not exist');
    await expect(applySetup(rootModule({ binaries: [{ name: 'x', main: 'libs/store' }], entrypoint: 'x' }), { projects: 'web' })).rejects.toThrow('libs/store is not a Go application');
    await expect(applySetup(rootModule({ entrypoint: 'nope' }), { projects: 'web' })).rejects.toThrow('go-docker.entrypoint: nope is none of the image\'s binaries (web)');
    await expect(applySetup(rootModule({ stamp: { 'main.version': '{version}' } }), { projects: 'web', strategy: 'prebuilt' })).rejects.toThrow('go-docker.stamp needs the in-docker strategy');
  });

  it('the graph reads the options back from the Dockerfile: runtime files, stamp and extra binaries become inputs', async () => {
    const tree = rootModule(FULL);
    const [result] = await applySetup(tree, { projects: 'web' });
    const facts = imageOptionFacts(read(tree, 'apps/web/Dockerfile'), '.');
    expect(facts).toEqual({ runtimeFiles: ['apps/web/templates', 'apps/web/static', 'data/products.json'], stamped: true, mains: ['apps/web', 'cmd/migrate'] });
    const migrate = { ...result.app, dir: 'cmd/migrate' };
    const inputs = imageOptionInputs(['{workspaceRoot}/apps/web/*.go'], withApplications(facts, [result.app, migrate], result.app), (app) => [`{workspaceRoot}/${app.dir}/*.go`]);
    expect(inputs).toEqual([
      '{workspaceRoot}/apps/web/*.go',
      '{workspaceRoot}/cmd/migrate/*.go',
      '{workspaceRoot}/apps/web/templates',
      '{workspaceRoot}/apps/web/templates/**',
      '{workspaceRoot}/apps/web/static',
      '{workspaceRoot}/apps/web/static/**',
      '{workspaceRoot}/data/products.json',
      '{workspaceRoot}/data/products.json/**',
      { runtime: 'git describe --tags --always --long --abbrev=40 HEAD' },
    ]);
  });
});

describe('image options: the version stamp', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z', GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z' } }).trim();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'go-docker-version-'));
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'package.json'), '{ "version": "0.0.0" }\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("comes from the project's release tag, never from the workspace package.json", () => {
    const sha = git('rev-parse', 'HEAD');
    expect(stampVersion(dir, 'api', 'apps/api', sha)).toBe(`0.0.0-g${sha.slice(0, 12)}`);
    git('tag', 'api@1.4.0');
    git('tag', 'web@9.9.9');
    expect(stampVersion(dir, 'api', 'apps/api', sha)).toBe('1.4.0');
    git('commit', '-q', '--allow-empty', '-m', 'two');
    const next = git('rev-parse', 'HEAD');
    // Between releases: git describe's form, the same for the same commit.
    expect(stampVersion(dir, 'api', 'apps/api', next)).toBe(`1.4.0-1-g${next.slice(0, 12)}`);
    git('tag', 'v2.0.0');
    expect(stampVersion(dir, 'api', 'apps/api', next)).toBe(`1.4.0-1-g${next.slice(0, 12)}`);
    expect(stampVersion(dir, 'other', 'apps/other', next)).toBe('2.0.0');
  });

  it('docker-build passes VERSION, COMMIT and COMMIT_TIME from git (commit time, not the clock); an explicit build arg wins', () => {
    mkdirSync(join(dir, 'apps/api'), { recursive: true });
    writeFileSync(join(dir, 'apps/api/project.json'), JSON.stringify({ name: 'api', 'go-docker': { stamp: { 'main.version': '{version}' } } }));
    writeFileSync(join(dir, 'apps/api/Dockerfile'), 'FROM scratch\nARG VERSION\nARG COMMIT\nARG COMMIT_TIME\nRUN go build -ldflags="-X main.version=${VERSION}" -o /out/api .\n');
    git('tag', 'api@3.1.4');
    const context = { workspaceRoot: dir, projectName: 'api', projectRoot: 'apps/api', dockerfile: join(dir, 'apps/api/Dockerfile'), env: {}, warn: () => undefined };
    expect(imageBuildAdditions(context)).toEqual({ buildArgs: { VERSION: '3.1.4', COMMIT: git('rev-parse', 'HEAD'), COMMIT_TIME: '2026-01-02T03:04:05Z' }, secrets: [] });
    expect(imageBuildAdditions(context, { VERSION: '9.0.0' }).buildArgs.VERSION).toBeUndefined();
  });

  it('docker-build refuses a Dockerfile written before the options changed, and says to run setup', () => {
    mkdirSync(join(dir, 'apps/api'), { recursive: true });
    writeFileSync(join(dir, 'apps/api/project.json'), JSON.stringify({ name: 'api', 'go-docker': { ports: [8080], runtimeFiles: ['templates'] } }));
    writeFileSync(join(dir, 'apps/api/Dockerfile'), 'FROM scratch\nEXPOSE 8080\n');
    const context = { workspaceRoot: dir, projectName: 'api', projectRoot: 'apps/api', dockerfile: join(dir, 'apps/api/Dockerfile'), env: {}, warn: () => undefined };
    expect(() => imageBuildAdditions(context)).toThrow('(runtime file templates): run `nx g go-docker:setup --projects=api` to write them');
  });
});
