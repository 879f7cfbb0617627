import { findingsOf } from '../../lint/test-utils/lint-snippet';
/**
 * Setup on the kinds of module layouts real monorepos have: vendor/, go.work with workspace modules
 * required at v0.0.0, local replacements, paths with spaces, quotes, `$` and non-ASCII, old go lines.
 * Each has its own small fixture; the last block replays every build stage with the real go command.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { filteredContext } from '../../executors/build/ignore-file';
import { imageInputs } from '../../graph/inputs';
import { fixtureFiles, go } from '../../test-utils/fixtures';
import { expectGoldenFiles } from './__fixtures__/golden';
import { APP_DIR, CSV_DIR, CSV_PATHS_FILES, LEAD_DIR, ODD_PATHS_FILES, SOLO_DIR } from './__fixtures__/odd-paths';
import { applySetup, type SetupResult } from './generator';

const CASES_DIR = join(__dirname, '__fixtures__', 'cases');
type Case = 'vendor' | 'go-work-v0' | 'replace-required' | 'unused-requirement' | 'odd-paths' | 'csv-paths';

function caseFiles(name: Case): Record<string, string> {
  if (name === 'odd-paths') return ODD_PATHS_FILES;
  if (name === 'csv-paths') return CSV_PATHS_FILES;
  const dir = join(CASES_DIR, name);
  return Object.fromEntries(fixtureFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

function caseTree(name: Case): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const [path, content] of Object.entries(caseFiles(name))) tree.write(path, content);
  return tree;
}

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') as string;
const warnings = () => (logger.warn as jest.Mock).mock.calls.map((c) => String(c[0])).join('\n');

beforeEach(() => {
  jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('golden files', () => {
  it.each<Case>(['vendor', 'go-work-v0', 'replace-required', 'unused-requirement', 'odd-paths'])('%s', async (name) => {
    const tree = caseTree(name);
    await applySetup(tree);
    expectGoldenFiles(name, tree);
  });
});

describe('a module with vendor/', () => {
  it('builds from vendor/: no download step, -mod=vendor, vendor/ in the allow-list and the task inputs', async () => {
    const tree = caseTree('vendor');
    const [result] = await applySetup(tree);
    const dockerfile = read(tree, 'cmd/hello/Dockerfile');
    expect(dockerfile).not.toContain('go mod download');
    expect(dockerfile).not.toContain('ARG GOPROXY');
    expect(dockerfile).toContain('go build -trimpath -mod=vendor -buildvcs=false');
    expect(read(tree, 'cmd/hello/Dockerfile.dockerignore').split('\n')).toContain('!vendor');
    expect(result.app.vendorDir).toBe('vendor');
    expect(imageInputs(result.app, 'cmd/hello/Dockerfile')).toContain('{workspaceRoot}/vendor/**');
  });

  it('downloads modules as usual when the go line is older than 1.14 (the go command ignores vendor/ then)', async () => {
    const tree = caseTree('vendor');
    tree.write('go.mod', read(tree, 'go.mod').replace('go 1.26', 'go 1.13'));
    const [result] = await applySetup(tree);
    expect(result.app.vendorDir).toBeUndefined();
    expect(read(tree, 'cmd/hello/Dockerfile')).toContain('    go mod download\n');
    expect(read(tree, 'cmd/hello/Dockerfile')).not.toContain('-mod=vendor');
  });

  it('ignores a vendor/ that `go work vendor` wrote when the module builds on its own', async () => {
    const tree = caseTree('vendor');
    tree.write('vendor/modules.txt', `## workspace\n${read(tree, 'vendor/modules.txt')}`);
    const [result] = await applySetup(tree);
    expect(result.app.vendorDir).toBeUndefined();
  });

  it('builds a go.work from the vendor/ beside it when `go work vendor` wrote it', async () => {
    const tree = caseTree('go-work-v0');
    tree.write('vendor/modules.txt', '## workspace\n');
    const [result] = await applySetup(tree);
    expect(result.app.vendorDir).toBe('vendor');
    expect(read(tree, 'apps/api/Dockerfile')).toContain('-mod=vendor');
    expect(read(tree, 'apps/api/Dockerfile.dockerignore').split('\n')).toContain('!vendor');
  });
});

describe('a go.work', () => {
  it('needs no download step when the app needs no module from outside the workspace (v0.0.0 requirement)', async () => {
    const tree = caseTree('go-work-v0');
    const [result] = await applySetup(tree);
    expect(result.goCommands.download).toBeUndefined();
    const dockerfile = read(tree, 'apps/api/Dockerfile');
    expect(dockerfile).not.toContain('go mod download');
    expect(dockerfile).toContain("# go-docker ignore=GD001 # api imports no package from outside the workspace's modules: there is nothing to download\n");
    // The go command reads example.com/libs/greet@v0.0.0's go.mod from the proxy once it loads the module graph.
    expect(warnings()).toContain('apps/api/go.mod:5 requires example.com/libs/greet v0.0.0, a module of go.work');
    expect(warnings()).toContain('Add `replace example.com/libs/greet v0.0.0 => ./libs/greet` to go.work.');
  });

  it('says nothing of a workspace module required at a version that go.work replaces at that version', async () => {
    const tree = caseTree('go-work-v0');
    tree.write('go.work', `${read(tree, 'go.work')}\nreplace example.com/libs/greet v0.0.0 => ./libs/greet\n`);
    await applySetup(tree);
    expect(warnings()).not.toContain('requires example.com/libs/greet');
  });

  it('downloads only the modules whose packages the app imports, never a workspace module', async () => {
    const tree = caseTree('go-work-v0');
    tree.write('apps/api/go.mod', `${read(tree, 'apps/api/go.mod')}require (\n\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sync v0.10.0\n)\n`);
    tree.write('libs/greet/go.mod', `${read(tree, 'libs/greet/go.mod')}\nrequire golang.org/x/text v0.14.0\n`);
    // A workspace package's own imports count too: the app's build compiles greet.
    tree.write('libs/greet/greet.go', 'package greet\n\nimport "golang.org/x/text/cases"\n\nvar _ = cases.Title\n\nfunc Hello(name string) string { return name }\n');
    tree.write('apps/api/main.go', 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/libs/greet"\n\t"github.com/google/uuid"\n)\n\nfunc main() { fmt.Println(greet.Hello(uuid.NewString())) }\n');
    const [result] = await applySetup(tree);
    expect(result.goCommands.download).toEqual(['github.com/google/uuid', 'golang.org/x/text']);
    expect(read(tree, 'apps/api/Dockerfile')).toContain('    go mod download \\\n      github.com/google/uuid \\\n      golang.org/x/text\n');
  });
});

describe('the download step of one module', () => {
  const moduleTree = (goLine: string) => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(
      'go.mod',
      `module example.com/svc\n\ngo ${goLine}\n\nrequire (\n\tcloud.google.com/go v0.110.0\n\tcloud.google.com/go/storage v1.40.0\n\tgithub.com/refused/by-the-proxy v1.0.0\n)\n`,
    );
    tree.write('cmd/api/main.go', 'package main\n\nimport (\n\t"cloud.google.com/go/storage/internal/trace"\n\t_ "cloud.google.com/go/civil"\n)\n\nfunc main() { trace.Start() }\n');
    tree.write('cmd/tool/main.go', 'package main\n\nimport "github.com/refused/by-the-proxy/lib"\n\nfunc main() { lib.Run() }\n');
    return tree;
  };

  it('names the modules of the packages the app imports (the longest module path wins), not every requirement', async () => {
    const tree = moduleTree('1.22');
    const results = await applySetup(tree);
    const api = results.find((r) => r.app.dir === 'cmd/api');
    expect(api?.goCommands.download).toEqual(['cloud.google.com/go', 'cloud.google.com/go/storage']);
    expect(read(tree, 'cmd/api/Dockerfile')).not.toContain('by-the-proxy');
  });

  it('downloads every module before go 1.17: without graph pruning the build loads the whole module graph', async () => {
    const tree = moduleTree('1.16');
    const results = await applySetup(tree);
    expect(results.find((r) => r.app.dir === 'cmd/api')?.goCommands.download).toEqual([]);
    expect(read(tree, 'cmd/api/Dockerfile')).toContain('    go mod download\n');
  });
});

describe('replace directives', () => {
  it('mounts the go.mod of a required local replacement even when no imported package lives there', async () => {
    const tree = caseTree('replace-required');
    const [result] = await applySetup(tree);
    expect(result.context).toBe('.');
    expect(result.goCommands.moduleFiles).toEqual(['apps/tool/go.mod', 'libs/plugin/go.mod']);
    expect(read(tree, 'apps/tool/Dockerfile.dockerignore').split('\n')).toContain('!libs/plugin/go.mod');
  });

  it.each([
    ['outside the workspace', '../../../outside', 'apps/tool/go.mod:7: replace example.com/libs/plugin => ../../../outside points outside the workspace'],
    ['to a missing folder', '../../libs/missing', 'apps/tool/go.mod:7: replace example.com/libs/plugin => ../../libs/missing: there is no go.mod in libs/missing'],
  ])('names go.mod:line for a replacement %s, and still sets up every other app', async (_, target, message) => {
    const tree = caseTree('replace-required');
    tree.write('apps/tool/go.mod', read(tree, 'apps/tool/go.mod').replace('../../libs/plugin', target));
    tree.write('apps/other/go.mod', 'module example.com/apps/other\n\ngo 1.26\n');
    tree.write('apps/other/main.go', 'package main\n\nfunc main() {}\n');
    const results = await applySetup(tree);
    expect(results.map((r) => r.app.dir)).toEqual(['apps/other']);
    expect(tree.exists('apps/tool/Dockerfile')).toBe(false);
    expect(warnings()).toContain(message);
  });
});

describe('embeds that match nothing yet', () => {
  const withEmbed = (pattern: string, files: Record<string, string>) => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('go.mod', 'module example.com/web\n\ngo 1.22\n');
    tree.write('main.go', 'package main\n\nimport "example.com/web/ui"\n\nfunc main() { ui.Serve() }\n');
    tree.write('ui/ui.go', `package ui\n\nimport "embed"\n\n//go:embed ${pattern}\nvar assets embed.FS\n\nfunc Serve() { _ = assets }\n`);
    for (const [path, text] of Object.entries(files)) tree.write(path, text);
    return tree;
  };

  it('warns when a pattern matches no file: go build fails until the build output exists', async () => {
    await applySetup(withEmbed('build/*', {}));
    expect(warnings()).toContain('ui: //go:embed build/* matches no file, so go build fails ("pattern build/*: no matching files found") until it exists.');
  });

  it.each([
    ['build/*', { 'ui/build/index.html': '<p>\n' }],
    ['all:build', { 'ui/build/.keep': '' }],
    ['static/[a-c]?.css', { 'ui/static/b1.css': 'p {}\n' }],
    ['static/*/app.js', { 'ui/static/v1/app.js': '\n' }],
    ['file\\[1\\].txt', { 'ui/file[1].txt': '\n' }],
  ])('says nothing when %s matches', async (pattern, files) => {
    await applySetup(withEmbed(pattern, files));
    expect(warnings()).not.toContain('matches no file');
  });

  it('needs a folder where the pattern goes on below a name', async () => {
    await applySetup(withEmbed('static/*/app.js', { 'ui/static/app.js': '\n' }));
    expect(warnings()).toContain('ui: //go:embed static/*/app.js matches no file');
  });
});

