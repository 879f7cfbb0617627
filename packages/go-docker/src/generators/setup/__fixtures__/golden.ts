import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Tree } from '@nx/devkit';

const GOLDEN_DIR = join(__dirname, 'golden');

/** The files setup wrote, path → content. */
export function generatedFiles(tree: Tree): Map<string, string> {
  return new Map(
    tree
      .listChanges()
      .filter((c) => c.type !== 'DELETE' && /Dockerfile(\.dockerignore)?$/.test(c.path))
      .map((c) => [c.path, (c.content as Buffer).toString()]),
  );
}

/** Compares setup's output with golden/<name>/; UPDATE_GOLDEN=1 rewrites them (review the diff like code). */
export function expectGoldenFiles(name: string, tree: Tree): void {
  const files = generatedFiles(tree);
  expect(files.size).toBeGreaterThan(0);
  const goldenRoot = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN) {
    rmSync(goldenRoot, { recursive: true, force: true });
    for (const [path, content] of files) {
      mkdirSync(dirname(join(goldenRoot, path)), { recursive: true });
      writeFileSync(join(goldenRoot, path), content);
    }
  }
  for (const [path, content] of files) {
    const golden = join(goldenRoot, path);
    expect(existsSync(golden) ? readFileSync(golden, 'utf8') : `missing golden file ${golden}`).toBe(content);
  }
}
