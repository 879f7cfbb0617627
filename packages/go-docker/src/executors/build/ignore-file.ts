import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isExcluded, mayIncludeBelow, parseIgnorePatterns } from '../../utils/dockerignore-patterns';

/**
 * A copy of the build context holding only what the ignore file lets in (hard links where possible).
 * For podman 4, which mounts the whole context into RUN --mount=type=bind steps, ignore file or not.
 */
export function filteredContext(contextDir: string, ignoreFile: string): string {
  const patterns = parseIgnorePatterns(readFileSync(ignoreFile, 'utf8'));
  const target = mkdtempSync(join(tmpdir(), 'go-docker-context-'));
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(contextDir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!isExcluded(patterns, path) || mayIncludeBelow(patterns, path)) walk(path);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && !isExcluded(patterns, path)) {
        const destination = join(target, path);
        mkdirSync(dirname(destination), { recursive: true });
        try {
          linkSync(join(contextDir, path), destination);
        } catch {
          copyFileSync(join(contextDir, path), destination);
        }
      }
    }
  };
  walk('');
  return target;
}

/** The ignore file BuildKit reads for this Dockerfile before the context's .dockerignore. */
export function ignoreFileFor(dockerfile: string): string | undefined {
  const candidate = `${dockerfile}.dockerignore`;
  return existsSync(candidate) ? candidate : undefined;
}