describe('paths from the tree are data', () => {
  it('quotes each path for the place that reads it', async () => {
    const tree = caseTree('odd-paths');
    await applySetup(tree);
    const app = read(tree, `${APP_DIR}/Dockerfile`);
    expect(app).toContain(`#   docker buildx build --platform linux/amd64,linux/arm64 -f 'apps/my app $HOME/Dockerfile' .\n`);
    expect(app).toContain(String.raw`--mount=type=bind,"source=apps/my app \\$HOME/go.mod","target=/src/apps/my app \\$HOME/go.mod"`);
    // BuildKit reads RUN flags byte by byte: a non-ASCII folder comes through a build arg.
    expect(app).toContain(`ARG GO_DOCKER_FOLDER_1='${LEAD_DIR}'\n`);
    expect(app).toContain('--mount=type=bind,source=${GO_DOCKER_FOLDER_1}/go.mod,target=/src/${GO_DOCKER_FOLDER_1}/go.mod \\\n');
    expect(app).toContain(`-o /out/app './apps/my app $HOME'\n`);
    const solo = read(tree, `${SOLO_DIR}/Dockerfile`);
    expect(solo).toContain("WORKDIR /src/apps/solo it\\'s\n");
    // A go.work sits above this module without using it (podman mounts it despite the ignore file).
    expect(solo).toContain("GOWORK=off CGO_ENABLED=0");
    expect(solo).toContain(`--mount=type=bind,"source=apps/solo it\\\\'s/go.mod","target=/src/apps/solo it\\\\'s/go.mod"`);
    const allow = read(tree, `${APP_DIR}/Dockerfile.dockerignore`).split('\n');
    expect(allow).toEqual(expect.arrayContaining([`!${APP_DIR}/*.go`, "!libs/it's \\[x]\\*/*.go", `!${LEAD_DIR}/*.go`]));
  });

  it('CSV-quotes a mount field whose path holds a comma or a double quote', async () => {
    const tree = caseTree('csv-paths');
    await applySetup(tree);
    const source = String.raw`"\"source=libs/a,b \\\"\"q\\\"\"/go.mod\""`;
    expect(read(tree, `${APP_DIR}/Dockerfile`)).toContain(`--mount=type=bind,${source},`);
    expect(read(tree, `${APP_DIR}/Dockerfile.dockerignore`).split('\n')).toContain(`!${CSV_DIR}/*.go`);
    // The linter reads the quoted field as BuildKit does: the go.mod mount is seen, so GD001 stays quiet.
    expect(findingsOf('GD001', read(tree, `${APP_DIR}/Dockerfile`))).toEqual([]);
  });

  it.each([
    ['a newline', 'apps/two\nlines'],
    ['a tab', 'apps/tab\tbed'],
  ])('refuses a folder with %s, naming it, and sets up every other app', async (_, dir) => {
    const tree = caseTree('go-work-v0');
    tree.write(`${dir}/go.mod`, 'module example.com/odd\n\ngo 1.26\n');
    tree.write(`${dir}/main.go`, 'package main\n\nfunc main() {}\n');
    const results = await applySetup(tree);
    expect(results.map((r) => r.app.dir)).toEqual(['apps/api']);
    expect(warnings()).toContain(`${JSON.stringify(dir)} holds a control character`);
    expect(tree.children(dirname(dir)).some((name) => name.includes('Dockerfile'))).toBe(false);
  });
});

