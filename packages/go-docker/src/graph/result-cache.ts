import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bumped whenever what the plugin computes from the same files changes. */
const RESULT_FORMAT = 2;

/**
 * The last result of one plugin function (createNodes or createDependencies), keyed by a digest of
 * everything it read: an unchanged workspace gets its answer back without building the Go model.
 * Kept in memory for the process and on disk in Nx's workspace data directory for the next one.
 */
export class LastResultCache<T> {
  private memory: { key: string; value: T } | undefined;

  constructor(private readonly file: string) {}

  static fileFor(dataDirectory: string, workspaceRoot: string, kind: string): string {
    const id = createHash('sha256').update(workspaceRoot).digest('hex').slice(0, 16);
    return join(dataDirectory, 'go-docker', `${kind}-${id}.json`);
  }

  get(key: string): T | undefined {
    if (this.memory?.key === key) return this.memory.value;
    if (!existsSync(this.file)) return undefined;
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { format: number; key: string; value: T };
      if (stored.format !== RESULT_FORMAT || stored.key !== key) return undefined;
      this.memory = { key, value: stored.value };
      return stored.value;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: T): void {
    this.memory = { key, value };
    mkdirSync(join(this.file, '..'), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: RESULT_FORMAT, key, value }));
    renameSync(temporary, this.file);
  }
}

/** A digest of the given parts; order matters, so callers pass sorted collections. */
export function digest(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

const caches = new Map<string, LastResultCache<unknown>>();

/** One cache object per file and process: repeated calls in one Nx process hit memory. */
export function lastResultCache<T>(dataDirectory: string, workspaceRoot: string, kind: string): LastResultCache<T> {
  const file = LastResultCache.fileFor(dataDirectory, workspaceRoot, kind);
  let cache = caches.get(file);
  if (!cache) {
    cache = new LastResultCache<unknown>(file);
    caches.set(file, cache);
  }
  return cache as LastResultCache<T>;
}
