import { dockerfile, findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD001', text);

describe('GD001 go-mod-download-first', () => {
  it('accepts a download step with only module files mounted', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it('accepts the classic COPY go.mod go.sum, download, then COPY . .', () => {
    expect(lint(dockerfile(`
      FROM golang:1.26 AS build
      COPY go.mod go.sum ./
      RUN go mod download
      COPY . .
      RUN go build -o /app .
    `))).toEqual([]);
  });

  it('fires when the download runs after COPY . .', () => {
    const findings = lint(dockerfile(`
      FROM golang:1.26 AS build
      COPY . .
      RUN go mod download && go build -o /app .
    `));
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(3);
  });

  it('fires when there is no download step at all', () => {
    expect(lint('FROM golang:1.26\nRUN --mount=type=bind,target=. go build -o /app .\n')).toHaveLength(1);
  });

  it('fires when the download step mounts the whole context', () => {
    expect(lint('FROM golang:1.26\nRUN --mount=type=bind,target=. go mod download\nRUN --mount=type=bind,target=. go build .\n')).toHaveLength(1);
  });

  it('accepts a download in the stage the build stage is built FROM', () => {
    expect(lint(dockerfile(`
      FROM golang:1.26 AS deps
      COPY go.* ./
      RUN go mod download
      FROM deps AS build
      COPY . .
      RUN go build .
    `))).toEqual([]);
  });

  it('accepts a module cache copied from a download stage', () => {
    expect(lint(dockerfile(`
      FROM golang:1.26 AS deps
      COPY go.mod go.sum ./
      RUN go mod download
      FROM golang:1.26 AS build
      COPY --from=deps /go/pkg/mod /go/pkg/mod
      COPY . .
      RUN go build .
    `))).toEqual([]);
  });

  it('exempts a build from vendor/ in the context (the go command uses it by default) unless -mod=mod or the ignore file drops it', () => {
    const text = 'FROM golang:1.26\nCOPY . .\nRUN go build ./cmd/api\n';
    const vendored = ['go.mod', 'vendor/modules.txt'];
    expect(findingsOf('GD001', text, { context: vendored })).toEqual([]);
    expect(findingsOf('GD001', text, { context: ['go.mod'] })).toHaveLength(1);
    expect(findingsOf('GD001', text.replace('go build', 'go build -mod=mod'), { context: vendored })).toHaveLength(1);
    expect(findingsOf('GD001', text.replace('RUN', 'ENV GOFLAGS=-mod=readonly\nRUN'), { context: vendored })).toHaveLength(1);
    expect(findingsOf('GD001', text, { context: vendored, ignoreFile: { path: '.dockerignore', content: 'vendor\n' } })).toHaveLength(1);
  });

  it('exempts vendored builds and stages without the Go toolchain', () => {
    expect(lint('FROM golang:1.26\nCOPY . .\nRUN go build -mod=vendor .\n')).toEqual([]);
    expect(lint('FROM alpine:3\nCOPY app /app\n')).toEqual([]);
  });
});

describe('GD001 with tool installs', () => {
  it('ignores go install of a remote tool@version', () => {
    expect(findingsOf('GD001', 'FROM golang:1.26\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build .\n')).toEqual([]);
  });
});
