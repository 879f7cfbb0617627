import { joinPath } from '../go/file-system';
import { normalizePath } from '../go/paths';
import { IMAGE_WORKDIR, STAMP_ARGS } from './image-plan';

/** What the image options put in a Dockerfile that the docker-build target's inputs depend on. */
export interface ImageOptionFacts {
  /** Workspace-relative runtime files (files or folders) copied into the image. */
  runtimeFiles: string[];
  /** The build reads the stamp build args: the commit and the project's version change the image. */
  stamped: boolean;
  /** Workspace-relative folders of every main package the Dockerfile builds. */
  mains: string[];
}

/**
 * Reads them back from the Dockerfile (setup writes them from the options, a user may edit them):
 * `COPY --chown=1001:1001 ["<src>", "/app/…"]` lines, `ARG VERSION|COMMIT|COMMIT_TIME`, and the
 * packages of `go build … -o /out/<name> <package>` relative to the build stage's WORKDIR.
 */
export function imageOptionFacts(dockerfile: string, context: string): ImageOptionFacts {
  const runtimeFiles: string[] = [];
  for (const [, json] of dockerfile.matchAll(/^COPY --chown=1001:1001 (\[.*\])\s*$/gm)) {
    try {
      const [source, target] = JSON.parse(json) as string[];
      const path = normalizePath(joinPath(context, source));
      if (typeof target === 'string' && target.startsWith(`${IMAGE_WORKDIR}/`) && path) runtimeFiles.push(path);
    } catch {
      // not setup's form: nothing to add
    }
  }
  const stamped = new RegExp(`^\\s*ARG\\s+(${Object.values(STAMP_ARGS).join('|')})\\b`, 'm').test(dockerfile);
  const workdir = /^WORKDIR \/src(\/\S*)?\s*$/m.exec(dockerfile);
  const base = normalizePath(joinPath(context, workdir?.[1]?.slice(1) ?? '.'));
  const mains: string[] = [];
  for (const [, pkg] of dockerfile.matchAll(/\bgo build\b[^\n]* -o \/out\/\S+ (\.\S*)\s*$/gm)) {
    const dir = base === undefined ? undefined : normalizePath(joinPath(base, pkg));
    if (dir) mains.push(dir);
  }
  return { runtimeFiles, stamped, mains };
}