describe('the go version of the builder', () => {
  it.each([
    ['a go 1.17 module', {}, 'go 1.17', 'golang:1.17', false],
    ['go 1.18', {}, 'go 1.18', 'golang:1.18', true],
    ['an older --goImage', { goImage: 'docker.io/library/golang:1.16-alpine' }, 'go 1.22', 'golang:1.16-alpine', false],
    ['an untagged --goImage', { goImage: 'registry.example.com/go-builder' }, 'go 1.17', 'go-builder', true],
  ])('%s: -buildvcs=false only where go supports it (1.18+)', async (_, options, goLine, image, buildvcs) => {
    const tree = caseTree('replace-required');
    tree.write('apps/tool/go.mod', read(tree, 'apps/tool/go.mod').replace('go 1.26', goLine));
    await applySetup(tree, options);
    const dockerfile = read(tree, 'apps/tool/Dockerfile');
    expect(dockerfile).toContain(image);
    expect(dockerfile.includes('-buildvcs=false')).toBe(buildvcs);
  });
});

describe('the header names the build context', () => {
  it.each<[Case, string, string]>([
    ['vendor', 'cmd/hello/Dockerfile', '# Build context: the workspace root (the module root).'],
    ['go-work-v0', 'apps/api/Dockerfile', '# Build context: the workspace root (the folder of go.work).'],
    ['replace-required', 'apps/tool/Dockerfile', '# Build context: the workspace root (the common ancestor of the modules and packages the build reads).'],
  ])('%s', async (name, dockerfile, header) => {
    const tree = caseTree(name);
    await applySetup(tree);
    expect(read(tree, dockerfile).split('\n')[1]).toBe(`${header} Build and run from the workspace root:`);
  });

  it('names a module root below the workspace root', async () => {
    const tree = caseTree('replace-required');
    tree.write('apps/tool/go.mod', 'module example.com/apps/tool\n\ngo 1.26\n');
    await applySetup(tree);
    expect(read(tree, 'apps/tool/Dockerfile')).toContain('# Build context: apps/tool/ (the module root).');
  });
});

