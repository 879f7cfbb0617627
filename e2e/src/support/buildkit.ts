// Reading BuildKit's plain progress output, and throwaway BuildKit daemons for cache-import tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Lab, sh } from './lab';

export interface StepTiming {
  description: string;
  cached: boolean;
  seconds: number;
}

export interface BuildTimings {
  steps: StepTiming[];
  /** The step whose description contains `text` (e.g. "go mod download"); throws if there is none. */
  step(text: string): StepTiming;
}

/** Parses `--progress=plain` output: `#N [stage i/n] RUN …`, then `#N CACHED` or `#N DONE 1.2s`. */
export function stepTimings(output: string): BuildTimings {
  const byId = new Map<string, StepTiming>();
  for (const line of output.split('\n')) {
    const match = /^#(\d+) (.*)$/.exec(line.trim());
    if (!match) continue;
    const [, id, rest] = match;
    const step = byId.get(id) ?? { description: '', cached: false, seconds: 0 };
    byId.set(id, step);
    if (!step.description && rest.startsWith('[')) step.description = rest;
    if (rest === 'CACHED') step.cached = true;
    const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest);
    if (done) step.seconds = Number(done[1]);
  }
  const steps = [...byId.values()].filter((s) => s.description);
  return {
    steps,
    step(text: string) {
      const found = steps.find((s) => s.description.includes(text));
      if (!found) throw new Error(`no build step mentions "${text}" in:\n${steps.map((s) => s.description).join('\n')}`);
      return found;
    },
  };
}

/** Runs `body` against a brand-new buildkitd (empty cache) registered as buildx builder `name`. */
export async function freshBuilder<T>(lab: Lab, name: string, body: () => T): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), `go-docker-${name}-`));
  const socket = join(root, 'buildkitd.sock');
  const buildkitd = join(dirname(lab.env.GO_DOCKER_LAB_BUILDCTL), 'buildkitd');
  const daemon = spawn(buildkitd, ['--config', join(lab.env.GO_DOCKER_LAB_STATE, 'buildkitd.toml'), '--root', join(root, 'state'), '--addr', `unix://${socket}`], { stdio: 'ignore', detached: true });
  try {
    const deadline = Date.now() + 30_000;
    while (!existsSync(socket)) {
      if (Date.now() > deadline || daemon.exitCode !== null) throw new Error(`buildkitd for ${name} did not start`);
      await new Promise((r) => setTimeout(r, 200));
    }
    sh(lab.docker, ['buildx', 'rm', name], { allowFailure: true });
    sh(lab.docker, ['buildx', 'create', '--name', name, '--driver', 'remote', `unix://${socket}`]);
    sh(lab.docker, ['buildx', 'inspect', '--bootstrap', name]);
    return body();
  } finally {
    sh(lab.docker, ['buildx', 'rm', name], { allowFailure: true });
    try {
      process.kill(-(daemon.pid as number), 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(root, { recursive: true, force: true });
  }
}

/** Wall-clock seconds of a synchronous call. */
export function timed<T>(body: () => T): { result: T; seconds: number } {
  const start = Date.now();
  const result = body();
  return { result, seconds: (Date.now() - start) / 1000 };
}
