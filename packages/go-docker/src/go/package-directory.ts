import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type GoSourceSummary, summarizeGoSource } from './go-source';
import { type GoSourceFile, isListedGoFile, sourceFileOf } from './package-view';

/**
 * The non-test .go files of a directory on disk with their header summaries (no func main, no
 * embeds): a package outside the workspace (the module cache) read with the same reader. Undefined when there is no such
 * directory. Symbolic links to files count, links to directories do not (as in go/build).
 */
export function readPackageDirectory(dir: string, options: { headOnly?: boolean } = {}): GoSourceFile[] | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const names = entries
    .filter((e) => isListedGoFile(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(join(dir, e.name)))))
    .map((e) => e.name)
    .sort();
  const read = (name: string) => () => readFileSync(join(dir, name), 'utf8');
  return names.map((name) => (options.headOnly ? sourceFileOf(name, read(name), () => summarizeHead(join(dir, name))) : sourceFileOf(name, read(name))) as GoSourceFile);
}

const HEAD_BYTES = 16 * 1024;
/** Reused for every head read (reads are synchronous). */
const head = Buffer.alloc(HEAD_BYTES);

/**
 * The header summary of a file read from its first bytes (the whole file only when its header is
 * longer): external packages are only asked for constraints, package name and imports.
 */
function summarizeHead(path: string): GoSourceSummary {
  const fd = openSync(path, 'r');
  try {
    const length = readSync(fd, head, 0, HEAD_BYTES, 0);
    const summary = summarizeGoSource(head.toString('utf8', 0, length), { headOnly: true });
    if (length < HEAD_BYTES || summary.headerComplete !== false) return withoutFlag(summary);
  } finally {
    closeSync(fd);
  }
  return withoutFlag(summarizeGoSource(readFileSync(path, 'utf8'), { headOnly: true }));
}

function withoutFlag(summary: GoSourceSummary): GoSourceSummary {
  delete summary.headerComplete;
  return summary;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
