import { findingsOf, fixSnippet, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD016', text);

describe('GD016 trimpath', () => {
  it('accepts -trimpath in flags or GOFLAGS', () => {
    expect(lint(GOOD)).toEqual([]);
    expect(lint('FROM golang:1.26\nENV GOFLAGS=-trimpath\nRUN go build .\n')).toEqual([]);
  });

  it('fires without it and fixes by inserting after `go build`', () => {
    const text = 'FROM golang:1.26\nRUN go build \\\n    -o /app .\n';
    expect(lint(text)).toHaveLength(1);
    expect(fixSnippet(text, 'GD016')).toContain('RUN go build -trimpath \\\n    -o /app .\n');
  });

  it('fixes inside a RUN heredoc script', () => {
    const text = 'FROM golang:1.26\nRUN <<EOF\nset -e\ngo build -o /app .\nEOF\n';
    expect(fixSnippet(text, 'GD016')).toContain('\ngo build -trimpath -o /app .\nEOF\n');
  });

  it('reports but does not edit builds in exec form or sh -c strings', () => {
    const [exec] = lint('FROM golang:1.26\nRUN ["go", "build", "."]\n');
    expect(exec.fixable).toBe(false);
    const [nested] = lint(`FROM golang:1.26\nRUN sh -c 'go build .'\n`);
    expect(nested.fixable).toBe(false);
  });
});