/**
 * The two steps of each build stage, replayed on the host with the real go command: the download step
 * sees only the module files it mounts, the build step the context filtered through the ignore file.
 * Vendored builds and builds without a download step run with GOPROXY=off: they must need no network.
 */
describe.each<Case>(['vendor', 'go-work-v0', 'replace-required', 'odd-paths', 'csv-paths'])('the build stage of %s, replayed with the real go command', (name) => {
  it('downloads from module files alone, then builds from the filtered context', async () => {
    const root = mkdtempSync(join(tmpdir(), `go-docker-case-${name}-`));
    try {
      for (const [path, content] of Object.entries(caseFiles(name))) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), content);
      }
      const tree = new FsTree(root, false);
      const results = await applySetup(tree);
      flushChanges(root, tree.listChanges());
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) replayBuildStage(root, result);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function replayBuildStage(root: string, { app, context, goCommands }: SetupResult): void {
  const offline = goCommands.download === undefined ? { GOPROXY: 'off' } : {};
  const modulesOnly = mkdtempSync(join(tmpdir(), 'go-docker-modules-'));
  const stage = filteredContext(join(root, context), join(root, app.dir, 'Dockerfile.dockerignore'));
  try {
    for (const file of goCommands.moduleFiles) {
      mkdirSync(dirname(join(modulesOnly, file)), { recursive: true });
      cpSync(join(root, context, file), join(modulesOnly, file));
    }
    if (goCommands.download) go(['mod', 'download', ...goCommands.download], join(modulesOnly, goCommands.workdir));
    go(['build', ...goCommands.build.slice(0, -1), '-o', '/dev/null', goCommands.build[goCommands.build.length - 1]], join(stage, goCommands.workdir), { CGO_ENABLED: '0', ...offline, ...goCommands.env });
  } finally {
    rmSync(modulesOnly, { recursive: true, force: true });
    rmSync(stage, { recursive: true, force: true });
  }
}

describe('cgo that cannot be decided', () => {
  it('warns, naming the dependency, when an imported module is neither vendored nor in the module cache', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('go.mod', 'module example.com/svc\n\ngo 1.26\n\nrequire example.com/never-downloaded v1.0.0\n');
    tree.write('cmd/api/main.go', 'package main\n\nimport _ "example.com/never-downloaded/driver"\n\nfunc main() {}\n');
    await applySetup(tree);
    expect(warnings()).toContain('cmd/api: cannot tell whether it needs cgo: a dependency is neither in vendor/ nor in the module cache (example.com/never-downloaded/driver)');
    expect(read(tree, 'cmd/api/Dockerfile')).toContain('CGO_ENABLED=0');
  });
});

