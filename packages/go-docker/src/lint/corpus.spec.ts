/**
 * Lints the real-world corpus. Per-rule counts are snapshotted so any change in behaviour shows up in review:
 * if you change a rule on purpose, look at the diff, then update with `jest -u`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { lintText, UnparseableDockerfileError } from './engine';
import { lintFiles } from './run-lint';
import { RULES } from './rules';
import { CORPUS_DIR, corpusFiles } from './test-utils/corpus';

describe('corpus', () => {
  const files = corpusFiles();

  it('has the expected corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(290);
  });

  it('lints every file without an exception', () => {
    const failures: string[] = [];
    for (const file of files) {
      try {
        lintText(readFileSync(file, 'utf8'), { file: basename(file), ignoreFile: null });
      } catch (error) {
        failures.push(`${basename(file)}: ${error instanceof UnparseableDockerfileError ? error.message : (error as Error).stack}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps per-rule finding counts stable', () => {
    const result = lintFiles({ paths: [CORPUS_DIR], cwd: CORPUS_DIR, overrides: { threshold: 'info' } });
    expect(result.problems).toEqual([]);
    expect(result.files).toHaveLength(files.length);
    const counts: Record<string, { findings: number; files: number }> = {};
    for (const rule of RULES) {
      const findings = result.findings.filter((f) => f.rule === rule.id);
      counts[`${rule.id} ${rule.name}`] = { findings: findings.length, files: new Set(findings.map((f) => f.file)).size };
    }
    expect(counts).toMatchSnapshot();
  });
});
