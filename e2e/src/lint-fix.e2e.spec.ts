// `go-docker lint --fix` never changes what a build does: Dockerfiles with the final-stage patterns whose
// order matters (chown/chmod after the binary's COPY, a WORKDIR in between, a RUN reading what was copied)
// are fixed by the real CLI, then the original and the fixed file are both built by BuildKit on the
// container lab and a check stage proves the final images have the same files, owners and modes.
// Needs the lab (npm run lab:up) and the built package; fails, never skips, without them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Lab, lab, sh } from './support/lab';
import { REPO_ROOT } from './support/local-registry';

const CLI = join(REPO_ROOT, 'packages', 'go-docker', 'bin', 'go-docker.js');
const GOLANG = 'docker.io/library/golang:1.26';

const BUILD_STAGE = `FROM ${GOLANG} AS build
WORKDIR /src
COPY go.mod main.go ./
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api .
`;

interface Case {
  name: string;
  /** The final stage, named `final`. */
  final: string;
  /** Shell checks run in a stage built FROM the final one; a failing check fails the build. */
  checks: string[];
  /** The lines the fix must move (each must end up before the binary's COPY), and those it must leave after it. */
  moved: string[];
  kept: string[];
  /** A reordering that is not safe (what a naive fix would do): its build must fail the checks. */
  unsafe?: string[];
}

const CASES: Case[] = [
  {
    name: 'chown after the COPY',
    final: `FROM ${GOLANG} AS final
COPY --from=build /out/ /app/
RUN chown -R 1001:1001 /app
RUN mkdir -p /var/cache/svc
ENTRYPOINT ["/app/api"]
`,
    checks: ['test "$(stat -c %u:%g /app/api)" = 1001:1001', 'test -d /var/cache/svc'],
    moved: ['RUN mkdir -p /var/cache/svc'],
    kept: ['RUN chown -R 1001:1001 /app'],
  },
  {
    name: 'chmod of the directory the binary lands in',
    final: `FROM ${GOLANG} AS final
COPY --from=build /out/api /opt/svc/bin/api
RUN chmod -R 0750 /opt/svc
ENTRYPOINT ["/opt/svc/bin/api"]
`,
    checks: ['test "$(stat -c %a /opt/svc/bin/api)" = 750', 'test "$(stat -c %a /opt/svc)" = 750'],
    moved: [],
    kept: ['RUN chmod -R 0750 /opt/svc'],
  },
  {
    name: 'a WORKDIR between the COPY and a RUN',
    final: `FROM ${GOLANG} AS final
COPY --from=build /out/api /usr/local/bin/api
WORKDIR /data
RUN touch state.db
COPY config.yaml /etc/svc/
ENTRYPOINT ["/usr/local/bin/api"]
`,
    checks: ['test -f /data/state.db', 'test ! -e /go/state.db', 'test -f /etc/svc/config.yaml', 'test "$(pwd)" = /data'],
    moved: ['WORKDIR /data', 'RUN touch state.db', 'COPY config.yaml /etc/svc/'],
    kept: [],
    unsafe: ['RUN touch state.db'],
  },
  {
    name: 'a RUN that reads the copied binary',
    final: `FROM ${GOLANG} AS final
COPY --from=build /out/api /opt/app/bin/api
RUN ls -R /opt > /opt/listing.txt
ENTRYPOINT ["/opt/app/bin/api"]
`,
    checks: ['grep -qx api /opt/listing.txt'],
    moved: [],
    kept: ['RUN ls -R /opt > /opt/listing.txt'],
  },
];

let L: Lab;

beforeAll(() => {
  L = lab();
});

function context(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'go-docker-lint-fix-'));
  writeFileSync(join(dir, 'go.mod'), 'module example.com/api\n\ngo 1.26\n');
  writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() { println("api") }\n');
  writeFileSync(join(dir, 'config.yaml'), 'port: 8080\n');
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

/** Builds the Dockerfile plus a check stage FROM its final stage; throws (with BuildKit's log) when a check fails. */
function buildAndCheck(dir: string, dockerfile: string, checks: string[]): void {
  const checked = `${dockerfile}\nFROM final AS check\nRUN ${checks.join(' && ')}\n`;
  writeFileSync(join(dir, 'check.Dockerfile'), checked);
  sh(L.docker, ['buildx', 'build', '--builder', L.builder, '--progress=plain', '-f', join(dir, 'check.Dockerfile'), '--target', 'check', '--output', 'type=cacheonly', dir], {
    env: { ...process.env, ...L.env, BUILDX_GIT_INFO: 'false' },
  });
}

describe.each(CASES)('lint --fix keeps the build: $name', ({ final, checks, moved, kept, unsafe }) => {
  const original = `${BUILD_STAGE}\n${final}`;
  let dir: string;
  let fixed: string;

  beforeAll(() => {
    dir = context(original);
    const result = sh('node', [CLI, 'lint', '--fix', '--threshold', 'none', join(dir, 'Dockerfile')], { cwd: dir, allowFailure: true });
    expect([result.status, result.output]).toEqual([0, expect.any(String)]);
    fixed = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  });

  it('moves only the independent steps before the binary, and says why it leaves the others', () => {
    const lines = fixed.split('\n');
    const binaryCopy = lines.findIndex((l) => l.startsWith('COPY --from=build'));
    for (const line of moved) expect([line, lines.indexOf(line) < binaryCopy]).toEqual([line, true]);
    for (const line of kept) expect([line, lines.indexOf(line) > binaryCopy]).toEqual([line, true]);
    const report = sh('node', [CLI, 'lint', '--threshold', 'none', '--rule', 'GD012=warning', '--format', 'json', join(dir, 'Dockerfile')], { cwd: dir, allowFailure: true });
    const findings = JSON.parse(report.stdout) as { rule: string; message: string }[];
    // What is left is either not reported (it names the binary, so it belongs after it) or reported with the reason.
    const left = findings.filter((f) => f.rule === 'GD012');
    expect(left.length).toBeLessThanOrEqual(kept.length);
    for (const finding of left) expect(finding.message).toMatch(/not fixed automatically: it /);
  });

  it('the original and the fixed Dockerfile build images that pass the same checks', () => {
    buildAndCheck(dir, original, checks);
    buildAndCheck(dir, fixed, checks);
  });

  it('the checks catch an unsafe order (moving the steps that were left alone before the binary fails them)', () => {
    const lines = unsafe ?? kept;
    const withoutThem = original.split('\n').filter((l) => !lines.includes(l));
    const copy = withoutThem.findIndex((l) => l.startsWith('COPY --from=build'));
    withoutThem.splice(copy, 0, ...lines);
    expect(() => buildAndCheck(dir, withoutThem.join('\n'), checks)).toThrow(/did not complete successfully|exit code: 1/);
  });
});
