import { findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD003', text);

describe('GD003 go-cache-mounts', () => {
  it('accepts build and download steps with cache mounts', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it('fires on go build without any cache mount, naming both caches', () => {
    const [finding] = lint('FROM golang:1.26\nRUN go build .\n');
    expect(finding.message).toMatch(/module cache.*GOCACHE|GOCACHE.*module cache/);
  });

  it('fires on go build with only the module cache', () => {
    const [finding] = lint('FROM golang:1.26\nRUN --mount=type=cache,target=/go/pkg/mod go build .\n');
    expect(finding.message).toContain('GOCACHE (/root/.cache/go-build)');
    expect(finding.message).not.toContain('module cache');
  });

  it('fires on go mod download without a module cache mount only', () => {
    const findings = lint('FROM golang:1.26\nRUN --mount=type=cache,target=/root/.cache/go-build go mod download\n');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('module cache');
  });

  it('follows GOCACHE and GOMODCACHE set by ENV', () => {
    const text = 'FROM golang:1.26\nENV GOCACHE=/cache/build GOMODCACHE=/cache/mod\nRUN --mount=type=cache,target=/cache/build --mount=type=cache,target=/cache/mod go build .\n';
    expect(lint(text)).toEqual([]);
    expect(lint(text.replace('target=/cache/build', 'target=/root/.cache/go-build'))).toHaveLength(1);
  });

  it('accepts a cache mount on a parent directory', () => {
    expect(lint('FROM golang:1.26\nRUN --mount=type=cache,target=/go --mount=type=cache,target=/root/.cache go build .\n')).toEqual([]);
  });

  it('says nothing when GOCACHE is only known at build time', () => {
    expect(lint('FROM golang:1.26\nARG GOCACHE\nRUN --mount=type=cache,target=/go/pkg/mod go build .\n')).toEqual([]);
  });
});
