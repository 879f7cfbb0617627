import { buildContext, constraintsMatch, fileNameMatches } from './build-constraints';
import { summarizeGoSource } from './go-source';

const amd64 = buildContext('amd64', false);
const arm64Cgo = buildContext('arm64', true);

/** Whether the file's header constraints admit a linux build on amd64 or arm64 (cgo off, then on). */
function admitted(source: string): boolean {
  const s = summarizeGoSource(source);
  return s.error === undefined && [amd64, arm64Cgo, buildContext('arm64', false), buildContext('amd64', true)].some((c) => constraintsMatch(s.goBuild, s.plusBuild, c));
}

describe('summarizeGoSource', () => {
  it('reads the package, every import form and func main', () => {
    const summary = summarizeGoSource(
      [
        '// Copyright notice mentioning import "not/an/import".',
        '',
        '/* block comment: import "also/not" */',
        'package main',
        '',
        'import "fmt"',
        'import alias "example.com/a"',
        'import (',
        '\t. "example.com/dot"',
        '\t_ "example.com/blank" // import "comment/not"',
        '\t"example.com/b"; "example.com/c"',
        '\t`example.com/raw`',
        ')',
        '',
        'var s = `import "in/a/string"`',
        'func (r recv) main() {}',
        'func helper() { func() { main := 1; _ = main }() }',
        'func main() {}',
      ].join('\n'),
      { scanBody: true },
    );
    expect(summary.packageName).toBe('main');
    expect(summary.imports).toEqual([
      { path: 'fmt', line: 6 },
      { path: 'example.com/a', alias: 'alias', line: 7 },
      { path: 'example.com/dot', alias: '.', line: 9 },
      { path: 'example.com/blank', alias: '_', line: 10 },
      { path: 'example.com/b', line: 11 },
      { path: 'example.com/c', line: 11 },
      { path: 'example.com/raw', line: 12 },
    ]);
    expect(summary.hasMainFunc).toBe(true);
    expect(summary.error).toBeUndefined();
  });

  it('does not take a method, a comment or a string for func main', () => {
    const source = 'package main\n// func main() {}\nvar x = "func main() {}"\nfunc (s *S) main() {}\n';
    expect(summarizeGoSource(source, { scanBody: true }).hasMainFunc).toBe(false);
  });

  it('detects cgo', () => {
    expect(summarizeGoSource('package x\n\n// #include <stdio.h>\nimport "C"\n').usesCgo).toBe(true);
  });

  it.each([
    ['//go:build ignore', false],
    ['// +build ignore', false],
    ['//go:build windows', false],
    ['//go:build linux && (amd64 || arm64)', true],
    ['//go:build !windows', true],
    ['//go:build arm64', true],
    ['//go:build 386', false],
    ['//go:build integration', false],
    ['//go:build go1.21', true],
    ['// +build linux,amd64 darwin', true],
    ['// +build !linux', false],
    ['//go:build (', false],
  ])('%s → part of a linux build: %s', (line, expected) => {
    expect(admitted(`${line}\n\npackage main\n\nfunc main() {}\n`)).toBe(expected);
  });

  it('ignores build-looking comments after the package clause', () => {
    expect(admitted('package x\n//go:build ignore\n')).toBe(true);
  });

  it('honours // +build only in the leading block that a blank line ends, and only without //go:build', () => {
    expect(admitted('// +build ignore\npackage x\n')).toBe(true);
    expect(admitted('// +build ignore\n\npackage x\n')).toBe(false);
    expect(admitted('//go:build linux\n// +build ignore\n\npackage x\n')).toBe(true);
  });

  it('evaluates cgo, go1.N and unix for the context', () => {
    const s = summarizeGoSource('//go:build !cgo && unix && go1.22\n\npackage x\n');
    expect(constraintsMatch(s.goBuild, s.plusBuild, amd64)).toBe(true);
    expect(constraintsMatch(s.goBuild, s.plusBuild, arm64Cgo)).toBe(false);
    expect(constraintsMatch(s.goBuild, s.plusBuild, buildContext('amd64', false, 21))).toBe(false);
  });

  it('takes no //go:embed from comments or strings, and none from a file without import "embed"', () => {
    const source = 'package x\nimport _ "embed"\n/*\n//go:embed a.txt\n*/\nvar s = `\n//go:embed b.txt\n`\n//go:embed c.txt\nvar c string\n';
    expect(summarizeGoSource(source).embedPatterns).toEqual(['c.txt']);
    expect(summarizeGoSource('package x\n//go:embed c.txt\nvar c string\n').embedPatterns).toEqual([]);
  });

  it('finds no func main in strings, runes, raw strings or comments full of brackets', () => {
    const source = ['package main', 'var a = "{ func main() {"', "var r = '{'", 'var raw = `', '}', 'func main() {}`', '/* } */', 'func notMain() {}'].join('\n');
    expect(summarizeGoSource(source).hasMainFunc).toBe(false);
    expect(summarizeGoSource(`${source}\nfunc main() { _ = '}' }\n`).hasMainFunc).toBe(true);
  });

  it('reports a header that is not Go with its line', () => {
    expect(summarizeGoSource('// comment\npackage\n').error).toEqual({ line: 3, message: "expected 'IDENT', found 'EOF'" });
    expect(summarizeGoSource('func main() {}\n').error).toEqual({ line: 1, message: "expected 'package', found 'func'" });
    expect(summarizeGoSource('package x\nimport (\n\t"fmt"\n').error?.line).toBe(4);
    expect(summarizeGoSource('//go:build linux &&\n\npackage x\n').error?.message).toMatch(/^parsing \/\/go:build line: /);
  });

  it('reads //go:embed patterns', () => {
    const source = 'package main\nimport "embed"\n//go:embed static/* "with space.txt"\n//go:embed all:templates\nvar f embed.FS\n';
    expect(summarizeGoSource(source).embedPatterns).toEqual(['static/*', 'with space.txt', 'templates']);
  });

  it('survives a BOM, CRLF and garbage', () => {
    expect(summarizeGoSource('\uFEFFpackage lib\r\nimport "x"\r\n').imports).toEqual([{ path: 'x', line: 2 }]);
    for (const garbage of ['', 'package', '"unterminated', '`raw', '/* open', 'package main\nimport (', 'import "x"']) {
      expect(() => summarizeGoSource(garbage, { scanBody: true })).not.toThrow();
    }
  });
});

describe('fileNameMatches', () => {
  it.each([
    ['main.go', true],
    ['x_linux.go', true],
    ['x_windows.go', false],
    ['x_arm64.go', true],
    ['x_386.go', false],
    ['x_linux_arm64.go', true],
    ['x_darwin_amd64.go', false],
    ['x_linux_386.go', false],
    ['my_handler.go', true],
    ['x_windows.pb.go', false],
    ['linux.go', true],
    ['x_linux_test.go', true],
    ['x_windows_test.go', false],
  ])('%s → %s', (name, expected) => {
    expect(fileNameMatches(name, amd64) || fileNameMatches(name, arm64Cgo)).toBe(expected);
  });
});
