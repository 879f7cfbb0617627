// docs/conformance.md, written from a results file of tools/conformance/run.mjs.

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function imageCounts(results, repo) {
  const r = results.repos[repo];
  const jobs = r?.imageJobs ?? [];
  const images = results.images?.[repo] ?? {};
  const done = jobs.map((j) => images[j.dockerfile]).filter((x) => x && x.plugin === r.plugin);
  const outside = (cause) => done.filter((x) => !x.built && x.cause === cause).length;
  return { generated: jobs.length, tried: done.length, built: done.filter((x) => x.built).length, started: done.filter((x) => x.started).length, goFails: outside('go'), proxyRefuses: outside('proxy') };
}

export function conformanceReport(corpus, results) {
  const lines = [
    '# Conformance on real Go monorepos',
    '',
    'Written by `npm run conformance -- --full` (tools/conformance/run.mjs) from its results file. Each repository of',
    '`../shared/realworld/` is unpacked into a temporary directory, made an Nx 23.2.1 workspace with the packed plugin,',
    'then `nx g go-docker:init` and `nx g go-docker:setup` run, and the outcome is compared with the real `go list`',
    '(linux/amd64, `CGO_ENABLED=0`, and 1 for mains that only exist with cgo): the applications found, each image\'s allow-listed context, the project-graph',
    'edges, `nx show projects` / `nx graph`, `go-docker lint` of every generated Dockerfile, and which images',
    '`nx affected -t docker-build` builds for a change to a sampled package. Every generated image is then built',
    '(amd64, BuildKit on the container lab) and started: it passes when it keeps running for 2 s or exits with the',
    'program\'s own message — not with a missing file, a permission error or an exec error. Hand-written Dockerfiles',
    'that setup keeps are not built.',
    '',
    '| repository | mains found / in go list | closure mismatches | edge mismatches | affected mismatches | nx failures | images built / generated | images started | checks |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const details = [];
  for (const repo of corpus) {
    const r = results.repos[repo.name];
    if (!r) {
      lines.push(`| ${repo.repository} | not run | | | | | | | |`);
      continue;
    }
    const count = (kind) => r.failures.filter((f) => f.kind === kind).length;
    const img = imageCounts(results, repo.name);
    const imagesCell = r.quickOnly ? 'not yet tried' : img.generated === 0 ? '0 / 0' : `${img.built} / ${img.generated}${img.tried < img.generated ? ` (${img.generated - img.tried} not yet tried)` : ''}`;
    const startedCell = img.built ? `${img.started} / ${img.built} (${Math.round((100 * img.started) / img.built)} %)` : '—';
    lines.push(
      `| ${repo.repository} | ${r.mains ? `${r.mains.found} / ${r.mains.goList}` : '—'} | ${count('closure')} | ${r.edges ? r.edges.missing.length + r.edges.extra.length : '—'} | ${count('affected')} | ${count('nx')} | ${imagesCell} | ${startedCell} | ${r.ok ? 'pass' : 'fail'} |`,
    );
    const failures = [...r.failures.map((f) => `- [${f.kind}] ${cell(f.message.split('\n').slice(0, 4).join(' '))}`)];
    const images = results.images?.[repo.name] ?? {};
    for (const [file, x] of Object.entries(images).sort()) {
      if (x.plugin !== r.plugin || (x.built && x.started)) continue;
      failures.push(`- [image] \`${file}\`: ${cell(x.causeText ? `not built: ${x.causeText}` : x.startCauseText ? `not started: ${x.startCauseText}` : x.reason)}`);
    }
    if (failures.length) details.push('', `## ${repo.repository}`, '', ...failures);
  }
  const totals = corpus.reduce(
    (t, repo) => {
      const img = imageCounts(results, repo.name);
      const m = results.repos[repo.name]?.mains;
      return { found: t.found + (m?.found ?? 0), goList: t.goList + (m?.goList ?? 0), generated: t.generated + img.generated, tried: t.tried + img.tried, built: t.built + img.built, started: t.started + img.started, goFails: t.goFails + img.goFails, proxyRefuses: t.proxyRefuses + img.proxyRefuses };
    },
    { found: 0, goList: 0, generated: 0, tried: 0, built: 0, started: 0, goFails: 0, proxyRefuses: 0 },
  );
  lines.push(
    '',
    `Totals: ${totals.found} of ${totals.goList} mains found; ${totals.tried} of ${totals.generated} generated images tried so far; ${totals.built} of ${totals.tried} built; ${totals.started} of ${totals.built} built images started (${totals.built ? Math.round((100 * totals.started) / totals.built) : 0} %).`,
    ...(totals.goFails + totals.proxyRefuses
      ? [
          '',
          `Not built: ${totals.goFails} whose \`go build\` fails the same way on the host (the host's own \`go build\` of the package, the oracle, fails too: it needs a module this machine's Go module proxy refuses (403), or a package or an embedded build output that is not in the repository) — outside go-docker.${totals.proxyRefuses ? ` ${totals.proxyRefuses} whose packages need a module the proxy refuses (403), found in the build log (the host's go build was not run for them).` : ''} Of the ${totals.tried - totals.goFails - totals.proxyRefuses} tried images whose \`go build\` succeeds on the host, ${totals.built} built (${totals.tried - totals.goFails - totals.proxyRefuses ? Math.round((100 * totals.built) / (totals.tried - totals.goFails - totals.proxyRefuses)) : 0} %).`,
        ]
      : []),
    '',
    'Reproduce: `npm run conformance -- --full` (resumable: a second run continues; `--repo NAME`, `--shard i/n`,',
    '`--budget-minutes M`); quick checks only: `npm run conformance`. The oracle\'s golden files',
    '(tools/conformance/golden/) are regenerated by `npm run conformance:golden`; the full mode fails when one is stale.',
  );
  lines.push(...userOptionsSection(corpus, results));
  if (details.length) lines.push('', '# Remaining failures', ...details);
  return `${lines.join('\n')}\n`;
}

/** The images built with the options of tools/conformance/user-options.json, and what their checks showed. */
function userOptionsSection(corpus, results) {
  const rows = [];
  for (const repo of corpus) {
    const r = results.repos[repo.name];
    for (const x of Object.values(results.options?.[repo.name] ?? {})) {
      if (!r || x.plugin !== r.plugin) continue;
      const checks = x.checks.map((c) => `\`${[...c.run].join(' ') || '(no arguments)'}\` ${c.ok ? '✓' : '✗'}`).join(', ');
      rows.push(`| ${repo.repository} | \`${x.app}\` | ${cell(x.why)} | \`${cell(JSON.stringify(x.options))}\` | ${x.built ? 'yes' : 'no'} | ${checks || '—'} | ${cell(x.reason)} |`);
    }
  }
  if (rows.length === 0) return [];
  return [
    '',
    '## Images built with image options',
    '',
    'Services that need an image option (README: image options) get it the way a user sets it: a `project.json` with the',
    'project\'s name and `"go-docker"` (tools/conformance/user-options.json), setup run again, the image built by',
    '`nx run <project>:docker-build` (which passes the version stamp\'s build args) and started with each check\'s arguments.',
    '',
    '| repository | app | why | options | built | checks | result |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ];
}
