import { dockerfile, findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD002', text);

describe('GD002 bind-mount-sources', () => {
  it('accepts bind-mounted sources', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it('fires on COPY . . in a build stage, not on module files', () => {
    const findings = lint(dockerfile(`
      FROM golang:1.26 AS build
      COPY go.mod go.sum ./
      RUN go mod download
      COPY . .
      RUN go build -o /app .
    `));
    expect(findings.map((f) => f.line)).toEqual([4]);
  });

  it('fires on ADD of sources and on COPY in the stage the build is based on', () => {
    expect(lint('FROM golang:1.26 AS src\nADD cmd/ cmd/\nFROM src\nRUN go build ./cmd/x\n')).toHaveLength(1);
  });

  it('ignores COPY --from, heredocs, and stages that do not build Go', () => {
    expect(lint(dockerfile(`
      FROM golang:1.26 AS build
      COPY --from=tools /bin/x /bin/x
      COPY <<EOF /etc/conf
      a=1
      EOF
      RUN --mount=type=bind,target=. go build .
      FROM alpine:3
      COPY config.yaml /etc/
    `))).toEqual([]);
  });
});

describe('GD002 with tool installs', () => {
  it('ignores stages that only install remote tools', () => {
    expect(findingsOf('GD002', 'FROM golang:1.26\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\nCOPY app /app\n')).toEqual([]);
  });
});
