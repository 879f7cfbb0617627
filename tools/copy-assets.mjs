// Copies what a published plugin needs besides compiled TypeScript (schemas, templates) from src to dist.
import { cpSync } from 'node:fs';
import { basename } from 'node:path';

const [src, out] = process.argv.slice(2);
const testOnly = new Set(['__fixtures__', '__snapshots__', 'test-utils']);
cpSync(src, out, {
  recursive: true,
  // Declaration files are copied as they are: tsc does not emit the hand-written schema.d.ts files.
  filter: (path) => !testOnly.has(basename(path)) && (!path.endsWith('.ts') || path.endsWith('.d.ts')),
});
