/**
 * BuildKit's own answers, from the Go program in src/lint/oracle built against github.com/moby/patternmatcher
 * and github.com/moby/buildkit/frontend/dockerfile/parser (fetched through the Go module proxy). Built once
 * per source version into a cache directory; a missing Go toolchain fails the spec, it never skips it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORACLE_DIR = join(__dirname, '..', 'oracle');

function goBinary(): string {
  for (const candidate of [process.env.GO, '/usr/local/go/bin/go', 'go']) {
    if (candidate && spawnSync(candidate, ['version']).status === 0) return candidate;
  }
  throw new Error('the Go toolchain is needed to build the BuildKit oracle (tools/ensure-go.sh installs it)');
}

/** Path of the built oracle binary (built when its sources changed). */
export function oracleBinary(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(ORACLE_DIR, file)));
  const cache = join(process.env.GO_DOCKER_CACHE_DIR ?? join(tmpdir(), 'go-docker-cache'), 'buildkit-oracle');
  const binary = join(cache, hash.digest('hex').slice(0, 16));
  if (existsSync(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  const partial = `${binary}.${process.pid}`;
  const built = spawnSync(goBinary(), ['build', '-mod=mod', '-o', partial, '.'], { cwd: ORACLE_DIR, encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0' } });
  if (built.status !== 0) throw new Error(`building the BuildKit oracle failed:\n${built.stdout}${built.stderr}`);
  renameSync(partial, binary);
  return binary;
}

export interface IgnoreAnswer {
  error?: string;
  patterns?: string[];
  results?: (boolean | 'error')[];
}

export interface NodeAnswer {
  value: string;
  original: string;
  start: number;
  end: number;
  flags: string[];
  json: boolean;
  next: string[] | null;
  heredocs: { name: string; fd: number; expand: boolean; chomp: boolean; content: string }[] | null;
}

export interface DockerfileAnswer {
  error?: string;
  line?: number;
  escape?: string;
  nodes?: NodeAnswer[];
  warnings?: number;
}

type Request = { kind: 'ignore'; content: string; paths: string[] } | { kind: 'dockerfile'; content: string };

/** Asks the oracle many questions in one process run. */
export function askOracle<T>(requests: Request[]): T[] {
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const run = spawnSync(oracleBinary(), [], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`the BuildKit oracle failed: ${run.stderr}`);
  const answers = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as T);
  if (answers.length !== requests.length) throw new Error(`the oracle answered ${answers.length} of ${requests.length} questions`);
  return answers;
}