describe('Go sources that .gitignore hides from Nx', () => {
  it('are re-included for Nx in .nxignore (anchored negations), once; git agrees they were ignored', async () => {
    const root = mkdtempSync(join(tmpdir(), 'go-docker-nxignore-'));
    try {
      const files: Record<string, string> = {
        'go.mod': 'module example.com/svc\n\ngo 1.26\n',
        // An unanchored folder name and a file pattern, as real repositories write them.
        '.gitignore': 'signature\n*_gen.go\n',
        '.nxignore': 'tmp\n',
        'cmd/api/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/svc/pkg/signature"\n)\n\nfunc main() { fmt.Println(signature.Name()) }\n',
        'pkg/signature/signature.go': 'package signature\n\nfunc Name() string { return name }\n',
        'pkg/signature/name_gen.go': 'package signature\n\nconst name = "sig"\n',
        'pkg/plain/plain.go': 'package plain\n',
      };
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), content);
      }
      execFileSync('git', ['init', '-q'], { cwd: root });
      expect(execFileSync('git', ['check-ignore', '--no-index', 'pkg/signature/signature.go'], { cwd: root, encoding: 'utf8' })).toBe('pkg/signature/signature.go\n');
      expect(go(['run', './cmd/api'], root)).toBe('sig\n');
      const tree = new FsTree(root, false);
      await applySetup(tree);
      flushChanges(root, tree.listChanges());
      const nxignore = readFileSync(join(root, '.nxignore'), 'utf8');
      // The folder's negation re-includes signature.go; name_gen.go matches a file pattern too, so it gets its own.
      expect(nxignore.split('\n').filter((l) => l.startsWith('!'))).toEqual(['!/pkg/signature/', '!/pkg/signature/name_gen.go']);
      expect(nxignore.startsWith('tmp\n')).toBe(true);
      // A second run adds nothing.
      const again = new FsTree(root, false);
      await applySetup(again);
      expect(again.listChanges().filter((c) => c.path === '.nxignore')).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
