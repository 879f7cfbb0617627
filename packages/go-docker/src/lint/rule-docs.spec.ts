/** docs/rules/<ID>.md must match each rule module's docs. Regenerate with UPDATE_RULE_DOCS=1 npx jest rule-docs. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDoc } from './rule-docs';
import { RULES } from './rules';
import { REPO_ROOT } from './test-utils/corpus';

const docsDir = join(REPO_ROOT, 'docs', 'rules');

describe('rule docs', () => {
  it.each(RULES.map((r) => [r.id, r]))('%s is documented', (_id, rule) => {
    const path = join(docsDir, `${rule.id}.md`);
    const expected = renderRuleDoc(rule);
    if (process.env.UPDATE_RULE_DOCS) {
      mkdirSync(docsDir, { recursive: true });
      writeFileSync(path, expected);
    }
    expect(existsSync(path) ? readFileSync(path, 'utf8') : `(missing ${path})`).toBe(expected);
  });

  it('has stable, unique ids and names', () => {
    expect(RULES.map((r) => r.id)).toEqual(Array.from({ length: 16 }, (_, i) => `GD${String(i + 1).padStart(3, '0')}`));
    expect(new Set(RULES.map((r) => r.name)).size).toBe(16);
  });
});
