// See tools/demo.sh. A user's first minutes with go-docker, for real: a real Nx workspace with a small Go
// monorepo, the plugin installed from its packed tarball, setup (which registers the plugin), an image
// built by `nx run api:docker-build` on the container lab, started by `nx run api:docker-run` and asked
// over HTTP, then `nx affected` after a change to a library. Prints every command, and what each did.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './lib/free-port';

const REPO = resolve(__dirname, '..');
const DEMO_DIR = join(REPO, 'tmp', 'demo');
const WS = join(DEMO_DIR, 'workspace');
const LAYOUT = join(REPO, 'packages', 'go-docker', 'src', '__fixtures__', 'layouts', 'go-work');
const NX_VERSION = '23.2.1';
const started = Date.now();
const steps: string[] = [];

// A user's terminal, not CI: CI=true would switch docker-build to its CI cache defaults (a cache export).
const env: NodeJS.ProcessEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NX_|npm_|CI$)/i.test(k))), NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

/** Runs a command in the workspace (argv, no shell), printing it and its output. */
function sh(command: string, args: string[], options: { cwd?: string; show?: boolean; quiet?: boolean } = {}): string {
  const at = Date.now();
  if (options.show !== false) console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: options.cwd ?? WS, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${output.slice(-6000)}`);
  if (options.show !== false && !options.quiet) process.stdout.write(output.endsWith('\n') || !output ? output : `${output}\n`);
  if (options.show !== false) console.log(`  (${seconds(at)})`);
  return output;
}

function did(text: string): void {
  steps.push(text);
}

function labEnv(): Record<string, string> {
  const out = sh('bash', [join(REPO, 'tools', 'lab', 'env.sh')], { cwd: REPO, show: false });
  return Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map(([, k, v]) => [k, v.replace(/^"|"$/g, '')]));
}

/**
 * The workspace: an Nx workspace (package.json + nx.json, nx installed by npm) made once and kept; the Go
 * sources and git history are made afresh every run, and the plugin reinstalled when its tarball changed.
 */
function prepareWorkspace(tarball: string): void {
  const fresh = !existsSync(join(WS, 'node_modules', 'nx', 'package.json'));
  if (fresh) {
    console.log(`Creating an Nx ${NX_VERSION} workspace in ${WS} (npm install; once)…`);
    rmSync(WS, { recursive: true, force: true });
    mkdirSync(WS, { recursive: true });
    writeFileSync(join(WS, 'package.json'), `${JSON.stringify({ name: 'demo', private: true, devDependencies: { nx: NX_VERSION } }, null, 2)}\n`);
    sh('npm', ['install', '--no-audit', '--no-fund']);
    did(`made an Nx ${NX_VERSION} workspace (npm install nx)`);
  }
  // Everything but node_modules from scratch: the Go monorepo, nx.json, a git history.
  for (const entry of ['apps', 'libs', 'go.work', 'nx.json', '.git', 'dist', '.nx']) rmSync(join(WS, entry), { recursive: true, force: true });
  cpSync(LAYOUT, WS, { recursive: true });
  writeFileSync(join(WS, 'nx.json'), `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2)}\n`);
  writeFileSync(join(WS, '.gitignore'), 'node_modules\ndist\n.nx\n');
  const sha = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  const stamp = join(WS, 'node_modules', '.go-docker-tarball');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== sha) {
    sh('npm', ['install', '--save-dev', tarball, '--no-audit', '--no-fund']);
    writeFileSync(stamp, sha);
    did('installed the go-docker package (npm install <packed tarball>)');
  }
  sh('git', ['init', '-q', '-b', 'main'], { show: false });
  sh('git', ['add', '-A'], { show: false });
  sh('git', ['-c', 'user.name=demo', '-c', 'user.email=demo@localhost', 'commit', '-q', '-m', 'a Go monorepo: apps/api, apps/worker, libs/greeting'], { show: false });
  console.log('A Go monorepo (go.work; apps/api imports libs/greeting and github.com/google/uuid; apps/worker) is committed in it.');
}

async function httpAnswer(url: string, child: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + 5 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-run exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      const response = await fetch(url);
      return `${response.status} ${(await response.text()).trim()}`;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`no answer on ${url} within 5 minutes:\n${output()}`);
}

/** `nx run api:docker-run` in the background until it answers; then stopped as Ctrl-C would. */
async function runAndAsk(port: number): Promise<string> {
  const args = ['nx', 'run', 'api:docker-run', `--ports=127.0.0.1:${port}:8080`];
  console.log(`\n$ npx ${args.join(' ')} &`);
  const at = Date.now();
  const child = spawn('npx', args, { cwd: WS, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    const answer = await httpAnswer(`http://127.0.0.1:${port}/`, child, () => output);
    console.log(`\n$ curl http://127.0.0.1:${port}/\n${answer}\n  (${seconds(at)} from nx run to the answer)`);
    return answer;
  } finally {
    console.log('\n(Ctrl-C: stopping docker-run, which removes its container)');
    process.kill(-(child.pid as number), 'SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.on('exit', r)));
  }
}

