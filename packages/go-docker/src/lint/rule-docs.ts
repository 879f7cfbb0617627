/** Renders a rule's docs page (docs/rules/<ID>.md is generated from the rule module; see rule-docs.spec.ts). */
import { Rule } from './rule';

export function renderRuleDoc(rule: Rule): string {
  return [
    `# ${rule.id} ${rule.name}`,
    '',
    `${rule.summary}`,
    '',
    `Default severity: **${rule.defaultSeverity}** · Fixable with \`--fix\`: **${rule.fixable ? 'yes' : 'no'}** · Suppress: \`# go-docker ignore=${rule.id} # reason\``,
    '',
    rule.docs.trim(),
    '',
  ].join('\n');
}
