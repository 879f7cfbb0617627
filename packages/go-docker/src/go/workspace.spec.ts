import type { WorkspaceFiles } from './file-system';
import { GoFileParseError } from './modfile-syntax';
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

  it('reports a go.work use of a directory without go.mod, with file and line', () => {
    const files = memory({ 'go.work': 'go 1.22\nuse (\n\t./missing\n)\n' });
    expect(() => loadGoWorkspace(files)).toThrow(new GoFileParseError('go.work', 3, 'use ./missing: no go.mod in missing'));
  });

  it('reports a malformed go.mod with its path', () => {
    expect(() => loadGoWorkspace(memory({ 'apps/x/go.mod': 'module x\nrequire (\n' }))).toThrow('apps/x/go.mod:2: "require (" block is never closed');
  });
});
