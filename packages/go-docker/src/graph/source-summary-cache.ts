import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GO_SOURCE_SUMMARY_FORMAT, type GoSourceSummary } from '../go/go-source';

/** Follows the reader's format, so entries of an older reader are not trusted. */
const CACHE_FORMAT = GO_SOURCE_SUMMARY_FORMAT;

interface CacheFile {
  format: number;
  /** Workspace-relative path → [content hash, summary]. */
  entries: Record<string, [string, GoSourceSummary]>;
}

/**
 * Summaries of .go files keyed by the content hash Nx computed, persisted in Nx's workspace data
 * directory: a warm run reads only the files that changed since the last one.
 */
export class SourceSummaryCache {
  private entries: Record<string, [string, GoSourceSummary]> = {};
  private changed = false;
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly file: string) {
    if (!existsSync(file)) return;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.format === CACHE_FORMAT) this.entries = data.entries;
    } catch {
      // A corrupt or half-written cache is only lost time: start empty.
    }
  }

  /** The cache file of one workspace inside a data directory shared by every workspace the machine sees. */
  static fileFor(dataDirectory: string, workspaceRoot: string): string {
    const id = createHash('sha256').update(workspaceRoot).digest('hex').slice(0, 16);
    return join(dataDirectory, 'go-docker', `go-sources-${id}.json`);
  }

  get(path: string, hash: string, compute: () => GoSourceSummary): GoSourceSummary {
    const entry = this.entries[path];
    if (entry && entry[0] === hash) {
      this.stats.hits++;
      return entry[1];
    }
    this.stats.misses++;
    const summary = compute();
    this.entries[path] = [hash, summary];
    this.changed = true;
    return summary;
  }

  /** Drops entries of files that no longer exist, then writes the file if anything changed. */
  save(livePaths: ReadonlySet<string>): void {
    for (const path of Object.keys(this.entries)) {
      if (!livePaths.has(path)) {
        delete this.entries[path];
        this.changed = true;
      }
    }
    if (!this.changed) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    // Write then rename: a concurrent reader sees the old or the new file, never half of one.
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: CACHE_FORMAT, entries: this.entries } satisfies CacheFile));
    renameSync(temporary, this.file);
    this.changed = false;
  }
}
