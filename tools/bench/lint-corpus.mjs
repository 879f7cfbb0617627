#!/usr/bin/env node
// Benchmark (not a test): lints the shared corpus with go-docker, dockerfilelint and dockerfile-utils and prints
// medians and ratios; then the go-docker CLI cold start for one file against `node -e 0`.
// Needs a build first: `npx nx run go-docker:build`.
//
//   npm run bench:lint [-- --passes 10 --rounds 10 --warmup 15 --warmup-ms 2000 --spawns 21]
//
// Each linter runs in its own process (its own heap: nobody pays for another's garbage), `rounds` timed rounds
// after a warm-up of at least `warmup` rounds and at least `warmup-ms` of linting. The warm-up is timed as well as
// counted, as JMH and tinybench warm up: V8 optimizes a function once it has run enough of its own code, so a
// linter that does less per round needs more rounds to settle, and a round count alone would time one linter
// half-optimized and the other settled. `--warmup-ms 0` gives the round count alone, and every run also prints
// the rounds right after `warmup` rounds. A pass runs every linter once, in the opposite order from the pass
// before; many short passes rather than a few long ones, because a shared machine slows down for seconds at a time
// and a slow spell should fall on every linter alike. Besides the ratio of the medians, the median of the per-pass
// ratios (each pass's two sides ran seconds apart) is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './lib/median.mjs';

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(self), '..', '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus', 'dockerfiles');
const dist = join(repoRoot, 'packages', 'go-docker', 'dist');
const bin = join(repoRoot, 'packages', 'go-docker', 'bin', 'go-docker.js');

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

const LINTERS = ['go-docker', 'go-docker (CLI path: discovery, config, ignore files)', 'dockerfilelint', 'dockerfile-utils'];

/** Worker: time `rounds` rounds of one linter over the corpus and print the samples as JSON. */
function worker(name, rounds, warmup, warmupMs) {
  const files = readdirSync(corpusDir).filter((f) => f !== 'index.tsv').sort();
  const texts = files.map((f) => readFileSync(join(corpusDir, f), 'utf8'));
  let lintAll;
  if (name === 'go-docker') {
    const { lintText } = require(join(dist, 'lint', 'engine.js'));
    lintAll = () => count(texts, (text, i) => lintText(text, { file: files[i], ignoreFile: null }));
  } else if (name.startsWith('go-docker (CLI')) {
    const { lintFiles } = require(join(dist, 'lint', 'run-lint.js'));
    lintAll = () => {
      const result = lintFiles({ paths: [corpusDir], cwd: corpusDir });
      return { findings: result.findings.length, errors: result.problems.length };
    };
  } else if (name === 'dockerfilelint') {
    const dockerfilelint = require('dockerfilelint');
    const emptyConfigDir = mkdtempSync(join(tmpdir(), 'bench-dockerfilelint-')); // no .dockerfilelintrc
    process.on('exit', () => rmSync(emptyConfigDir, { recursive: true, force: true }));
    lintAll = () => count(texts, (text) => dockerfilelint.run(emptyConfigDir, text));
  } else {
    const dockerfileUtils = require('dockerfile-utils');
    lintAll = () => count(texts, (text) => dockerfileUtils.validate(text));
  }
  const coldStarted = performance.now();
  lintAll(); // The first round: lazy requires, interpreter only (what a one-shot CLI run over the corpus sees).
  const cold = performance.now() - coldStarted;
  // Warm-up rounds are timed too: rounds `warmup`+1… of every process are what a round count alone would time.
  const early = [];
  let warmupRounds = 1;
  for (; warmupRounds < warmup || performance.now() - coldStarted < warmupMs; warmupRounds++) {
    const started = performance.now();
    lintAll();
    if (warmupRounds >= warmup) early.push(performance.now() - started);
  }
  const samples = [];
  let last;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    last = lintAll();
    samples.push(performance.now() - started);
  }
  // The rounds right after `warmup` rounds, whether they were still warm-up or already timed.
  const afterRoundCount = [...early, ...samples].slice(0, rounds);
  process.stdout.write(JSON.stringify({ samples, cold, warmupRounds, afterRoundCount, files: texts.length, ...last }));
}

/** Every linter gets the same in-memory texts; exceptions are counted, not fatal. */
function count(texts, lint) {
  let findings = 0;
  let errors = 0;
  texts.forEach((text, i) => {
    try {
      const result = lint(text, i);
      findings += Array.isArray(result) ? result.length : 0;
    } catch {
      errors++;
    }
  });
  return { findings, errors };
}

