import { fileNameMatches } from './build-constraints';
import { summarizeGoSource } from './go-source';

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
    expect(summary.matchesBuild).toBe(true);
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
    expect(summarizeGoSource(`${line}\n\npackage main\n\nfunc main() {}\n`).matchesBuild).toBe(expected);
  });

  it('ignores build-looking comments after the package clause', () => {
    expect(summarizeGoSource('package x\n//go:build ignore\n').matchesBuild).toBe(true);
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
  ])('%s → %s', (name, expected) => {
    expect(fileNameMatches(name)).toBe(expected);
  });
});
