import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizePath } from '../go/paths';
import { type ImageOptionFacts, imageOptionFacts } from '../image-options/dockerfile-facts';
import { splitWords } from '../lint/parser/shell-words';

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
  const context = headerContext(text.slice(0, 2000), dockerfilePath);
  return {
    image: context !== undefined ? imageOptionFacts(text, context) : undefined,
    context,
    prebuilt: /^\s*COPY\s+(--\S+\s+)*dist\/\S*\$\{TARGETOS\}_\$\{TARGETARCH\}/m.test(text) && !/\bgo\s+(build|install)\b/.test(text),
  };
}

/** The context of the header's `docker buildx build … -f <dockerfile> <context>` line (shell-quoted words). */
function headerContext(head: string, dockerfilePath: string): string | undefined {
  const line = /^#\s+(docker (?:buildx )?build\b.*)$/m.exec(head)?.[1];
  if (line === undefined) return undefined;
  const words = splitWords(line).map((w) => w.value);
  const f = words.lastIndexOf('-f');
  // `-f <dockerfile> <context>` ends the line.
  if (f < 0 || f + 3 !== words.length || words[f + 1] !== dockerfilePath) return undefined;
  return normalizePath(words[f + 2]);
}
