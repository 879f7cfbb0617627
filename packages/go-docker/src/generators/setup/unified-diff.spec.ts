import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unifiedDiff } from './unified-diff';

/** What GNU patch makes of `before` with our diff: the oracle for the format. */
function patched(before: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'go-docker-diff-'));
  writeFileSync(join(dir, 'file'), before);
  writeFileSync(join(dir, 'change.diff'), diff);
  execFileSync('patch', ['-s', '-p1', '-i', 'change.diff', 'file'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  return execFileSync('cat', [join(dir, 'file')], { encoding: 'utf8' });
}

describe('unifiedDiff', () => {
  it('prints diff -u hunks with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    expect(unifiedDiff('apps/api/Dockerfile', before, after)).toBe('--- a/apps/api/Dockerfile\n+++ b/apps/api/Dockerfile\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
    expect(unifiedDiff('x', before, before)).toBe('');
  });

  it('is a patch GNU patch applies to get the new text (random edits)', () => {
    const text = fc.array(fc.constantFrom('FROM x', 'RUN a', 'RUN b', 'USER 1001', 'COPY . .', '', '# c'), { maxLength: 25 }).map((l) => (l.length ? `${l.join('\n')}\n` : ''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff('file', before, after);
        expect(diff === '' ? before : patched(before, diff)).toBe(after);
      }),
      { numRuns: 60 },
    );
  });
});
