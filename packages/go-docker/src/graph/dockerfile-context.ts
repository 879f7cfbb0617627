import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizePath } from '../go/paths';
import { type ImageOptionFacts, imageOptionFacts } from '../image-options/dockerfile-facts';

/** What the graph needs to know from a Dockerfile setup wrote, read from one read of the file. */
export interface DockerfileFacts {
  /**
   * The build context it was written for. Setup writes it in the header as
   * `docker buildx build … -f <dockerfile> <context>`; the prebuilt strategy uses the workspace root while
   * the in-docker one uses the smallest folder holding the sources, so the header, not the Go model, knows.
   */
  context: string | undefined;
  /**
   * Written with setup's prebuilt strategy (it copies a host-compiled binary from dist/ and runs no Go
   * toolchain)? Then its image needs a go-build task first.
   */
  prebuilt: boolean;
  /** Runtime files, version stamp and extra binaries the image options wrote into it. */
  image?: ImageOptionFacts;
}

export function readDockerfileFacts(workspaceRoot: string, dockerfilePath: string): DockerfileFacts {
  let text: string;
  try {
    text = readFileSync(join(workspaceRoot, dockerfilePath), 'utf8');
  } catch {
    return { context: undefined, prebuilt: false };
  }
  const header = /^#\s+docker (?:buildx )?build\b.*\s-f\s+(\S+)\s+(\S+)\s*$/m.exec(text.slice(0, 2000));
  const context = header && header[1] === dockerfilePath ? normalizePath(header[2]) : undefined;
  return {
    image: context !== undefined ? imageOptionFacts(text, context) : undefined,
    context,
    prebuilt: /^\s*COPY\s+(--\S+\s+)*dist\/\S*\$\{TARGETOS\}_\$\{TARGETARCH\}/m.test(text) && !/\bgo\s+(build|install)\b/.test(text),
  };
}
