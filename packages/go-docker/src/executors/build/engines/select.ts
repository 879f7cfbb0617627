import { spawnSync } from 'node:child_process';
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

function succeeds(command: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

function buildxCapabilities(docker: string, builder: string | undefined): EngineCapabilities {
  const inspect = succeeds(docker, ['buildx', 'inspect', ...(builder ? [builder] : [])]);
  const driver = /^Driver:\s+(\S+)/m.exec(inspect.stdout)?.[1] ?? 'unknown';
  return { exportsCache: driver !== 'docker', loadsMultiPlatform: false };
}

/** A docker CLI older than 23 drives the engine's BuildKit itself; newer ones need the buildx plugin. */
function dockerCliDrivesBuildKit(docker: string): boolean {
  const version = succeeds(docker, ['version', '--format', '{{.Client.Version}}']);
  const major = Number(/^(\d+)\./.exec(version.stdout.trim())?.[1]);
  return version.ok && major > 0 && major < 23;
}

export function selectEngine(requested: EngineName, docker: string, builder: string | undefined): SelectedEngine {
  const none: EngineCapabilities = { exportsCache: false, loadsMultiPlatform: false };
  switch (requested) {
    case 'buildx':
      return { engine: buildxEngine, capabilities: buildxCapabilities(docker, builder), reason: 'requested' };
    case 'podman':
      return { engine: podmanEngine, capabilities: { exportsCache: true, loadsMultiPlatform: false }, reason: 'requested' };
    case 'docker':
      return { engine: dockerEngine, capabilities: none, reason: 'requested' };
  }
  if (succeeds(docker, ['buildx', 'version']).ok) {
    return { engine: buildxEngine, capabilities: buildxCapabilities(docker, builder), reason: `auto: \`${docker} buildx version\` works` };
  }
  if (succeeds('podman', ['--version']).ok) {
    return { engine: podmanEngine, capabilities: { exportsCache: true, loadsMultiPlatform: false }, reason: `auto: no buildx plugin for ${docker}, podman is installed` };
  }
  if (dockerCliDrivesBuildKit(docker)) {
    return { engine: dockerEngine, capabilities: none, reason: `auto: no buildx plugin or podman; ${docker} is a CLI older than 23 that drives BuildKit itself` };
  }
  throw new Error(
    `no usable build engine: \`${docker} buildx version\` fails, podman is not installed, and ${docker} is not a CLI that drives BuildKit without buildx. ` +
      'Install the docker buildx plugin (or podman), or set the "dockerPath" option to a docker CLI that can build.',
  );
}
