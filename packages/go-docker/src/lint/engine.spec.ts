import { lintText, UnparseableDockerfileError } from './engine';
import { dockerfile, lintSnippet } from './test-utils/lint-snippet';

const rules = (text: string) => lintSnippet(text).map((f) => f.rule);

describe('engine', () => {
  describe('inline ignores', () => {
    it('suppresses the listed rules for the instruction below the comment block', () => {
      const text = dockerfile(`
        # go-docker ignore=GD007,GD014 # mirrored internally
        # another comment
        FROM golang
        FROM alpine
      `);
      const findings = lintSnippet(text);
      expect(findings.filter((f) => f.line === 3).map((f) => f.rule)).not.toEqual(expect.arrayContaining(['GD007']));
      expect(findings.filter((f) => f.line === 4).map((f) => f.rule)).toEqual(expect.arrayContaining(['GD007', 'GD014']));
    });

    it('works on the first line (not mistaken for a parser directive)', () => {
      expect(rules('# go-docker ignore=GD007\nFROM docker.io/library/alpine:3\nFROM golang:1.26\n').filter((r) => r === 'GD007')).toHaveLength(1);
      expect(rules('# go-docker global ignore=GD007, GD009\nFROM golang:1.26\n')).not.toEqual(expect.arrayContaining(['GD007', 'GD009']));
    });

    it('does not carry across a blank line', () => {
      expect(rules('FROM scratch\n# go-docker ignore=GD009\n\nUSER root\n')).toContain('GD009');
    });

    it('covers a whole multi-line instruction', () => {
      const text = 'FROM golang:1.26\n# go-docker ignore=GD016,GD008,GD003,GD001\nRUN go mod download && \\\n    go build .\n';
      expect(rules(text)).not.toEqual(expect.arrayContaining(['GD016']));
    });
  });

  describe('not a Dockerfile', () => {
    it.each([
      ['empty', '', /file with no instructions/],
      ['only comments', '# nothing\n', /file with no instructions/],
      ['prose', 'Hello world, this is a README.\n', /unknown instruction "HELLO"/],
      ['RUN before FROM', 'RUN true\nFROM scratch\n', /RUN before the first FROM/],
      ['unterminated heredoc', 'FROM scratch\nRUN <<EOF\necho\n', /unterminated heredoc/],
      ['binary', 'FROM scratch\n\u0000\u0001', /binary|unknown instruction/],
    ])('rejects %s with a clear message', (_what, text, message) => {
      expect(() => lintText(text, { file: 'x/Dockerfile' })).toThrow(UnparseableDockerfileError);
      expect(() => lintText(text, { file: 'x/Dockerfile' })).toThrow(message);
    });
  });

  describe('parsing', () => {
    it('reports 1-based positions on CRLF files', () => {
      const [finding] = lintSnippet('FROM scratch\r\nUSER root\r\n').filter((f) => f.rule === 'GD009');
      expect([finding.line, finding.column, finding.endColumn]).toEqual([2, 1, 10]);
    });

    it('honours the escape directive', () => {
      const text = '# escape=`\nFROM golang:1.26 AS build\nRUN go build `\n  -trimpath -ldflags="-s -w" .\n';
      expect(rules(text)).not.toContain('GD016');
    });

    it('skips comment lines inside continuations', () => {
      const text = 'FROM golang:1.26\nRUN go build \\\n# a comment\n  -trimpath -ldflags="-s -w" .\n';
      expect(rules(text)).not.toContain('GD016');
    });

    it('reads quoted flag values with spaces and keeps later flags', () => {
      const text = 'FROM golang:1.26\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -ldflags="-s -w -X \'main.v=a b\'" -trimpath .\n';
      expect(rules(text)).not.toEqual(expect.arrayContaining(['GD003', 'GD008', 'GD016']));
    });
  });
});

describe('indented instructions', () => {
  it('recognises keywords after leading whitespace, in any case', () => {
    const [finding] = lintSnippet('FROM scratch\n   user root\n').filter((f) => f.rule === 'GD009');
    expect([finding.line, finding.column]).toEqual([2, 4]);
  });
});
