#!/usr/bin/env node
// Benchmark (not a test): lints the shared corpus with go-docker, dockerfilelint and dockerfile-utils,
// several rounds each, and prints medians and ratios; then the go-docker CLI cold start for one file
// against `node -e 0`. Needs a build first: `npx nx run go-docker:build`.
//
//   npm run bench:lint [-- --rounds 9 --spawns 21]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus', 'dockerfiles');
const dist = join(repoRoot, 'packages', 'go-docker', 'dist');
const bin = join(repoRoot, 'packages', 'go-docker', 'bin', 'go-docker.js');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('rounds', 15);
const spawns = arg('spawns', 21);

if (!existsSync(corpusDir)) throw new Error(`corpus missing: ${corpusDir}`);
if (!existsSync(join(dist, 'lint', 'engine.js'))) {
  console.error('go-docker is not built: run `npx nx run go-docker:build` first.');
  process.exit(2);
}

const files = readdirSync(corpusDir).filter((f) => f !== 'index.tsv').sort();
const texts = files.map((f) => readFileSync(join(corpusDir, f), 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { lintText } = require(join(dist, 'lint', 'engine.js'));
const { lintFiles } = require(join(dist, 'lint', 'run-lint.js'));
const dockerfilelint = require('dockerfilelint');
const dockerfileUtils = require('dockerfile-utils');
const emptyConfigDir = mkdtempSync(join(tmpdir(), 'bench-dockerfilelint-')); // no .dockerfilelintrc

// Every linter gets the same in-memory texts; exceptions are counted, not fatal.
const linters = {
  'go-docker': (text, i) => lintText(text, { file: files[i], ignoreFile: null }),
  'go-docker (CLI path: discovery, config, ignore files)': null,
  dockerfilelint: (text) => dockerfilelint.run(emptyConfigDir, text),
  'dockerfile-utils': (text) => dockerfileUtils.validate(text),
};

function round(lint) {
  let findings = 0;
  let errors = 0;
  const started = performance.now();
  texts.forEach((text, i) => {
    try {
      const result = lint(text, i);
      findings += Array.isArray(result) ? result.length : 0;
    } catch {
      errors++;
    }
  });
  return { ms: performance.now() - started, findings, errors };
}

function cliPathRound() {
  const started = performance.now();
  const result = lintFiles({ paths: [corpusDir], cwd: corpusDir });
  return { ms: performance.now() - started, findings: result.findings.length, errors: result.problems.length };
}

console.log(`corpus: ${files.length} files from ${corpusDir}; ${rounds} rounds after 1 warm-up, median per round`);
console.log('linters are interleaved within each round so machine load affects them alike\n');
const runners = Object.fromEntries(Object.entries(linters).map(([name, lint]) => [name, lint ? () => round(lint) : cliPathRound]));
const samples = Object.fromEntries(Object.keys(runners).map((name) => [name, []]));
for (const run of Object.values(runners)) run(); // warm-up: JIT, lazy requires
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(runners)) samples[name].push(run());
}
const results = Object.fromEntries(
  Object.entries(samples).map(([name, s]) => [name, { ms: median(s.map((x) => x.ms)), best: Math.min(...s.map((x) => x.ms)), findings: s[0].findings, errors: s[0].errors }]),
);
const base = results['go-docker'].ms;
const bestBase = results['go-docker'].best;
console.log('linter                                                 median ms   per file   vs go-docker   best ms   vs go-docker   findings  exceptions');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(54)} ${r.ms.toFixed(1).padStart(9)}   ${(r.ms / files.length).toFixed(3).padStart(8)}   ${(r.ms / base).toFixed(2).padStart(11)}x   ${r.best.toFixed(1).padStart(7)}   ${(r.best / bestBase).toFixed(2).padStart(11)}x   ${String(r.findings).padStart(8)}  ${String(r.errors).padStart(10)}`,
  );
}
console.log(`\ngo-docker is ${(results.dockerfilelint.ms / base).toFixed(1)}x faster than dockerfilelint by medians (${(results.dockerfilelint.best / bestBase).toFixed(1)}x by best rounds; goal ≥ 3x) and ${(results['dockerfile-utils'].ms / base).toFixed(1)}x faster than dockerfile-utils.`);
console.log(`load average during the run: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);

// Cold start: a fresh node process linting one file, against a bare node start.
const oneFile = join(corpusDir, files[0]);
const time = (args) => {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'ignore' });
  if (r.status === null || r.status > 1) throw new Error(`spawn failed: ${args.join(' ')} (status ${r.status})`);
  return performance.now() - started;
};
time(['-e', '0']);
time([bin, 'lint', oneFile]);
const baselines = [];
const colds = [];
for (let k = 0; k < spawns; k++) {
  baselines.push(time(['-e', '0'])); // Interleaved, so load spikes hit both alike.
  colds.push(time([bin, 'lint', oneFile]));
}
const baseline = median(baselines);
const cold = median(colds);
console.log(`\nCLI cold start, median of ${spawns} spawns: go-docker lint <1 file> ${cold.toFixed(1)} ms; node -e 0 ${baseline.toFixed(1)} ms; go-docker's own share ${(cold - baseline).toFixed(1)} ms (goal < 150 ms total)`);
