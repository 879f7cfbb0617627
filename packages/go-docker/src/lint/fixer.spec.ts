/** --fix round trips over the corpus: converges, idempotent, lints clean for what it fixed, loses nothing. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Finding, lintText } from './engine';
import { applyEdits, fixText } from './fixer';
import { corpusFiles } from './test-utils/corpus';

const lint = (text: string): Finding[] => lintText(text, { file: 'Dockerfile', ignoreFile: null });

/** Lines that no fix edits in place (fixes touch FROM images, ARG defaults and go commands). */
function untouchableLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !/\bFROM\b|\bARG\b|\bgo\b|go build|go install|xx-go|\\$/i.test(l));
}

function counts(lines: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of lines) map.set(line, (map.get(line) ?? 0) + 1);
  return map;
}

describe('fixer', () => {
  it('applies edits from the end so offsets stay valid', () => {
    expect(applyEdits('abcdef', [{ start: 1, end: 2, text: 'X' }, { start: 4, end: 4, text: 'Y' }])).toBe('aXcdYef');
  });

  describe.each(corpusFiles().map((f) => [basename(f), f]))('%s', (_name, file) => {
    const original = readFileSync(file, 'utf8');
    const before = lint(original);
    const fixableBefore = before.filter((f) => f.fixable);
    const result = fixText(original, lint);

    it('converges: nothing fixable is left, and fixed rules only lost findings', () => {
      expect(result.findings.filter((f) => f.fixable)).toEqual([]);
      for (const rule of new Set(fixableBefore.map((f) => f.rule))) {
        const remaining = result.findings.filter((f) => f.rule === rule).length;
        expect(remaining).toBeLessThanOrEqual(before.filter((f) => f.rule === rule && !f.fixable).length);
      }
    });

    it('is idempotent', () => {
      expect(fixText(result.output, lint).output).toBe(result.output);
    });

    it('keeps every line it does not edit (comments, spacing, continuations)', () => {
      const after = counts(untouchableLines(result.output));
      for (const [line, n] of counts(untouchableLines(original))) expect([line, after.get(line) ?? 0]).toEqual([line, n]);
      if (fixableBefore.length === 0) expect(result.output).toBe(original);
    });
  });
});
