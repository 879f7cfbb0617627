import { findingsOf, fixSnippet, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD013', text);
const withFinal = (build: string, final = 'scratch') => `FROM golang:1.26 AS build\n${build}\nFROM ${final}\nCOPY --from=build /app /app\n`;

describe('GD013 cgo-disabled', () => {
  it('accepts CGO_ENABLED=0 inline, by ENV, by export and by go env -w', () => {
    expect(lint(GOOD)).toEqual([]);
    expect(lint(withFinal('ENV CGO_ENABLED=0\nRUN go build -o /app .'))).toEqual([]);
    expect(lint(withFinal('RUN export CGO_ENABLED=0 && go build -o /app .'))).toEqual([]);
    expect(lint(withFinal('RUN go env -w CGO_ENABLED=0\nRUN go build -o /app .'))).toEqual([]);
  });

  it('fires on a default cgo build shipped on scratch and fixes it inline', () => {
    const text = withFinal('RUN go build -o /app .');
    expect(lint(text)).toHaveLength(1);
    expect(fixSnippet(text, 'GD013')).toContain('RUN CGO_ENABLED=0 go build -o /app .');
  });

  it('fires on distroless static but not on distroless base', () => {
    expect(lint(withFinal('RUN go build -o /app .', 'gcr.io/distroless/static-debian12'))).toHaveLength(1);
    expect(lint(withFinal('RUN go build -o /app .', 'gcr.io/distroless/base-debian12'))).toEqual([]);
  });

  it('does not rewrite an explicit CGO_ENABLED=1, but accepts static cgo linking', () => {
    const [finding] = lint(withFinal('RUN CGO_ENABLED=1 go build -o /app .'));
    expect(finding.fixable).toBe(false);
    expect(lint(withFinal(`RUN CGO_ENABLED=1 go build -ldflags '-linkmode external -extldflags "-static"' -o /app .`))).toEqual([]);
  });

  it('ignores build stages whose output does not reach the final image', () => {
    expect(lint('FROM golang:1.26 AS tools\nRUN go build -o /t .\nFROM scratch\nCOPY app /app\n')).toEqual([]);
  });

  it('says nothing when CGO_ENABLED is a build-time value', () => {
    expect(lint(withFinal('ARG CGO_ENABLED\nRUN go build -o /app .'))).toEqual([]);
  });
});
