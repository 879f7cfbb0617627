import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { go, LAYOUTS, LAYOUTS_DIR, type Layout } from '../test-utils/fixtures';
import { findApplications, type GoApplication, goImageTagOf, goVersionOf } from './applications';
import { DiskWorkspaceFiles } from './file-system';
import { loadGoWorkspace } from './workspace';

function appsOf(layout: Layout): GoApplication[] {
  return findApplications(loadGoWorkspace(new DiskWorkspaceFiles(join(LAYOUTS_DIR, layout))));
}

describe('findApplications on the layout fixtures', () => {
  it('(A) go.work: apps under apps/, the library and its code generator are not apps', () => {
    const [api, worker] = appsOf('go-work');
    expect(appsOf('go-work').map((a) => a.dir)).toEqual(['apps/api', 'apps/worker']);
    expect(api).toMatchObject({
      name: 'api',
      importPath: 'example.com/apps/api',
      goVersion: '1.26',
      usesCgo: false,
      buildContext: '.',
      moduleFiles: ['go.work', 'apps/api/go.mod', 'apps/api/go.sum', 'apps/worker/go.mod', 'libs/greeting/go.mod'],
      unresolvedImports: [],
    });
    expect(api.work?.dir).toBe('.');
    expect(api.localPackages.map((p) => p.dir)).toEqual(['apps/api', 'libs/greeting', 'libs/greeting/internal/format']);
    expect(api.localModules.map((m) => m.root)).toEqual(['libs/greeting']);
    // go.work's go line governs the whole workspace, over the module's own toolchain line.
    expect(worker.goVersion).toBe('1.26');
    expect(worker.localPackages.map((p) => p.dir)).toEqual(['apps/worker']);
  });

  it('(B) one root module: apps/<name> and cmd/<name>, the cgo app detected', () => {
    const apps = appsOf('root-module');
    expect(apps.map((a) => [a.dir, a.name, a.usesCgo, a.buildContext])).toEqual([
      ['apps/web', 'web', false, '.'],
      ['cmd/migrate', 'migrate', false, '.'],
      ['cmd/sqlite-probe', 'sqlite-probe', true, '.'],
    ]);
    expect(apps[0].localPackages.map((p) => p.dir)).toEqual(['apps/web', 'internal/version', 'libs/store']);
    expect(apps[0].moduleFiles).toEqual(['go.mod']);
    expect(apps[0].goVersion).toBe('1.26.0');
  });

  it('(C) replace ../libs without go.work: the context widens to the common ancestor; a standalone module keeps its own', () => {
    const [gateway, standalone] = appsOf('replace');
    expect(gateway).toMatchObject({ dir: 'apps/gateway', buildContext: '.', moduleFiles: ['apps/gateway/go.mod', 'libs/auth/go.mod'] });
    expect(gateway.work).toBeUndefined();
    expect(gateway.localPackages.map((p) => p.dir)).toEqual(['apps/gateway', 'libs/auth']);
    expect(gateway.localPackages[0].embedPatterns).toEqual(['static']);
    expect(standalone).toMatchObject({ dir: 'apps/standalone', buildContext: 'apps/standalone', moduleFiles: ['apps/standalone/go.mod'] });
  });

  // The model must agree with the Go toolchain itself: same apps, same local packages.
  describe.each(LAYOUTS)('agrees with `go list` on %s', (layout) => {
    const root = join(LAYOUTS_DIR, layout);
    it.each(appsOf(layout).map((a) => [a.dir, a] as const))('%s', (_dir, app) => {
      const moduleDir = join(root, app.module.root);
      const env = app.work ? {} : { GOWORK: 'off' };
      const listed = go(['list', '-deps', '-f', '{{if not .Standard}}{{.Dir}}{{end}}', `./${relative(moduleDir, join(root, app.dir)) || '.'}`], moduleDir, env)
        .split('\n')
        .filter((d) => d.startsWith(root))
        .map((d) => relative(root, d) || '.')
        .sort();
      expect(app.localPackages.map((p) => p.dir)).toEqual(listed);
      const name = go(['list', '-f', '{{.Name}}', `./${relative(moduleDir, join(root, app.dir)) || '.'}`], moduleDir, env).trim();
      expect(name).toBe('main');
      go(['build', '-o', '/dev/null', '.'], join(root, app.dir), env);
    });
  });
});

describe('goImageTagOf', () => {
  it.each([
    ['go1.26.8', '1.26', '1.26.8'],
    [undefined, '1.26.0', '1.26'],
    [undefined, '1.26', '1.26'],
    [undefined, '1.21rc2', '1.21rc2'],
    ['default', '1.22.5', '1.22'],
    [undefined, undefined, undefined],
  ])('toolchain %s, go %s → golang:%s', (toolchain, goLine, expected) => {
    expect(goImageTagOf(toolchain, goLine)).toBe(expected);
  });
});

describe('goVersionOf', () => {
  it.each([
    ['go1.22.3', '1.22', '1.22.3'],
    ['go1.23rc1', '1.22', '1.23rc1'],
    ['go1.21.0-custom', '1.21', '1.21.0'],
    ['default', '1.22', '1.22'],
    [undefined, '1.20', '1.20'],
    [undefined, undefined, undefined],
  ])('toolchain %s, go %s → %s', (toolchain, goLine, expected) => {
    expect(goVersionOf(toolchain, goLine)).toBe(expected);
  });
});

describe('an application whose files all say //go:build cgo (without importing C)', () => {
  it('needs cgo: CGO_ENABLED=0 would leave no file to build, so its imports are followed with cgo on', () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-cgo-tag-'));
    try {
      writeFileSync(join(root, 'go.mod'), 'module example.com/tagged\n\ngo 1.26\n');
      mkdirSync(join(root, 'cmd', 'probe'), { recursive: true });
      mkdirSync(join(root, 'lib'));
      writeFileSync(join(root, 'lib', 'lib.go'), 'package lib\n\nfunc Name() string { return "lib" }\n');
      writeFileSync(join(root, 'cmd', 'probe', 'main.go'), '//go:build cgo && amd64\n\npackage main\n\nimport "example.com/tagged/lib"\n\nfunc main() { println(lib.Name()) }\n');
      // The oracle: with cgo off Go finds no buildable file there; with cgo on it builds.
      const env = (cgo: string) => ({ CGO_ENABLED: cgo, GOOS: 'linux', GOARCH: 'amd64', GOWORK: 'off', GOPROXY: 'off' });
      expect(go(['list', '-e', '-f', '{{len .GoFiles}}', './cmd/probe'], root, env('0')).trim()).toBe('0');
      expect(go(['list', '-e', '-f', '{{.Name}} {{.Imports}}', './cmd/probe'], root, env('1')).trim()).toBe('main [example.com/tagged/lib]');
      const [app] = findApplications(loadGoWorkspace(new DiskWorkspaceFiles(root), { moduleCache: false }));
      expect(app.dir).toBe('cmd/probe');
      expect(app.usesCgo).toBe(true);
      expect(app.localPackages.map((p) => p.dir)).toEqual(['cmd/probe', 'lib']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
