import type { BuildMetadata } from '../build/request';

export type RunEngine = 'docker' | 'podman';

export interface RunPlan {
  engine: RunEngine;
  /** The CLI to spawn. */
  cli: string;
  image: string;
  /** Name given to the container, so that it can be stopped and removed by name. */
  name: string;
  argv: string[];
}

export interface RunInputs {
  image?: string;
  metadata?: BuildMetadata;
  /** Ports the Dockerfile EXPOSEs. */
  exposed: number[];
  ports?: string[];
  envFiles: string[];
  env: Record<string, string>;
  readOnly: boolean;
  network?: string;
  name: string;
  args: string[];
  engine: 'auto' | RunEngine;
  dockerPath: string;
}

/** `EXPOSE 8080 9090/tcp` lines of a Dockerfile → [8080, 9090] (udp ports and variables are left out). */
export function exposedPorts(dockerfile: string): number[] {
  const ports: number[] = [];
  for (const line of dockerfile.split('\n')) {
    const match = /^\s*EXPOSE\s+(.+)$/i.exec(line);
    if (!match) continue;
    for (const word of match[1].trim().split(/\s+/)) {
      const port = /^(\d+)(\/tcp)?$/i.exec(word);
      if (port && !ports.includes(Number(port[1]))) ports.push(Number(port[1]));
    }
  }
  return ports;
}

/** The image docker-build left, and a message that says what to do when it left none this engine can run. */
function imageFrom(inputs: RunInputs): string {
  if (inputs.image) return inputs.image;
  const metadata = inputs.metadata;
  if (!metadata) throw new Error('no image: set "image", or run docker-build first (its metadata file names the image)');
  if (!metadata.loaded && !metadata.pushed) {
    throw new Error(`docker-build neither loaded nor pushed ${metadata.tags[0]} (it went to outputs or the build cache only): build it with --load (one platform) or --push`);
  }
  return metadata.tags[0];
}

/**
 * The `docker run` / `podman run` argv: in the foreground, removed when it stops (--rm), a read-only root
 * with a writable /tmp, ports on 127.0.0.1 unless given otherwise. argv only: no value reaches a shell.
 */
export function planRun(inputs: RunInputs): RunPlan {
  const image = imageFrom(inputs);
  const engine: RunEngine = inputs.engine === 'auto' ? (inputs.metadata?.engine === 'podman' ? 'podman' : 'docker') : inputs.engine;
  const cli = engine === 'podman' ? 'podman' : inputs.dockerPath;
  const argv = [cli, 'run', '--rm', '--name', inputs.name];
  if (inputs.readOnly) argv.push('--read-only', '--tmpfs', '/tmp');
  const ports = inputs.ports ?? (inputs.network === 'host' ? [] : inputs.exposed.map((p) => `127.0.0.1:${p}:${p}`));
  ports.forEach((p) => argv.push('--publish', p));
  inputs.envFiles.forEach((f) => argv.push('--env-file', f));
  for (const [key, value] of Object.entries(inputs.env)) argv.push('--env', `${key}=${value}`);
  if (inputs.network) argv.push('--network', inputs.network);
  argv.push(image, ...inputs.args);
  return { engine, cli, image, name: inputs.name, argv };
}

/** Container names allow [a-zA-Z0-9_.-] and start with a letter or digit. */
export function containerName(projectName: string, pid: number): string {
  const safe = projectName.replace(/[^a-zA-Z0-9_.-]/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  return `${safe || 'app'}-${pid}`;
}
