import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizePath } from '../go/paths';

/**
 * The build context a Dockerfile was written for. Setup writes it in the header as
 * `docker buildx build … -f <dockerfile> <context>`; the prebuilt strategy uses the workspace root while
 * the in-docker one uses the smallest folder holding the sources, so the header, not the Go model, knows.
 */
export function contextFromDockerfile(workspaceRoot: string, dockerfilePath: string): string | undefined {
  let head: string;
  try {
    head = readFileSync(join(workspaceRoot, dockerfilePath), 'utf8').slice(0, 2000);
  } catch {
    return undefined;
  }
  const match = /^#\s+docker (?:buildx )?build\b.*\s-f\s+(\S+)\s+(\S+)\s*$/m.exec(head);
  if (!match || match[1] !== dockerfilePath) return undefined;
  return normalizePath(match[2]);
}

/**
 * Was the Dockerfile written with setup's prebuilt strategy (it copies a host-compiled binary from dist/
 * and runs no Go toolchain)? Then its image needs a go-build task first.
 */
export function isPrebuiltDockerfile(workspaceRoot: string, dockerfilePath: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(workspaceRoot, dockerfilePath), 'utf8');
  } catch {
    return false;
  }
  return /^\s*COPY\s+(--\S+\s+)*dist\/\S*\$\{TARGETOS\}_\$\{TARGETARCH\}/m.test(text) && !/\bgo\s+(build|install)\b/.test(text);
}
