// The "go-docker vs ko" section of docs/benchmarks.md, written from koComparison's numbers.
import { KO_RATIOS, KO_VERSION, type KoResults, medianOf } from './ko';
import { median } from './measure';
import { ratio, sec, table, verdict } from './report';

export const KO_SECTION_START = '<!-- ko comparison: start -->';
export const KO_SECTION_END = '<!-- ko comparison: end -->';
const PRE_ENGINE_GOAL = 0.3;

export function koSection(r: KoResults, rounds: number, coldRounds: number): string {
  const m = (name: string) => medianOf(r.series, name);
  const rows = KO_RATIOS.map((x) => {
    const [left, right] = [m(x.left), m(x.right)];
    const value = left / right;
    return Number.isNaN(value) ? [x.measure, 'not run', `≤ ${x.goal}`] : [x.measure, `${ratio(value)} (${sec(left)} / ${sec(right)})`, verdict(value, x.goal, true)];
  });
  const pre = r.preEngine.values.length ? median(r.preEngine.values) : NaN;
  rows.push(["the target's own time before the engine starts", Number.isNaN(pre) ? 'not measured' : `${sec(pre)} (last run: ${r.breakdown})`, Number.isNaN(pre) ? '—' : verdict(pre, PRE_ENGINE_GOAL, true)]);
  const series = Object.values(r.series).map((s) => [s.name, `${s.values.length}`, sec(median(s.values)), s.values.map((v) => v.toFixed(2)).join(', ')]);

  const nxNoop = m('nx run of an empty target');
  const warm1 = m('go-docker warm, 1 arch'), engine1 = m('engine alone (buildx) warm, 1 arch');
  const ko1 = m('ko warm, 1 arch'), bareKo1 = m('bare ko build warm, 1 arch');
  const where = Number.isNaN(warm1)
    ? 'Where the time goes: not measured in this run.'
    : `Where the time goes (medians): \`nx run\` of an empty target costs ${sec(nxNoop)} (Nx start-up, daemon round trip, task
runner, the forked executor process), paid by both sides. go-docker's warm one-arch run is ${sec(warm1)}, of which the
engine call alone is ${sec(engine1)}; the rest (${sec(warm1 - engine1)}) is Nx plus the target's own ${Number.isNaN(pre) ? '(unmeasured)' : sec(pre)} before the engine
starts. ko through Nx is ${sec(ko1)}, bare ${sec(bareKo1)}.`;
  return `${KO_SECTION_START}
## go-docker vs ko (through \`nx run\`, as a user types it)

ko ${KO_VERSION} (\`go install github.com/google/ko@${KO_VERSION}\` through the Go module proxy) and go-docker in one real Nx
workspace (tools/bench/lib/ko.ts): the realapp fixture at \`apps/realapp\`, its Dockerfile written by \`nx g go-docker:setup\`,
and a \`ko-build\` target (\`nx:run-commands\`: \`ko build . --bare --insecure-registry\`, \`.ko.yaml\` with the Dockerfile's
flags: \`-trimpath -buildvcs=false -ldflags=-s -w\`, CGO off, the same distroless base). Both push to the lab registry.
Commands, as typed: \`nx run realapp:docker-build --push [--platforms=linux/amd64]\` (the target's defaults; the lab builder
picked with \`BUILDX_BUILDER\`, the registry with \`GO_DOCKER_REGISTRY\`) and \`nx run realapp:ko-build
--platform=linux/amd64[,linux/arm64]\`. No \`CI\` variable and the Nx daemon on, as at a terminal. Warm = after a one-line
change of \`version.go\`; no-change = the same command again (Nx replays go-docker's cached task; the ko target is not
cacheable, ko runs); cold = empty Go build and module caches on both sides, base images present (go-docker: a copy of its
Dockerfile with new cache-mount ids via \`--file\`; ko: a new \`GOCACHE\`). "Engine alone" = the \`docker buildx build\`
argv the target's \`--dryRun\` prints, run directly. Medians of ${rounds} interleaved rounds (cold: ${coldRounds}).

${table(['measure (go-docker ÷ ko unless named)', 'value', 'goal'], rows)}

${where}

### Every series (seconds; median of n)

${table(['series', 'n', 'median', 'runs'], series)}

Reproduce: \`npm run bench -- --only ko\` (this section alone, ≈${Math.max(5, Math.round((rounds * 40 + coldRounds * 200) / 60))} min here; \`--rounds N\` and \`--cold-rounds N\` as below), or the whole
\`npm run bench\`.
${KO_SECTION_END}`;
}

/** The page with its ko section replaced by `section` (or added at the end when it has none). */
export function withKoSection(page: string, section: string): string {
  const start = page.indexOf(KO_SECTION_START), end = page.indexOf(KO_SECTION_END);
  if (start < 0 || end < start) return `${page.trimEnd()}\n\n${section}\n`;
  return page.slice(0, start) + section + page.slice(end + KO_SECTION_END.length);
}
