import { parseGoMod } from './gomod';
import { GoFileParseError } from './modfile-syntax';

describe('parseGoMod', () => {
  it('reads single-line and block directives, comments and indirect markers', () => {
    const mod = parseGoMod(
      [
        '// The service module.',
        'module example.com/api // trailing comment',
        '',
        'go 1.22.1',
        'toolchain go1.22.3',
        '',
        'require github.com/google/uuid v1.6.0',
        'require (',
        '\tgolang.org/x/text v0.14.0 // indirect',
        '\t"example.com/quoted" v1.0.0',
        '\t// a comment line inside the block',
        ')',
        'replace example.com/lib => ../libs/lib',
        'replace (',
        '\texample.com/fork v1.0.0 => example.com/fork2 v1.1.0',
        '\texample.com/abs => /srv/abs',
        ')',
        'exclude golang.org/x/net v0.1.0',
        'retract v1.0.1',
      ].join('\n'),
    );
    expect(mod.module).toBe('example.com/api');
    expect(mod.go).toBe('1.22.1');
    expect(mod.toolchain).toBe('go1.22.3');
    expect(mod.require).toEqual([
      { path: 'github.com/google/uuid', version: 'v1.6.0', indirect: false, line: 7 },
      { path: 'golang.org/x/text', version: 'v0.14.0', indirect: true, line: 9 },
      { path: 'example.com/quoted', version: 'v1.0.0', indirect: false, line: 10 },
    ]);
    expect(mod.replace).toEqual([
      { oldPath: 'example.com/lib', oldVersion: undefined, newPath: '../libs/lib', newVersion: undefined, isLocal: true, line: 13 },
      { oldPath: 'example.com/fork', oldVersion: 'v1.0.0', newPath: 'example.com/fork2', newVersion: 'v1.1.0', isLocal: false, line: 15 },
      { oldPath: 'example.com/abs', oldVersion: undefined, newPath: '/srv/abs', newVersion: undefined, isLocal: true, line: 16 },
    ]);
  });

  it('rejects a byte-order mark as go does', () => {
    expect(() => parseGoMod('\uFEFFmodule example.com/win\n', 'go.mod')).toThrow("go.mod:1: unexpected input character '\\ufeff'");
  });

  it('accepts CRLF line endings', () => {
    const mod = parseGoMod('module example.com/win\r\n\r\ngo 1.21\r\nrequire (\r\n\tgithub.com/a/b v1.0.0\r\n)\r\n');
    expect(mod.module).toBe('example.com/win');
    expect(mod.go).toBe('1.21');
    expect(mod.require[0]).toMatchObject({ path: 'github.com/a/b', line: 5 });
  });

  it('accepts empty blocks and a quoted module path', () => {
    expect(parseGoMod('module "example.com/q"\nrequire ()\n').module).toBe('example.com/q');
  });

  it.each([
    ['go 1.22\n', 'go.mod:1: no module directive'],
    ['module a\nmodule b\n', 'go.mod:2: repeated module directive'],
    ['module a\ngo one.two\n', "go.mod:2: invalid go version 'one.two'"],
    ['module a\ntoolchain 1.22\n', "go.mod:2: invalid toolchain name '1.22'"],
    ['module a\nrequire (\n\tgithub.com/x v1\n', 'go.mod:2: "require (" block is never closed'],
    ['module a\n)\n', 'go.mod:2: unexpected ")"'],
    ['module a\nrequire github.com/x\n', 'go.mod:2: usage: require module/path v1.2.3'],
    ['module a\nreplace x => y\n', 'go.mod:2: replacement module y without version must be a directory path'],
    ['module a\nreplace x => ../y v1.0.0\n', 'go.mod:2: replacement directory ../y cannot have a version'],
    ['module a\nreplace x\n', 'go.mod:2: usage: replace'],
    ['module "a\n', 'go.mod:1: unterminated quoted string'],
    ['module a\nfrobnicate x\n', 'go.mod:2: unknown directive: frobnicate'],
    ['module a\r\n\r\nrequire x v1 (\r\n', 'go.mod:3: unexpected parenthesis'],
  ])('rejects %j with file and line', (text, message) => {
    expect(() => parseGoMod(text, 'go.mod')).toThrow(GoFileParseError);
    expect(() => parseGoMod(text, 'go.mod')).toThrow(message);
  });

  it('names the file it was given', () => {
    try {
      parseGoMod('module a\nbogus\n', 'apps/api/go.mod');
      throw new Error('expected a parse error');
    } catch (error) {
      expect(error).toMatchObject({ file: 'apps/api/go.mod', line: 2 });
    }
  });

  it('never crashes on arbitrary text: it parses or throws GoFileParseError', () => {
    const samples = ['', '\u0000\u0001', '((((', 'module `raw`\n', 'module a\nrequire (\n)\n)', '"\\"', 'module a // x\n\t\t\n  go 1.2'];
    for (const text of samples) {
      try {
        parseGoMod(text);
      } catch (error) {
        expect(error).toBeInstanceOf(GoFileParseError);
      }
    }
  });
});