async function main(): Promise<void> {
  const tarball = process.argv[2];
  if (!tarball || !existsSync(tarball)) throw new Error('usage: demo.ts <packed go-docker tarball> (tools/demo.sh makes it)');
  const lab = labEnv();
  prepareWorkspace(tarball);

  sh('npx', ['nx', 'g', 'go-docker:setup', '--port=8080']);
  did('nx g go-docker:setup: registered the plugin in nx.json and wrote a Dockerfile + Dockerfile.dockerignore for each Go app');
  console.log(`\n----- apps/api/Dockerfile\n${readFileSync(join(WS, 'apps/api/Dockerfile'), 'utf8')}-----`);
  const targets = Object.keys((JSON.parse(sh('npx', ['nx', 'show', 'project', 'api', '--json'], { quiet: true })) as { targets: Record<string, unknown> }).targets);
  console.log(`api's targets: ${targets.join(', ')}`);
  did(`nx show project api: the plugin inferred ${targets.join(', ')}`);

  // The lab's builder has the base images offline, and its module proxy serves github.com/google/uuid.
  sh('bash', [join(REPO, 'tools', 'lab', 'goproxy-add.sh'), join(WS, 'apps', 'api')], { show: false });
  const nxJson = JSON.parse(readFileSync(join(WS, 'nx.json'), 'utf8'));
  nxJson.targetDefaults = { 'docker-build': { options: { builder: lab.GO_DOCKER_LAB_BUILDER, buildArgs: { GOPROXY: lab.GO_DOCKER_LAB_GOPROXY } } } };
  writeFileSync(join(WS, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
  console.log(`\nnx.json targetDefaults: docker-build uses the lab's buildx builder (${lab.GO_DOCKER_LAB_BUILDER}) and module proxy (${lab.GO_DOCKER_LAB_GOPROXY}).`);
  sh('git', ['add', '-A'], { show: false });
  sh('git', ['-c', 'user.name=demo', '-c', 'user.email=demo@localhost', 'commit', '-q', '-m', 'go-docker setup'], { show: false });

  sh('npx', ['nx', 'run', 'api:docker-build']);
  did('nx run api:docker-build: built the api image with BuildKit (host platform) and loaded it into docker');
  const port = await freePort();
  const answer = await runAndAsk(port);
  did(`nx run api:docker-run: started it (read-only, non-root, removed on exit) and it answered: ${answer}`);

  const greeting = join(WS, 'libs/greeting/greeting.go');
  writeFileSync(greeting, readFileSync(greeting, 'utf8').replace('"hello, "', '"hi, "'));
  console.log('\nChanged libs/greeting/greeting.go ("hello, " → "hi, "); which images does that affect?');
  const affected = sh('npx', ['nx', 'show', 'projects', '--affected', '--base=HEAD', '-t', 'docker-build']).trim();
  did(`nx affected after editing libs/greeting: docker-build would run for ${affected.split('\n').join(', ')} (not worker, which does not import it)`);
  sh('git', ['checkout', '--', 'libs'], { show: false });

  console.log(`\nWhat the demo did (${seconds(started)}; the workspace stays in ${WS}):`);
  steps.forEach((s, i) => console.log(`  ${i + 1}. ${s}`));
  console.log(`Try: cd ${WS} && npx nx run api:docker-run --ports=127.0.0.1:8080:8080`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
