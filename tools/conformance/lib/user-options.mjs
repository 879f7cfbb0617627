// Full mode, second leg: the image options a user of a repository would set (tools/conformance/user-options.json)
// applied the way a user applies them — a project.json holding the project's name and "go-docker", setup run
// again — then the image built by the project's own `nx run <project>:docker-build` (which passes the stamp's
// build args) and started, each check's output matched (`expect`, a regular expression) and its exit code
// (`exitCode`) where given.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.mjs';
import { buildError, labGoImageFor, startImage } from './images.mjs';
import { commitAll, exec, nx } from './workspace.mjs';

export const USER_OPTIONS_FILE = join(REPO_ROOT, 'tools', 'conformance', 'user-options.json');

/** The entries of user-options.json for one repository (none for most). */
export function userOptionsFor(repoName) {
  const all = JSON.parse(readFileSync(USER_OPTIONS_FILE, 'utf8'));
  return all[repoName] ?? [];
}

/** Values docker-build stamps for HEAD (release/project-version: no release tag here, so 0.0.0-g<sha>). */
function stampValues(root) {
  const [sha, time] = exec('git', ['log', '-1', '--format=%H %ct'], root).stdout.trim().split(' ');
  return { commit: sha, version: `0.0.0-g${sha.slice(0, 12)}`, commitTime: new Date(Number(time) * 1000).toISOString().replace(/\.000Z$/, 'Z') };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds and checks one entry; returns the result recorded under results.options[repo][app]. */
export function buildWithUserOptions(root, entry, targets, lab) {
  const dockerfile = entry.app === '.' ? 'Dockerfile' : `${entry.app}/Dockerfile`;
  const target = targets.find((t) => t.file === dockerfile && t.target === 'docker-build') ?? targets.find((t) => t.file === dockerfile);
  const result = { app: entry.app, why: entry.why, options: entry.options, built: false, checks: [] };
  if (!target) return { ...result, reason: `no image target builds ${dockerfile}` };
  const projectJson = join(root, entry.app, 'project.json');
  if (existsSync(projectJson)) return { ...result, reason: `${entry.app}/project.json exists already; the harness only writes a new one` };
  writeFileSync(projectJson, `${JSON.stringify({ name: target.project, 'go-docker': entry.options }, null, 2)}\n`);
  commitAll(root, `image options for ${target.project}`);
  const setup = nx(root, ['g', 'go-docker:setup', '--no-interactive']);
  if (!setup.ok) return { ...result, reason: `setup with the options failed: ${setup.output.trim().split('\n').slice(-3).join(' | ')}` };
  const kept = setup.output.split('\n').find((l) => /kept/i.test(l) && l.includes(dockerfile));
  if (kept) return { ...result, reason: `setup kept ${dockerfile} instead of writing the options: ${kept.trim()}` };
  commitAll(root, `setup with the image options of ${target.project}`);

  const tag = `conformance/options-${target.project.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}:latest`;
  const buildWith = (extra) =>
    nx(root, ['run', `${target.project}:${target.target}`, '--platforms=linux/amd64', '--load', `--builder=${lab.GO_DOCKER_LAB_BUILDER || 'go-docker-lab'}`, `--tags=${tag}`, `--buildArgs.GOPROXY=${lab.GO_DOCKER_LAB_GOPROXY}`, '--skip-nx-cache', '--output-style=stream', ...extra], {
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      timeoutMs: 40 * 60_000,
    });
  let build = buildWith([]);
  const lab126 = build.ok ? undefined : labGoImageFor(build.output);
  if (lab126) {
    result.goImageOverride = lab126.note;
    build = buildWith([`--buildArgs.GO_IMAGE=${lab126.image}`]);
  }
  result.buildSeconds = Number(build.seconds.toFixed(1));
  if (!build.ok) return { ...result, reason: `nx run ${target.project}:${target.target} failed: ${buildError(build.output.replace(/^\S+: (?=#\d|ERROR)/gm, ''))}`, log: build.output.trim().split('\n').slice(-30).join('\n') };
  result.built = true;

  const values = stampValues(root);
  const docker = lab.GO_DOCKER_LAB_DOCKER || 'docker';
  for (const check of entry.checks) {
    if (check.expect === 'keeps running') {
      const verdict = startImage(root, tag, lab);
      result.checks.push({ run: check.run, expect: check.expect, ok: verdict.reason === 'kept running for 2 s', output: verdict.reason });
      continue;
    }
    const expected = new RegExp((check.expect ?? '').replace(/\{(version|commit|commitTime)\}/g, (_, name) => escapeRegExp(values[name])));
    const run = exec(docker, ['run', '--rm', '--network', 'none', tag, ...check.run], root, { env: process.env, timeoutMs: 60_000 });
    const ok = expected.test(run.output) && (check.exitCode === undefined || run.status === check.exitCode);
    result.checks.push({ run: check.run, expect: check.expect ?? `exit ${check.exitCode}`, ok, output: `${run.output.trim().split('\n').slice(0, 8).join('\n')}${check.exitCode === undefined ? '' : ` (exit ${run.status})`}` });
  }
  exec(docker, ['rmi', '-f', tag], root, { env: process.env });
  result.started = result.checks.every((c) => c.ok);
  const failed = result.checks.find((c) => !c.ok);
  result.reason = failed ? `\`${[...failed.run].join(' ') || '(no arguments)'}\` did not show ${failed.expect}: ${failed.output.split('\n')[0]}` : `every check passed (${result.checks.length})`;
  return result;
}
