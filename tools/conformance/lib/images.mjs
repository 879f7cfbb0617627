// Full mode: build each generated Dockerfile on the container lab (buildx builder go-docker-lab, amd64,
// modules through the lab's module proxy) and start the image. An image passes when its container
// keeps running for 2 s, or exits with the program's own message (usage, missing configuration) —
// not with a missing file, a permission error or an exec error.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.mjs';
import { exec } from './workspace.mjs';

/** The running lab's environment (tools/lab/env.sh), or an error saying why there is none. */
export function labEnv() {
  const result = spawnSync('bash', [join(REPO_ROOT, 'tools', 'lab', 'env.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the container lab is not up (${result.stderr.trim()}): npm run lab:up`);
  const env = {};
  for (const line of result.stdout.split('\n')) {
    const m = /^(?:export\s+)?([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** Puts the modules a tree needs into the lab's module proxy (each workspace, and each module no workspace uses). */
export function addModulesToLabProxy(root, oracle) {
  const dirs = [...oracle.workspaces, ...oracle.modules.filter((m) => m.workspace === null).map((m) => m.dir)];
  const problems = [];
  for (const dir of dirs) {
    const result = exec('bash', [join(REPO_ROOT, 'tools', 'lab', 'goproxy-add.sh'), join(root, dir)], root, { env: process.env, timeoutMs: 30 * 60_000 });
    if (!result.ok) problems.push(`${dir}: ${result.output.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return problems;
}

const EXEC_ERROR = /exec format error|executable file not found|exec: "|OCI runtime (create|exec) failed|no such file or directory: unknown|cannot execute/i;
const PERMISSION = /permission denied|operation not permitted|read-only file system/i;
const MISSING_FILE = /no such file or directory|cannot find|not found/i;

/** Classifies how a started container ended: { started, reason }. */
export function classifyStart({ runOk, runOutput, running, exitCode, logs }) {
  if (!runOk) return { started: false, reason: `exec error: ${firstLine(runOutput)}` };
  if (running) return { started: true, reason: 'kept running for 2 s' };
  const text = logs.trim();
  if (EXEC_ERROR.test(text)) return { started: false, reason: `exec error (exit ${exitCode}): ${firstMatch(text, EXEC_ERROR)}` };
  if (PERMISSION.test(text)) return { started: false, reason: `permission error (exit ${exitCode}): ${firstMatch(text, PERMISSION)}` };
  if (MISSING_FILE.test(text)) return { started: false, reason: `missing file (exit ${exitCode}): ${firstMatch(text, MISSING_FILE)}` };
  if (!text) return { started: exitCode === 0, reason: exitCode === 0 ? 'exited 0 without output' : `exited ${exitCode} without output` };
  return { started: true, reason: `exited ${exitCode} with its own message: ${firstLine(text)}` };
}

function firstLine(text) {
  return (text.trim().split('\n').find(Boolean) ?? '').slice(0, 200);
}

function firstMatch(text, regexp) {
  return (text.split('\n').find((l) => regexp.test(l)) ?? firstLine(text)).trim().slice(0, 200);
}

/**
 * The lab's offline golang stand-in has the 1.26 line only (1.26, 1.26.8, -bookworm): a build that failed on a
 * golang tag the lab lacks is built again with the GO_IMAGE build arg every generated Dockerfile declares, and
 * says so. The image to use, or undefined when the build failed for another reason.
 */
export function labGoImageFor(buildOutput) {
  const missing = /docker\.io\/library\/golang:(\S+?): not found/.exec(buildOutput)?.[1];
  if (missing === undefined) return undefined;
  const image = `docker.io/library/golang:1.26${missing.endsWith('-bookworm') ? '-bookworm' : ''}`;
  return { image, note: `golang:${missing} is not in the lab; built with ${image}` };
}

/** Builds and starts one image; returns { built, started, reason, buildSeconds, log? }. */
export function buildAndStart(root, { repo, dockerfile, context }, lab) {
  const docker = lab.GO_DOCKER_LAB_DOCKER || 'docker';
  const id = createHash('sha1').update(`${repo}/${dockerfile}`).digest('hex').slice(0, 10);
  const tag = `conformance/${repo.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}:${id}`;
  if (!existsSync(join(root, dockerfile))) return { built: false, started: false, reason: `no ${dockerfile}` };
  const buildWith = (extra) =>
    exec(
      docker,
      ['buildx', 'build', '--builder', lab.GO_DOCKER_LAB_BUILDER || 'go-docker-lab', '--platform', 'linux/amd64', '--progress', 'plain', '--build-arg', `GOPROXY=${lab.GO_DOCKER_LAB_GOPROXY}`, ...extra, '-f', dockerfile, '-t', tag, '--load', context],
      root,
      { env: process.env, timeoutMs: 40 * 60_000 },
    );
  let build = buildWith([]);
  const lab126 = build.ok ? undefined : labGoImageFor(build.output);
  if (lab126) build = buildWith(['--build-arg', `GO_IMAGE=${lab126.image}`]);
  const result = { built: build.ok, started: false, buildSeconds: Number(build.seconds.toFixed(1)), ...(lab126 ? { goImageOverride: lab126.note } : {}) };
  if (!build.ok) return { ...result, reason: `build failed: ${buildError(build.output)}`, log: build.output.trim().split('\n').slice(-30).join('\n') };
  const verdict = startImage(root, tag, lab);
  exec(docker, ['rmi', '-f', tag], root, { env: process.env });
  return { ...result, ...verdict };
}

/** Starts an image (no network) and judges how it ran: { started, reason, log? } (see classifyStart). */
export function startImage(root, tag, lab) {
  const docker = lab.GO_DOCKER_LAB_DOCKER || 'docker';
  const name = `conformance-${createHash('sha1').update(tag).digest('hex').slice(0, 10)}`;
  exec(docker, ['rm', '-f', name], root, { env: process.env });
  const run = exec(docker, ['run', '-d', '--network', 'none', '--name', name, tag], root, { env: process.env });
  let state = { running: false, exitCode: -1 };
  let logs = '';
  if (run.ok) {
    spawnSync('sleep', ['2.5']);
    const inspect = exec(docker, ['inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', name], root, { env: process.env });
    const [running, exitCode] = inspect.stdout.trim().split(' ');
    state = { running: running === 'true', exitCode: Number(exitCode) };
    logs = exec(docker, ['logs', name], root, { env: process.env }).output;
  }
  exec(docker, ['rm', '-f', name], root, { env: process.env });
  const verdict = classifyStart({ runOk: run.ok, runOutput: run.output, ...state, logs });
  return { ...verdict, ...(verdict.started ? {} : { log: `${run.output}\n${logs}`.trim().split('\n').slice(-15).join('\n') }) };
}

/**
 * The files BuildKit itself lets into a Dockerfile's context (its ignore file applied by BuildKit): a
 * throwaway Dockerfile with the same ignore file lists the bind-mounted context. The oracle for the
 * harness's own reading of the allow-list.
 */
export function contextAsBuildKitSeesIt(root, { dockerfile, context }, lab) {
  const docker = lab.GO_DOCKER_LAB_DOCKER || 'docker';
  const id = createHash('sha1').update(dockerfile).digest('hex').slice(0, 10);
  const dir = join(root, '.conformance', 'context', id);
  mkdirSync(dir, { recursive: true });
  const lister = join(dir, 'Dockerfile');
  writeFileSync(lister, 'FROM docker.io/library/golang:1.26 AS list\nRUN --mount=type=bind,target=/ctx cd /ctx && find . -type f | sort > /files.txt\nFROM scratch\nCOPY --from=list /files.txt /\n');
  copyFileSync(join(root, `${dockerfile}.dockerignore`), `${lister}.dockerignore`);
  const out = join(dir, 'out');
  const build = exec(docker, ['buildx', 'build', '--builder', lab.GO_DOCKER_LAB_BUILDER || 'go-docker-lab', '--platform', 'linux/amd64', '-f', lister, '--output', `type=local,dest=${out}`, context], root, { env: process.env, timeoutMs: 10 * 60_000 });
  if (!build.ok) return { error: buildError(build.output) };
  return { files: readFileSync(join(out, 'files.txt'), 'utf8').split('\n').filter(Boolean).map((f) => f.replace(/^\.\//, '')) };
}

/** The first BuildKit error line of a failed build (`ERROR: …` / `error: …`), else the last line. */
export function buildError(output) {
  const lines = output.trim().split('\n');
  const err = lines.find((l) => /^#\d+ .*(ERROR|error:)/.test(l) || /^ERROR:/.test(l)) ?? lines[lines.length - 1] ?? '';
  return err.replace(/^#\d+ \S+ /, '').slice(0, 300);
}
