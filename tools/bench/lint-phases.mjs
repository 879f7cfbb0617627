#!/usr/bin/env node
// Profiling aid (not a test, not the comparison): where go-docker's time over the shared corpus goes, in one
// process. Times whole lintText rounds, then parse, model and each rule on their own, as medians of timed rounds
// after a warm-up. Needs a build first: `npx nx run go-docker:build`.
//
//   node tools/bench/lint-phases.mjs [--rounds 30 --warmup 15] [--dist packages/go-docker/dist]
//
// Run it under `node --cpu-prof` to see the functions behind a phase.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './lib/median.mjs';

const require = createRequire(import.meta.url);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus', 'dockerfiles');

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = option('rounds', 30);
const warmup = option('warmup', 15);
// Another build (e.g. a copy of an older one) can be timed the same way, for a before/after comparison.
const distIndex = process.argv.indexOf('--dist');
const dist = join(distIndex > 0 ? resolve(process.argv[distIndex + 1]) : join(repoRoot, 'packages', 'go-docker', 'dist'), 'lint');

const { lintText, parseChecked } = require(join(dist, 'engine.js'));
const { buildModel } = require(join(dist, 'model', 'dockerfile-model.js'));
const { DEFAULT_CONFIG } = require(join(dist, 'config.js'));
const { RULES } = require(join(dist, 'rules', 'index.js'));

const files = readdirSync(corpusDir).filter((f) => f !== 'index.tsv').sort();
const texts = files.map((f) => readFileSync(join(corpusDir, f), 'utf8'));
const lintable = texts.map((text, i) => {
  try {
    parseChecked(text, files[i]);
    return true;
  } catch {
    return false;
  }
});

/** Median ms of `rounds` timed rounds of `round` after `warmup` untimed ones. */
function time(round) {
  for (let w = 0; w < warmup; w++) round();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    round();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const lintAll = () => {
  texts.forEach((text, i) => {
    try {
      lintText(text, { file: files[i], ignoreFile: null });
    } catch {
      // Unparseable files cost what they cost, as in bench:lint.
    }
  });
};
const total = time(lintAll);

// One round of phases, file by file (as lintText goes, so each file's garbage dies young): parse, build the model,
// then each rule in the engine's order (a rule pays for the memoized parsing it is the first to ask for).
const phaseNames = ['parse', 'model', ...RULES.map((r) => r.id)];
const phaseSamples = phaseNames.map(() => []);
const phaseRound = (record) => {
  const sums = phaseNames.map(() => 0);
  texts.forEach((text, i) => {
    if (!lintable[i]) return;
    let started = performance.now();
    const parsed = parseChecked(text, files[i]);
    let now = performance.now();
    sums[0] += now - started;
    started = now;
    const context = { parsed, model: buildModel(parsed), settings: DEFAULT_CONFIG, ignoreFile: null, report() {} };
    now = performance.now();
    sums[1] += now - started;
    RULES.forEach((rule, k) => {
      started = now;
      rule.check(context);
      now = performance.now();
      sums[k + 2] += now - started;
    });
  });
  if (record) sums.forEach((sum, k) => phaseSamples[k].push(sum));
};
for (let w = 0; w < warmup; w++) phaseRound(false);
for (let r = 0; r < rounds; r++) phaseRound(true);
const phase = Object.fromEntries(phaseNames.map((name, k) => [name, median(phaseSamples[k])]));
const rulesTotal = RULES.reduce((sum, rule) => sum + phase[rule.id], 0);

console.log(`${files.length} files, median of ${rounds} rounds after ${warmup} warm-up rounds`);
console.log(`lintText total ${total.toFixed(1)} ms`);
console.log(`  parse ${phase.parse.toFixed(1)} ms, model ${phase.model.toFixed(1)} ms, rules ${rulesTotal.toFixed(1)} ms (sums of per-phase medians)`);
console.log(`    ${RULES.map((r) => `${r.id} ${phase[r.id].toFixed(2)}`).join(', ')}`);
console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
