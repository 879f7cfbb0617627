/**
 * `--fix` keeps what every corpus build does: after fixing, each pair of steps that depend on each other
 * (model/step-effects) is still in its original order, nothing is lost, and fixing again changes nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_CONFIG } from './config';
import { lintText, UnparseableDockerfileError } from './engine';
import { fixText } from './fixer';
import { buildModel } from './model/dockerfile-model';
import { dependency, stageEffects } from './model/step-effects';
import { parseDockerfile, ParsedDockerfile } from './parser/instructions';
import { RULES } from './rules';
import { corpusFiles } from './test-utils/corpus';

const lintWith = (only?: string) => {
  const severities = new Map(RULES.filter((r) => only && r.id !== only).map((r) => [r.id, 'off' as const]));
  return (text: string) => lintText(text, { file: 'Dockerfile', config: { ...DEFAULT_CONFIG, severities }, ignoreFile: null });
};

/** Each instruction's source text, numbered by occurrence so identical steps stay distinguishable. */
function keys(parsed: ParsedDockerfile): string[] {
  const seen = new Map<string, number>();
  return parsed.instructions.map((i) => {
    const text = parsed.text.slice(i.start, i.end);
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return `${n}\u0000${text}`;
  });
}

/** The dependent pairs whose order the fix inverted, described; [] when the fix kept the build's meaning. */
function invertedPairs(before: string, after: string): string[] {
  const original = parseDockerfile(before);
  const fixed = parseDockerfile(after);
  const originalKeys = keys(original);
  const fixedKeys = keys(fixed);
  if ([...originalKeys].sort().join('\n') !== [...fixedKeys].sort().join('\n')) return ['the fix added, removed or rewrote a step'];
  const position = new Map(fixedKeys.map((k, at) => [k, at]));
  const index = new Map(original.instructions.map((i, at) => [i, at]));
  const problems: string[] = [];
  for (const stage of buildModel(original).stages) {
    const effects = stageEffects(stage.instructions);
    const fromAt = position.get(originalKeys[index.get(stage.from) as number]) as number;
    for (let j = 0; j < effects.length; j++) {
      const at = (k: number) => position.get(originalKeys[index.get(effects[k].instruction) as number]) as number;
      if (at(j) < fromAt) problems.push(`line ${effects[j].instruction.startLine + 1} left its stage`);
      for (let i = 0; i < j; i++) {
        const reason = dependency(effects[j], effects[i]);
        if (reason && at(i) > at(j)) problems.push(`line ${effects[j].instruction.startLine + 1} moved before line ${effects[i].instruction.startLine + 1} although it ${reason}`);
      }
    }
  }
  return problems;
}

describe('--fix on the corpus', () => {
  const files = corpusFiles().map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8') }));
  const lintable = files.filter(({ text }) => {
    try {
      lintWith()(text);
      return true;
    } catch (error) {
      if (error instanceof UnparseableDockerfileError) return false;
      throw error;
    }
  });

  it('lints nearly all of the corpus (so the checks below cover it)', () => {
    expect(lintable.length).toBeGreaterThanOrEqual(files.length - 5);
  });

  it('never moves a step across a step it depends on (GD012 alone)', () => {
    const failures: string[] = [];
    let moved = 0;
    for (const { name, text } of lintable) {
      const result = fixText(text, lintWith('GD012'));
      if (result.output !== text) moved++;
      failures.push(...invertedPairs(text, result.output).map((p) => `${name}: ${p}`));
    }
    expect(failures).toEqual([]);
    expect(moved).toBeGreaterThan(0); // The check is not vacuous: some files do get steps moved.
  });

  it('keeps dependent steps in order with every fix applied, and a second --fix changes nothing', () => {
    const failures: string[] = [];
    for (const { name, text } of lintable) {
      const first = fixText(text, lintWith());
      const second = fixText(first.output, lintWith());
      if (second.output !== first.output || second.applied !== 0) failures.push(`${name}: a second --fix applied ${second.applied} more`);
    }
    expect(failures).toEqual([]);
  });
});
