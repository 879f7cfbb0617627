/** Helpers for rule specs: lint a snippet and look at one rule's findings. */
import { DEFAULT_CONFIG, EffectiveConfig } from '../config';
import { Finding, lintText } from '../engine';
import { fixText } from '../fixer';
import { IgnoreFile } from '../rule';
import { RULES } from '../rules';

export interface SnippetOptions {
  ignoreFile?: IgnoreFile | null;
  config?: Partial<EffectiveConfig>;
  /** The paths that exist in the build context (omit: unknown). */
  context?: string[];
}

/** Strips the common indentation of a template literal so snippets can be indented in specs. */
export function dockerfile(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function lintSnippet(text: string, options: SnippetOptions = {}): Finding[] {
  const context = options.context;
  return lintText(text, { file: 'Dockerfile', config: { ...DEFAULT_CONFIG, ...options.config }, ignoreFile: options.ignoreFile, contextHas: context && ((p) => context.includes(p)) });
}

export function findingsOf(rule: string, text: string, options: SnippetOptions = {}): Finding[] {
  return lintSnippet(text, options).filter((f) => f.rule === rule);
}

/** Applies the fixes of one rule (or of all rules) and returns the new text. */
export function fixSnippet(text: string, rule?: string, options: SnippetOptions = {}): string {
  const severities = new Map(RULES.filter((r) => rule && r.id !== rule).map((r) => [r.id, 'off' as const]));
  return fixText(text, (t) => lintSnippet(t, { ...options, config: { severities, ...options.config } })).output;
}

/** A Go build Dockerfile that satisfies every rule; specs mutate one aspect at a time. */
export const GOOD = dockerfile(`
  ARG GO_IMAGE=docker.io/library/golang:1.26
  FROM --platform=$BUILDPLATFORM \${GO_IMAGE} AS build
  WORKDIR /src
  RUN --mount=type=cache,target=/go/pkg/mod \\
      --mount=type=bind,source=go.mod,target=go.mod \\
      --mount=type=bind,source=go.sum,target=go.sum \\
      go mod download
  ARG TARGETOS
  ARG TARGETARCH
  RUN --mount=type=cache,target=/go/pkg/mod \\
      --mount=type=cache,target=/root/.cache/go-build \\
      --mount=type=bind,target=. \\
      CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \\
      go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api

  FROM gcr.io/distroless/static-debian12:nonroot
  USER 1001:1001
  COPY --from=build /out/api /usr/local/bin/api
  ENTRYPOINT ["/usr/local/bin/api"]
`);
