// The benchmark workspace: a temp copy of tools/bench/fixtures/realapp whose Dockerfiles come from the
// real generator (applySetup on an FsTree, as build-context.spec.ts does), plus the hand-written
// comparison Dockerfiles. Each Dockerfile lives outside the build context, with its own
// `<Dockerfile>.dockerignore`, so the styles never see each other's files.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '@nx/devkit';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { applySetup } from '../../../packages/go-docker/src/generators/setup/generator';

export const FIXTURE = join(__dirname, '..', 'fixtures', 'realapp');
export const APP = 'realapp';

export interface Workspace {
  root: string;
  /** Build context (the fixture's sources; also dist/ for the prebuilt strategy). */
  context: string;
  dockerfiles: { generated: string; naive: string; multistage: string; qemu: string; prebuilt: string; noop: string };
}

/** `COPY . .` then `go build` in the golang image: what many first Dockerfiles look like. */
const NAIVE = `FROM docker.io/library/golang:1.26
WORKDIR /app
ARG GOPROXY
COPY . .
RUN CGO_ENABLED=0 go build -o /app/${APP} .
CMD ["/app/${APP}"]
`;

/** The usual tutorial multi-stage: modules in their own layer, no cache mounts, distroless runtime. */
const MULTISTAGE = `FROM docker.io/library/golang:1.26 AS build
WORKDIR /src
ARG GOPROXY
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/${APP} .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/${APP} /usr/local/bin/${APP}
ENTRYPOINT ["/usr/local/bin/${APP}"]
`;

/** A build with nothing to do: what any `buildx build` costs here (client, session, solve), the floor under B1. */
const NOOP = `FROM scratch
ARG GO_IMAGE
ARG GOPROXY
`;

async function generate(root: string, strategy: 'in-docker' | 'prebuilt'): Promise<{ dockerfile: string; ignore: string }> {
  const tree = new FsTree(root, false);
  const results = await applySetup(tree, { strategy, force: true });
  flushChanges(root, tree.listChanges());
  if (results.length !== 1) throw new Error(`setup found ${results.length} apps in the fixture, expected 1`);
  return { dockerfile: readFileSync(join(root, 'Dockerfile'), 'utf8'), ignore: readFileSync(join(root, 'Dockerfile.dockerignore'), 'utf8') };
}

export async function createWorkspace(): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), 'go-docker-bench-'));
  const context = join(root, 'ctx');
  const dir = join(root, 'dockerfiles');
  mkdirSync(dir);
  const info = logger.info;
  logger.info = () => undefined;
  const gens: Record<string, { dockerfile: string; ignore: string }> = {};
  for (const strategy of ['in-docker', 'prebuilt'] as const) {
    const gen = join(root, `gen-${strategy}`);
    cpSync(FIXTURE, gen, { recursive: true });
    gens[strategy] = await generate(gen, strategy);
  }
  logger.info = info;
  cpSync(FIXTURE, context, { recursive: true });

  const write = (name: string, dockerfile: string, ignore: string): string => {
    writeFileSync(join(dir, name), dockerfile);
    writeFileSync(join(dir, `${name}.dockerignore`), ignore);
    return join(dir, name);
  };
  const generated = gens['in-docker'];
  // Emulation variant: the same Dockerfile with the build stage on the target platform (no cross-compilation).
  const qemu = generated.dockerfile.replace(/FROM --platform=\$BUILDPLATFORM /, 'FROM ');
  if (qemu === generated.dockerfile) throw new Error('generated Dockerfile has no FROM --platform=$BUILDPLATFORM');
  return {
    root,
    context,
    dockerfiles: {
      generated: write('generated.Dockerfile', generated.dockerfile, generated.ignore),
      qemu: write('qemu.Dockerfile', qemu, generated.ignore),
      prebuilt: write('prebuilt.Dockerfile', gens.prebuilt.dockerfile, gens.prebuilt.ignore),
      // dist/ holds the prebuilt binaries; a naive Dockerfile would not ship them.
      naive: write('naive.Dockerfile', NAIVE, 'dist\n'),
      multistage: write('multistage.Dockerfile', MULTISTAGE, 'dist\n'),
      noop: write('noop.Dockerfile', NOOP, '*\n'),
    },
  };
}

let edits = 0;
/** The one-line change before every warm rebuild: a new constant value, so the app package recompiles and relinks. */
export function editOneLine(ws: Workspace): void {
  edits++;
  writeFileSync(join(ws.context, 'version.go'), `package main\n\n// Version is the line the benchmark rewrites before each warm rebuild.\nconst Version = "bench-${process.pid}-${edits}"\n`);
}

let colds = 0;
/**
 * A per-run copy of a Dockerfile made cold: its cache mounts get a unique id (empty Go module and build
 * caches) and the build stage a unique `ARG BENCH_COLD` (BuildKit's layer cache key ignores cache-mount
 * ids, but declared ARGs are part of every later RUN's environment, so no step of the build stage is
 * reused). Base images stay pulled, as on a CI runner that keeps images but not the build cache. Cheaper
 * and less disruptive on a shared machine than a fresh buildkitd per run, and the lab's other caches stay.
 */
export function coldCopy(dockerfile: string): string {
  colds++;
  const id = `bench-cold-${process.pid}-${Date.now()}-${colds}`;
  const text = readFileSync(dockerfile, 'utf8')
    .replace(/--mount=type=cache,target=(\S+)/g, (_m, target: string) => `--mount=type=cache,id=${id}${target},target=${target}`)
    .replace(/^(FROM .* AS build)$/m, `$1\nARG BENCH_COLD=${id}`);
  if (!text.includes(`id=${id}`) || !text.includes(`BENCH_COLD=${id}`)) throw new Error(`${dockerfile}: no cache mounts or build stage to make cold`);
  const copy = dockerfile.replace(/\.Dockerfile$/, `.cold${colds}.Dockerfile`);
  writeFileSync(copy, text);
  writeFileSync(`${copy}.dockerignore`, readFileSync(`${dockerfile}.dockerignore`, 'utf8'));
  return copy;
}