function main() {
  if (!existsSync(corpusDir)) throw new Error(`corpus missing: ${corpusDir}`);
  if (!existsSync(join(dist, 'lint', 'engine.js'))) {
    console.error('go-docker is not built: run `npx nx run go-docker:build` first.');
    process.exit(2);
  }
  const passes = Number(option('passes', 10));
  const rounds = Number(option('rounds', 10));
  const spawns = Number(option('spawns', 21));
  const warmup = Number(option('warmup', 15));
  const warmupMs = Number(option('warmup-ms', 2000));

  const results = Object.fromEntries(LINTERS.map((name) => [name, { samples: [] }]));
  const passRatios = [];
  for (let pass = 0; pass < passes; pass++) {
    const medians = {};
    for (const name of pass % 2 === 0 ? LINTERS : [...LINTERS].reverse()) {
      const out = execFileSync(process.execPath, [self, '--worker', name, '--rounds', String(rounds), '--warmup', String(warmup), '--warmup-ms', String(warmupMs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const { samples, cold, warmupRounds, afterRoundCount, ...rest } = JSON.parse(out);
      Object.assign(results[name], rest);
      results[name].samples.push(...samples);
      (results[name].colds ??= []).push(cold);
      (results[name].warmups ??= []).push(warmupRounds);
      (results[name].afterRoundCount ??= []).push(...afterRoundCount);
      medians[name] = median(samples);
    }
    passRatios.push(medians.dockerfilelint / medians['go-docker']);
  }
  const files = results['go-docker'].files;
  console.log(`corpus: ${files} files from ${corpusDir}`);
  console.log(`${passes} passes × ${rounds} timed rounds per linter, each linter in its own process after a warm-up of ≥ ${warmup} rounds and ≥ ${warmupMs} ms (passes in alternating order); median and best round\n`);
  const stats = Object.fromEntries(
    LINTERS.map((name) => [name, { ...results[name], ms: median(results[name].samples), best: Math.min(...results[name].samples), cold: median(results[name].colds) }]),
  );
  const base = stats['go-docker'];
  console.log('linter                                                 median ms   per file   vs go-docker   best ms   vs go-docker   1st round ms   warm-up rounds   findings  exceptions');
  for (const [name, r] of Object.entries(stats)) {
    console.log(
      `${name.padEnd(54)} ${r.ms.toFixed(1).padStart(9)}   ${(r.ms / files).toFixed(3).padStart(8)}   ${(r.ms / base.ms).toFixed(2).padStart(11)}x   ${r.best.toFixed(1).padStart(7)}   ${(r.best / base.best).toFixed(2).padStart(11)}x   ${r.cold.toFixed(1).padStart(12)}   ${String(median(r.warmups)).padStart(14)}   ${String(r.findings).padStart(8)}  ${String(r.errors).padStart(10)}`,
    );
  }
  console.log(
    `\ngo-docker is ${(stats.dockerfilelint.ms / base.ms).toFixed(1)}x faster than dockerfilelint by medians (${(stats.dockerfilelint.best / base.best).toFixed(1)}x by best rounds; goal ≥ 3x) and ${(stats['dockerfile-utils'].ms / base.ms).toFixed(1)}x faster than dockerfile-utils.`,
  );
  const sorted = [...passRatios].sort((a, b) => a - b);
  console.log(`per pass, dockerfilelint ÷ go-docker: median ${median(passRatios).toFixed(2)}x, lowest ${sorted[0].toFixed(2)}x, highest ${sorted[sorted.length - 1].toFixed(2)}x (${passes} passes)`);
  const early = (name) => median(results[name].afterRoundCount);
  console.log(
    `rounds ${warmup + 1}–${warmup + rounds} of every process (a warm-up of ${warmup} rounds alone): go-docker ${early('go-docker').toFixed(1)} ms, dockerfilelint ${early('dockerfilelint').toFixed(1)} ms by medians: ${(early('dockerfilelint') / early('go-docker')).toFixed(1)}x`,
  );
  console.log(
    `first round of every process (what a one-shot run over the corpus sees): go-docker ${base.cold.toFixed(1)} ms, dockerfilelint ${stats.dockerfilelint.cold.toFixed(1)} ms by medians: ${(stats.dockerfilelint.cold / base.cold).toFixed(2)}x`,
  );

  // Cold start: a fresh node process linting one file, against a bare node start (interleaved).
  const oneFile = join(corpusDir, readdirSync(corpusDir).filter((f) => f !== 'index.tsv').sort()[0]);
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
    baselines.push(time(['-e', '0']));
    colds.push(time([bin, 'lint', oneFile]));
  }
  const baseline = median(baselines);
  const cold = median(colds);
  console.log(`\nCLI cold start, median of ${spawns} spawns: go-docker lint <1 file> ${cold.toFixed(1)} ms; node -e 0 ${baseline.toFixed(1)} ms; go-docker's own share ${(cold - baseline).toFixed(1)} ms (goal < 150 ms total)`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
}

const workerName = option('worker');
if (workerName) worker(workerName, Number(option('rounds', 10)), Number(option('warmup', 15)), Number(option('warmup-ms', 0)));
else main();
