import { dockerfile, findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD005', text);

describe('GD005 build-on-buildplatform', () => {
  it('accepts a build stage on $BUILDPLATFORM', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it('fires on a non-final build stage without --platform', () => {
    const findings = lint('FROM golang:1.26 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n');
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(1);
  });

  it('fires on a constant --platform', () => {
    const findings = lint('FROM --platform=linux/amd64 golang:1.26 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('linux/amd64');
  });

  it('accepts a stage inheriting $BUILDPLATFORM from its base stage', () => {
    expect(lint(dockerfile(`
      FROM --platform=\${BUILDPLATFORM} golang:1.26 AS base
      FROM base AS build
      RUN go build -o /app .
      FROM scratch
      COPY --from=build /app /app
    `))).toEqual([]);
  });

  it('does not fire on cgo builds (they run on the target platform on purpose)', () => {
    expect(lint('FROM golang:1.26 AS build\nRUN CGO_ENABLED=1 go build -o /app .\nFROM debian:12\nCOPY --from=build /app /app\n')).toEqual([]);
    expect(lint('FROM golang:1.26 AS build\nENV CGO_ENABLED=1\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=build /app /app\n')).toEqual([]);
  });

  it('does not fire on single-stage builds or prebuilt-only Dockerfiles', () => {
    expect(lint('FROM golang:1.26\nRUN go build -o /app .\n')).toEqual([]);
    expect(lint('FROM --platform=linux/amd64 alpine:3\nCOPY app /app\n')).toEqual([]);
  });
});
