// The container lab (tools/lab, started by `npm run lab:up`): its environment, and checks on images
// built there — run them, answer HTTP, inspect users, sizes, binaries and manifest lists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './local-registry';

export interface Lab {
  registry: string;
  builder: string;
  goproxy: string;
  /** docker CLI with the buildx plugin, and Debian's 20.10 CLI (dockerd's built-in BuildKit). */
  docker: string;
  docker20: string;
  env: Record<string, string>;
}

/** Reads the lab's environment; fails (never skips) when the lab is not up. */
export function lab(): Lab {
  const result = spawnSync('bash', [join(REPO_ROOT, 'tools', 'lab', 'env.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the container lab is not up (npm run lab:up): ${result.stderr}`);
  const env: Record<string, string> = {};
  for (const [, key, value] of result.stdout.matchAll(/^export (\w+)=(.*)$/gm)) {
    // Values may refer to variables (PATH=…:$PATH): expand them as the shell would.
    env[key] = value.replace(/^"|"$/g, '').replace(/\$\{?(\w+)\}?/g, (_, name: string) => env[name] ?? process.env[name] ?? '');
  }
  return {
    registry: env.GO_DOCKER_LAB_REGISTRY,
    builder: env.GO_DOCKER_LAB_BUILDER,
    goproxy: env.GO_DOCKER_LAB_GOPROXY,
    docker: env.GO_DOCKER_LAB_DOCKER,
    docker20: env.GO_DOCKER_LAB_DOCKER20,
    env,
  };
}

/** Runs a command (argv); `output` is stdout and stderr together, `stdout` alone (docker warns on stderr). */
export function sh(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}): { status: number; output: string; stdout: string } {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 && !options.allowFailure) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.error?.message}):\n${output.slice(-6000)}`);
  return { status: result.status ?? 1, output, stdout: result.stdout ?? '' };
}

/** Platforms of a pushed manifest list, read with skopeo from the lab registry. */
export function manifestPlatforms(reference: string): string[] {
  const raw = JSON.parse(sh('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`]).output) as { manifests?: Array<{ platform?: { os: string; architecture: string } }> };
  return (raw.manifests ?? []).map((m) => `${m.platform?.os}/${m.platform?.architecture}`).filter((p) => p !== 'unknown/unknown').sort();
}

/** Starts the image on the host network with PORT set, returns the HTTP answer, removes the container. */
export async function httpAnswer(docker: string, image: string, platform: string, port: number): Promise<string> {
  const id = sh(docker, ['run', '-d', '--platform', platform, '--network', 'host', '-e', `PORT=${port}`, image]).stdout.trim();
  try {
    const deadline = Date.now() + 60_000;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        return `${response.status} ${await response.text()}`;
      } catch (error) {
        last = String(error);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${image} (${platform}) did not answer on :${port}: ${last}\n${sh(docker, ['logs', id], { allowFailure: true }).output}`);
  } finally {
    sh(docker, ['rm', '-f', id], { allowFailure: true });
  }
}

export interface ImageFacts {
  user: string;
  architecture: string;
  /** Uncompressed size of the image's filesystem, bytes. */
  size: number;
  /** The binary copied out of the image. */
  binary: string;
  binarySize: number;
  /** ELF e_machine of the binary: 0x3e amd64, 0xb7 arm64. */
  elfMachine: number;
  hasShell: boolean;
}

export function imageFacts(docker: string, image: string, platform: string, binaryPath: string): ImageFacts {
  const [user, architecture, size] = sh(docker, ['image', 'inspect', '-f', '{{.Config.User}}|{{.Architecture}}|{{.Size}}', image]).stdout.trim().split('|');
  const container = sh(docker, ['create', '--platform', platform, image]).stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), 'go-docker-image-'));
  try {
    sh(docker, ['cp', `${container}:${binaryPath}`, join(dir, 'binary')]);
  } finally {
    sh(docker, ['rm', '-f', container], { allowFailure: true });
  }
  const binary = join(dir, 'binary');
  const header = Buffer.alloc(20);
  const fd = openSync(binary, 'r');
  readSync(fd, header, 0, 20, 0);
  closeSync(fd);
  const shell = sh(docker, ['run', '--rm', '--platform', platform, '--entrypoint', '/bin/sh', image, '-c', 'true'], { allowFailure: true });
  return { user, architecture, size: Number(size), binary, binarySize: statSync(binary).size, elfMachine: header.readUInt16LE(18), hasShell: shell.status === 0 };
}

/** Populates the lab's module proxy from a module's requirements (downloaded on the host). */
export function addToGoProxy(moduleDir: string): void {
  sh('bash', [join(REPO_ROOT, 'tools', 'lab', 'goproxy-add.sh'), moduleDir]);
}

export function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new Error(`missing ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** sha256 of the manifest (list) a reference points at, as the registry serves it. */
export function manifestDigest(reference: string): string {
  const result = spawnSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`], { maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`skopeo inspect ${reference} failed: ${result.stderr}`);
  return `sha256:${createHash('sha256').update(result.stdout).digest('hex')}`;
}
