/** The shared corpus of real-world Dockerfiles (../shared/corpus/dockerfiles relative to the repo root). */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
export const CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'dockerfiles');

/** Corpus file paths; throws (failing the spec, never skipping it) when the corpus is missing. */
export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) throw new Error(`corpus missing: ${CORPUS_DIR} (expected ../shared/corpus/dockerfiles beside the repo)`);
  const files = readdirSync(CORPUS_DIR).filter((f) => f !== 'index.tsv').sort().map((f) => join(CORPUS_DIR, f));
  if (files.length === 0) throw new Error(`corpus is empty: ${CORPUS_DIR}`);
  return files;
}
