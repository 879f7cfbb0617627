#!/usr/bin/env node
// Benchmark (not a test): how go-docker's lint time and memory grow with the size of a Dockerfile. Lints generated
// Dockerfiles of 1k, 10k, 100k and 200k lines (a realistic mix of stages, RUN, COPY, ENV, ARG, comments and
// continuation lines) and one with 20,000 ENV lines, each in a fresh process, and prints lines/s, wall time and
// the process's peak RSS. Growth is linear when lines/s stays flat. Goal: 200k lines and 20k ENV lines each in
// ≤ 5 s and ≤ 300 MB RSS. Needs a build first: `npx nx run go-docker:build`.
//
//   npm run bench:lint-scale [-- --runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { median } from './lib/median.mjs';

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(self), '..', '..');
const dist = join(repoRoot, 'packages', 'go-docker', 'dist');

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** A stage of about 20 lines, varied by its index so no two are alike. */
function stage(k) {
  return [
    `# stage ${k}`,
    `FROM --platform=$BUILDPLATFORM docker.io/library/golang:1.26 AS build${k}`,
    `ARG VERSION_${k}=1.${k}`,
    `ENV GOFLAGS=-mod=mod APP_${k}=app${k}`,
    'WORKDIR /src',
    'RUN --mount=type=cache,target=/go/pkg/mod \\',
    '    --mount=type=bind,source=go.mod,target=go.mod \\',
    '    --mount=type=bind,source=go.sum,target=go.sum \\',
    '    go mod download',
    'ARG TARGETOS',
    'ARG TARGETARCH',
    'RUN --mount=type=cache,target=/go/pkg/mod \\',
    '    --mount=type=cache,target=/root/.cache/go-build \\',
    '    --mount=type=bind,target=. \\',
    `    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w -X main.version=$VERSION_${k}" -o /out/app${k} ./cmd/app${k}`,
    `COPY --from=build${k} /out/app${k} /tmp/app${k}`,
    `RUN echo "stage ${k}" && apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*`,
    `LABEL org.opencontainers.image.title="app${k}" stage="${k}"`,
    'EXPOSE 8080',
    '',
  ];
}

function mixed(lines) {
  const out = [];
  for (let k = 0; out.length < lines - 4; k++) out.push(...stage(k));
  out.length = lines - 4;
  out.push('FROM gcr.io/distroless/static-debian12:nonroot', 'USER 1001:1001', 'COPY --from=build0 /out/app0 /usr/local/bin/app', 'ENTRYPOINT ["/usr/local/bin/app"]');
  return `${out.join('\n')}\n`;
}

function envHeavy(count) {
  const out = ['FROM --platform=$BUILDPLATFORM docker.io/library/golang:1.26 AS build'];
  for (let k = 0; k < count; k++) out.push(`ENV VAR_${k}=value_${k}_$VAR_${Math.max(0, k - 1)}`);
  out.push('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .', 'FROM gcr.io/distroless/static-debian12:nonroot', 'USER 1001:1001', 'COPY --from=build /out/app /app');
  return `${out.join('\n')}\n`;
}

/** Worker: lint one file through the CLI path (read, discover, config, ignore file, rules) and report. */
function worker(file) {
  const { lintFiles } = require(join(dist, 'lint', 'run-lint.js'));
  const started = performance.now();
  const result = lintFiles({ paths: [file], cwd: dirname(file) });
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, findings: result.findings.length, problems: result.problems.map((p) => p.message), maxRssMB: usage.maxRSS / 1024 }));
}

function main() {
  if (!existsSync(join(dist, 'lint', 'run-lint.js'))) {
    console.error('go-docker is not built: run `npx nx run go-docker:build` first.');
    process.exit(2);
  }
  const runs = Number(option('runs', 3));
  const dir = mkdtempSync(join(tmpdir(), 'go-docker-lint-scale-'));
  const cases = [
    ...[1_000, 10_000, 100_000, 200_000].map((n) => ({ name: `${n.toLocaleString('en')} lines (mixed)`, lines: n, text: mixed(n), goal: n === 200_000 })),
    { name: '20,000 ENV lines', lines: 20_005, text: envHeavy(20_000), goal: true },
  ];
  console.log(`each case: ${runs} fresh processes (node ${process.version}); median wall time of lintFiles on the file, median CPU time of the whole process, highest peak RSS`);
  console.log('(on a loaded machine wall time exceeds CPU time; the goal is judged on wall time)\n');
  console.log('case                         lines     median ms   process CPU ms     lines/s   peak RSS MB   findings   goal (≤ 5000 ms, ≤ 300 MB)');
  let failed = false;
  try {
    for (const c of cases) {
      const file = join(dir, `${c.lines}.Dockerfile`);
      writeFileSync(file, c.text);
      const samples = [];
      const cpu = [];
      let rss = 0;
      let last;
      for (let r = 0; r < runs && !last?.crashed; r++) {
        const child = spawnSync(process.execPath, [self, '--worker', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
        if (child.status !== 0) {
          last = { crashed: /heap out of memory/.test(child.stderr) ? 'out of memory' : `exit ${child.status ?? child.signal}`, findings: '-' };
          break;
        }
        last = JSON.parse(child.stdout);
        if (last.problems.length > 0) throw new Error(`${c.name}: ${last.problems.join('; ')}`);
        samples.push(last.ms);
        cpu.push(last.cpuMs);
        rss = Math.max(rss, last.maxRssMB);
      }
      if (last.crashed) {
        failed = true;
        console.log(`${c.name.padEnd(26)} ${String(c.lines).padStart(7)}   crashed: ${last.crashed}`);
        continue;
      }
      const ms = median(samples);
      const verdict = !c.goal ? '' : ms <= 5000 && rss <= 300 ? 'met' : 'MISSED';
      if (verdict === 'MISSED') failed = true;
      console.log(`${c.name.padEnd(26)} ${String(c.lines).padStart(7)}   ${ms.toFixed(0).padStart(11)}   ${median(cpu).toFixed(0).padStart(14)}   ${Math.round(c.lines / (ms / 1000)).toLocaleString('en').padStart(9)}   ${rss.toFixed(0).padStart(11)}   ${String(last.findings).padStart(8)}   ${verdict}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nload average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  if (failed) process.exitCode = 1;
}

const workerFile = option('worker');
if (workerFile) worker(workerFile);
else main();
