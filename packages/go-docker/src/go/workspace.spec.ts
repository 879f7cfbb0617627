import type { WorkspaceFiles } from './file-system';
import { loadGoWorkspace } from './workspace';

/** An in-memory workspace: enough to exercise edge cases without fixture directories. */
function memory(files: Record<string, string>): WorkspaceFiles {
  return { listGoFiles: () => Object.keys(files), read: (p) => files[p], exists: (p) => p in files };
}

describe('loadGoWorkspace', () => {
  it('puts a package below a nested go.mod into that module, not the outer one', () => {
    const ws = loadGoWorkspace(
      memory({
        'go.mod': 'module example.com/outer\n',
        'tools/go.mod': 'module example.com/tools\n',
        'tools/lint/main.go': 'package main\nfunc main() {}\n',
        'cmd/a/main.go': 'package main\nimport _ "example.com/outer/tools/lint"\nfunc main() {}\n',
      }),
    );
    expect(ws.packages.get('tools/lint')).toMatchObject({ moduleRoot: 'tools', importPath: 'example.com/tools/lint', isCommand: true });
    expect(ws.packages.get('cmd/a')).toMatchObject({ moduleRoot: '.', importPath: 'example.com/outer/cmd/a' });
  });

  it('is not an application: package main without func main, tests only, or a library', () => {
    const ws = loadGoWorkspace(
      memory({
        'go.mod': 'module m\n',
        'nomain/x.go': 'package main\nfunc helper() {}\n',
        'testsonly/main_test.go': 'package main\nfunc main() {}\n',
        'lib/lib.go': 'package lib\nfunc main() {}\n',
        'ok/main.go': '// +build linux\n\npackage main\nfunc main() {}\n',
      }),
    );
    expect([...ws.packages.values()].filter((p) => p.isCommand).map((p) => p.dir)).toEqual(['ok']);
  });

  it('reports a go.work use of a directory without go.mod and leaves out the modules it governs', () => {
    const ws = loadGoWorkspace(
      memory({
        'go.work': 'go 1.22\nuse (\n\t./a\n\t./missing\n)\n',
        'a/go.mod': 'module a\n',
        'a/main.go': 'package main\nfunc main() {}\n',
        'other/go.work': 'go 1.22\nuse ./b\n',
        'other/b/go.mod': 'module b\n',
        'other/b/main.go': 'package main\nfunc main() {}\n',
      }),
    );
    expect(ws.problems).toEqual([{ file: 'go.work', line: 4, message: 'use ./missing: no go.mod in missing' }]);
    expect([...ws.modules.keys()]).toEqual(['other/b']);
    expect([...ws.packages.keys()]).toEqual(['other/b']);
    expect(ws.works.map((w) => w.dir)).toEqual(['other']);
  });

  it('reports a malformed go.mod with its path and line, leaves out its packages and loads the rest', () => {
    const ws = loadGoWorkspace(
      memory({
        'go.mod': 'module root\n',
        'apps/x/go.mod': 'module x\nrequire (\n',
        'apps/x/main.go': 'package main\nfunc main() {}\n',
        'apps/x/sub/lib.go': 'package sub\n',
        'apps/y/main.go': 'package main\nfunc main() {}\n',
      }),
    );
    expect(ws.problems).toEqual([{ file: 'apps/x/go.mod', line: 2, message: '"require (" block is never closed' }]);
    expect([...ws.modules.keys()]).toEqual(['.']);
    expect([...ws.packages.keys()]).toEqual(['apps/y']);
  });

  it('never throws for a broken user file', () => {
    for (const text of ['', '\uFEFFmodule x\n', 'module', 'module x\nfoo bar\n', 'require (\n', ')']) {
      expect(() => loadGoWorkspace(memory({ 'go.mod': text, 'go.work': text, 'main.go': text }))).not.toThrow();
    }
  });
});
