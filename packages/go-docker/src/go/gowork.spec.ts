import { parseGoWork } from './gowork';
import { GoFileParseError } from './modfile-syntax';

describe('parseGoWork', () => {
  it('reads go, toolchain, use and replace in both forms', () => {
    const work = parseGoWork('go 1.22\ntoolchain go1.22.4\n\nuse ./tools // the tools module\nuse (\n\t./apps/api\n\t"./libs/with space"\n)\nreplace example.com/x => ./forks/x\ngodebug default=go1.21\n');
    expect(work.go).toBe('1.22');
    expect(work.toolchain).toBe('go1.22.4');
    expect(work.use).toEqual([
      { path: './tools', line: 4 },
      { path: './apps/api', line: 6 },
      { path: './libs/with space', line: 7 },
    ]);
    expect(work.replace).toEqual([expect.objectContaining({ oldPath: 'example.com/x', newPath: './forks/x', isLocal: true, line: 9 })]);
  });

  it('rejects a byte-order mark as go does', () => {
    expect(() => parseGoWork('\uFEFFgo 1.21\n', 'go.work')).toThrow("go.work:1: unexpected input character '\\ufeff'");
  });

  it('accepts CRLF', () => {
    expect(parseGoWork('go 1.21\r\nuse (\r\n\t.\r\n)\r\n').use).toEqual([{ path: '.', line: 3 }]);
  });

  it.each([
    ['use\n', 'go.work:1: usage: use ./local/directory'],
    ['module x\n', 'go.work:1: unknown directive: module'],
    ['use (\n./a\n', 'go.work:1: "use (" block is never closed'],
    ['go 1.21\ngo 1.22\n', 'go.work:2: repeated go directive'],
  ])('rejects %j with file and line', (text, message) => {
    expect(() => parseGoWork(text, 'go.work')).toThrow(GoFileParseError);
    expect(() => parseGoWork(text, 'go.work')).toThrow(message);
  });
});
