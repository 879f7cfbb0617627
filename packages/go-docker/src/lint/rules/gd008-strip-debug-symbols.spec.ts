import { findingsOf, fixSnippet, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD008', text);

describe('GD008 strip-debug-symbols', () => {
  it('accepts -ldflags="-s -w" in its spellings', () => {
    expect(lint(GOOD)).toEqual([]);
    expect(lint("FROM golang:1.26\nRUN go build -ldflags '-w -s -X main.v=1' .\n")).toEqual([]);
    expect(lint('FROM golang:1.26\nENV LDFLAGS="-s -w"\nRUN go build -ldflags "$LDFLAGS" .\n')).toEqual([]);
  });

  it('fires without -ldflags and fixes by adding it', () => {
    const text = 'FROM golang:1.26\nRUN go build -o /app .\n';
    expect(lint(text)).toHaveLength(1);
    expect(fixSnippet(text, 'GD008')).toContain('RUN go build -ldflags="-s -w" -o /app .');
  });

  it('fires when -w is missing and prepends it to a literal value', () => {
    const text = 'FROM golang:1.26\nRUN go build -ldflags="-s -X main.v=1" .\n';
    expect(lint(text)[0].message).toContain('-w');
    expect(fixSnippet(text, 'GD008')).toContain('go build -ldflags="-w -s -X main.v=1" .');
  });

  it('handles the separate-word form', () => {
    expect(fixSnippet("FROM golang:1.26\nRUN go build -ldflags '-X a=b' .\n", 'GD008')).toContain("go build -ldflags '-s -w -X a=b' .");
  });

  it('says nothing when flags come from a build-time value', () => {
    expect(lint('FROM golang:1.26\nARG LDFLAGS\nRUN go build -ldflags "$LDFLAGS" .\n')).toEqual([]);
  });

  it('ignores go install and go test', () => {
    expect(lint('FROM golang:1.26\nRUN go install x@latest && go test ./...\n')).toEqual([]);
  });
});

describe('GD008 and debug builds', () => {
  it('does not ask a delve build (optimisations off) to strip symbols', () => {
    expect(findingsOf('GD008', 'FROM golang:1.26\nRUN go build -gcflags="all=-N -l" -o /app .\n')).toEqual([]);
  });
});

describe('GD008 with build-time values', () => {
  it('still judges flags when a variable only sits inside a -X value', () => {
    expect(findingsOf('GD008', 'FROM golang:1.26\nARG VERSION\nRUN go build -ldflags "-X main.version=${VERSION}" .\n')).toHaveLength(1);
    expect(findingsOf('GD008', 'FROM golang:1.26\nARG VERSION\nRUN go build -ldflags "-s -w -X main.version=${VERSION}" .\n')).toEqual([]);
  });

  it('stays silent when a variable could carry the flags themselves', () => {
    expect(findingsOf('GD008', 'FROM golang:1.26\nARG EXTRA\nRUN go build -ldflags "-X a=b ${EXTRA}" .\n')).toEqual([]);
  });
});

describe('GD008 fix keeps the user text', () => {
  it('inserts after the opening quote, variables and all', () => {
    const text = 'FROM golang:1.26\nARG VERSION\nRUN go build -ldflags "-X main.version=${VERSION}" .\n';
    expect(fixSnippet(text, 'GD008')).toContain('go build -ldflags "-s -w -X main.version=${VERSION}" .');
    expect(fixSnippet("FROM golang:1.26\nRUN go build -ldflags='-s' .\n", 'GD008')).toContain("go build -ldflags='-w -s' .");
  });

  it('re-quotes an unquoted literal value', () => {
    expect(fixSnippet('FROM golang:1.26\nRUN go build -ldflags=-s .\n', 'GD008')).toContain('go build -ldflags="-w -s" .');
  });
});
