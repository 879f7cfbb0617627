import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeGoSource } from '../go/go-source';
import type { WorkspaceFiles } from '../go/file-system';
import { type GoWorkspace, loadGoWorkspace } from '../go/workspace';
import { digest } from './result-cache';
import { SourceSummaryCache } from './source-summary-cache';
import { goSourcesFingerprint, type WorkspaceSnapshot } from './workspace-snapshot';

/** The Go model built from a snapshot: files Nx already listed, read from disk only when not cached. */
class SnapshotWorkspaceFiles implements WorkspaceFiles {
  constructor(
    private readonly root: string,
    private readonly snapshot: WorkspaceSnapshot,
  ) {}

  listGoFiles(): string[] {
    return [...this.snapshot.goFiles.keys()];
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  exists(path: string): boolean {
    return this.snapshot.goFiles.has(path) || this.snapshot.sumFiles.has(path);
  }
}

export interface LoadedGoModel {
  workspace: GoWorkspace;
  cacheStats: { hits: number; misses: number };
}

/** One cache object per workspace and process: createNodes and createDependencies share it. */
const caches = new Map<string, SourceSummaryCache>();

/** The last model built per workspace in this process, with the fingerprint of the files it came from. */
const lastModels = new Map<string, { fingerprint: string; model: LoadedGoModel }>();

/**
 * The Go model of a snapshot. createNodes and createDependencies run in the same plugin process one
 * after the other: the second gets the model the first built when the Go files are the same.
 */
export function loadGoModel(workspaceRoot: string, snapshot: WorkspaceSnapshot, dataDirectory: string): LoadedGoModel {
  const fingerprint = digest(goSourcesFingerprint(snapshot));
  const last = lastModels.get(workspaceRoot);
  if (last?.fingerprint === fingerprint) return { workspace: last.model.workspace, cacheStats: { hits: 0, misses: 0 } };
  const model = buildGoModel(workspaceRoot, snapshot, dataDirectory);
  lastModels.set(workspaceRoot, { fingerprint, model });
  return model;
}

/** Builds the model from the snapshot, reading only the .go files the persistent summary cache lacks. */
export function buildGoModel(workspaceRoot: string, snapshot: WorkspaceSnapshot, dataDirectory: string): LoadedGoModel {
  const cacheFile = SourceSummaryCache.fileFor(dataDirectory, workspaceRoot);
  let cache = caches.get(cacheFile);
  if (!cache) {
    cache = new SourceSummaryCache(cacheFile);
    caches.set(cacheFile, cache);
  }
  const before = { ...cache.stats };
  const files = new SnapshotWorkspaceFiles(workspaceRoot, snapshot);
  const summaryCache = cache;
  // Broken user files come back as workspace.problems; the plugin warns and keeps the rest.
  const workspace = loadGoWorkspace(files, {
    // Always scan bodies: a cached summary must answer "has func main" whatever file order comes next.
    summarize: (path) => summaryCache.get(path, snapshot.goFiles.get(path) ?? '', () => summarizeGoSource(files.read(path), { scanBody: true })),
  });
  cache.save(new Set(snapshot.goFiles.keys()));
  return { workspace, cacheStats: { hits: cache.stats.hits - before.hits, misses: cache.stats.misses - before.misses } };
}
