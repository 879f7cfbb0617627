import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildxEngine } from './buildx';
import { dockerEngine } from './docker';
import type { BuildEngine, EngineCapabilities } from './engine';
import { podmanEngine } from './podman';
import type { EngineName } from '../schema';

export interface SelectedEngine {
  engine: BuildEngine;
  capabilities: EngineCapabilities;
  /** Why this engine: printed, so a surprising choice is explained. */
  reason: string;
}

/**
 * Every build used to start with `docker buildx version` and `docker buildx inspect` (≈0.1–0.3 s of CLI
 * start-up and a builder round trip). The same answers are on disk: the plugin binary in the docker CLI's
 * plugin directories, and each builder's driver in buildx's instance files. A CLI is asked only when
 * those files do not answer.
 */
function succeeds(command: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/** Where the docker CLI looks for plugins (its documented search path, user directory first). */
export function pluginDirectories(env: NodeJS.ProcessEnv): string[] {
  const config = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  return [join(config, 'cli-plugins'), '/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'];
}

function buildxPluginInstalled(env: NodeJS.ProcessEnv): string | undefined {
  return pluginDirectories(env).map((dir) => join(dir, 'docker-buildx')).find((file) => existsSync(file));
}

/** buildx keeps its state in $BUILDX_CONFIG, else $DOCKER_CONFIG/buildx, else ~/.docker/buildx. */
function buildxConfigDir(env: NodeJS.ProcessEnv): string {
  return env.BUILDX_CONFIG ?? join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'buildx');
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The driver of the builder a build will use, from buildx's own files: the instance file of a named
 * builder (`--builder`, $BUILDX_BUILDER, or the one `docker buildx use` recorded); a name without an
 * instance file is a docker context, whose builder uses the "docker" driver. Undefined when unsure.
 */
export function builderDriver(builder: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const dir = buildxConfigDir(env);
  const name = builder ?? env.BUILDX_BUILDER ?? (readJson(join(dir, 'current'))?.Name as string | undefined);
  if (!name) return 'docker'; // the docker context's own builder
  if (!/^[\w.-]+$/.test(name)) return undefined;
  const instance = readJson(join(dir, 'instances', name));
  if (instance) return typeof instance.Driver === 'string' ? instance.Driver : undefined;
  return name === 'default' ? 'docker' : undefined;
}

function buildxCapabilities(docker: string, builder: string | undefined, env: NodeJS.ProcessEnv): EngineCapabilities {
  const driver = builderDriver(builder, env) ?? /^Driver:\s+(\S+)/m.exec(succeeds(docker, ['buildx', 'inspect', ...(builder ? [builder] : [])]).stdout)?.[1] ?? 'unknown';
  // dockerd's own BuildKit ("docker" driver) cannot export a cache, and its image exporter is not BuildKit's.
  return { exportsCache: driver !== 'docker', loadsMultiPlatform: false, rewritesTimestamps: driver !== 'docker' && driver !== 'unknown' };
}

const PODMAN: EngineCapabilities = { exportsCache: true, loadsMultiPlatform: false, rewritesTimestamps: true };

/** A docker CLI older than 23 drives the engine's BuildKit itself; newer ones need the buildx plugin. */
function dockerCliDrivesBuildKit(docker: string): boolean {
  const version = succeeds(docker, ['version', '--format', '{{.Client.Version}}']);
  const major = Number(/^(\d+)\./.exec(version.stdout.trim())?.[1]);
  return version.ok && major > 0 && major < 23;
}

export function selectEngine(requested: EngineName, docker: string, builder: string | undefined, env: NodeJS.ProcessEnv = process.env): SelectedEngine {
  const none: EngineCapabilities = { exportsCache: false, loadsMultiPlatform: false, rewritesTimestamps: false };
  switch (requested) {
    case 'buildx':
      return { engine: buildxEngine, capabilities: buildxCapabilities(docker, builder, env), reason: 'requested' };
    case 'podman':
      return { engine: podmanEngine, capabilities: PODMAN, reason: 'requested' };
    case 'docker':
      return { engine: dockerEngine, capabilities: none, reason: 'requested' };
  }
  const plugin = buildxPluginInstalled(env);
  if (plugin) return { engine: buildxEngine, capabilities: buildxCapabilities(docker, builder, env), reason: `auto: the buildx plugin is installed (${plugin})` };
  if (succeeds(docker, ['buildx', 'version']).ok) {
    return { engine: buildxEngine, capabilities: buildxCapabilities(docker, builder, env), reason: `auto: \`${docker} buildx version\` works` };
  }
  if (succeeds('podman', ['--version']).ok) {
    return { engine: podmanEngine, capabilities: PODMAN, reason: `auto: no buildx plugin for ${docker}, podman is installed` };
  }
  if (dockerCliDrivesBuildKit(docker)) {
    return { engine: dockerEngine, capabilities: none, reason: `auto: no buildx plugin or podman; ${docker} is a CLI older than 23 that drives BuildKit itself` };
  }
  throw new Error(
    `no usable build engine: \`${docker} buildx version\` fails, podman is not installed, and ${docker} is not a CLI that drives BuildKit without buildx. ` +
      'Install the docker buildx plugin (or podman), or set the "dockerPath" option to a docker CLI that can build.',
  );
}
