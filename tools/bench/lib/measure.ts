// Small helpers shared by the benchmarks: spawn with argv arrays, wall-clock timing, medians.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

export interface RunOptions extends SpawnSyncOptions {
  /** Print the command's output only if it fails (default); true streams it. */
  verbose?: boolean;
}

/** Runs argv, throws with the tail of its output on failure, returns stdout. */
export function run(argv: string[], options: RunOptions = {}): string {
  const { verbose, ...spawnOptions } = options;
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...spawnOptions });
  if (verbose) process.stdout.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').slice(-30).join('\n');
    throw new Error(`${argv.join(' ')} failed (${result.status ?? result.signal}):\n${tail}`);
  }
  return String(result.stdout ?? '');
}

/** Wall-clock seconds of one command (spawn included: that is what a user waits for). */
export function timed(argv: string[], options: RunOptions = {}): number {
  const start = process.hrtime.bigint();
  run(argv, options);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export interface Job {
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

// Runs the jobs read as JSON from stdin at once and fails if any fails: a synchronous caller's way to run in
// parallel. Stdin, not argv: a failure message repeats argv, and the jobs carry the environment.
const PARALLEL = `
const { spawn } = require('node:child_process');
const jobs = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
let failed = 0, left = jobs.length;
for (const j of jobs) {
  const child = spawn(j.argv[0], j.argv.slice(1), { cwd: j.cwd, env: j.env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code) => {
    if (code !== 0) { failed++; console.error(j.argv.join(' ') + ' failed (' + code + ')'); }
    if (--left === 0) process.exit(failed ? 1 : 0);
  });
}`;

/** Wall-clock seconds of several commands started together (until the last one ends). */
export function timedParallel(jobs: Job[]): number {
  return timed([process.execPath, '-e', PARALLEL], { input: JSON.stringify(jobs) });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A named series of timings (seconds) or sizes (bytes). */
export interface Sample {
  name: string;
  values: number[];
}

export const med = (s: Sample): number => median(s.values);

/**
 * Runs `rounds` rounds; inside a round every case runs once, in the same order, so machine load
 * (another engineer shares the 2 cores) hits every case alike and the ratios stay meaningful.
 */
export function interleaved(rounds: number, cases: Record<string, () => number>): Record<string, Sample> {
  const out: Record<string, Sample> = Object.fromEntries(Object.keys(cases).map((k) => [k, { name: k, values: [] as number[] }]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      const v = fn();
      out[name].values.push(v);
      log(`  ${name} #${r + 1}: ${v.toFixed(2)} s`);
    }
  }
  return out;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
