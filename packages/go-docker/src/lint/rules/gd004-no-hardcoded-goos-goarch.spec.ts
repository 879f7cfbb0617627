import { findingsOf, fixSnippet, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD004', text);

describe('GD004 no-hardcoded-goos-goarch', () => {
  it('accepts $TARGETOS/$TARGETARCH', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it.each([
    ['inline', 'FROM golang:1.26\nRUN GOOS=linux GOARCH=amd64 go build .\n', 2],
    ['ENV', 'FROM golang:1.26\nENV GOARCH=arm64\nRUN go build .\n', 1],
    ['ENV legacy form', 'FROM golang:1.26\nENV GOOS linux\nRUN go build .\n', 1],
    ['ARG default', 'FROM golang:1.26\nARG GOARCH=amd64\nRUN go build .\n', 1],
    ['global ARG default re-declared', 'ARG GOARCH=amd64\nFROM golang:1.26\nARG GOARCH\nRUN go build .\n', 1],
    ['export', 'FROM golang:1.26\nRUN export GOARM=7 && go build .\n', 1],
    ['go env -w', 'FROM golang:1.26\nRUN go env -w GOOS=linux && go build .\n', 1],
  ])('fires on a literal given by %s', (_how, text, count) => {
    expect(lint(text)).toHaveLength(count);
  });

  it('points at the assignment', () => {
    const [finding] = lint('FROM golang:1.26\nRUN CGO_ENABLED=0 GOARCH=amd64 go build .\n');
    expect([finding.line, finding.column, finding.endColumn]).toEqual([2, 19, 31]);
  });

  it('ignores stages that do not run the Go toolchain, and variables', () => {
    expect(lint('FROM alpine:3\nENV GOOS=linux\n')).toEqual([]);
    expect(lint('FROM golang:1.26\nARG TARGETARCH\nRUN GOARCH=${TARGETARCH} GOARM= go build .\n')).toEqual([]);
  });

  it('fires on a default for an automatic platform ARG in any stage, and the fix removes it', () => {
    const text = 'FROM golang:1.26 AS build\nARG TARGETOS=linux TARGETARCH=amd64\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build .\nFROM alpine:3\nARG BUILDPLATFORM=linux/amd64\n';
    const findings = lint(text);
    expect(findings.map((f) => [f.line, f.fixable])).toEqual([
      [2, true],
      [2, true],
      [5, true],
    ]);
    expect(findings[1].message).toMatch(/TARGETARCH has a default \("amd64"\) in stage build/);
    expect(fixSnippet(text, 'GD004')).toBe('FROM golang:1.26 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build .\nFROM alpine:3\nARG BUILDPLATFORM\n');
  });

  it('accepts the platform ARGs declared without a default, also globally', () => {
    expect(lint('ARG TARGETARCH\nFROM golang:1.26\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build .\n')).toEqual([]);
  });
});
