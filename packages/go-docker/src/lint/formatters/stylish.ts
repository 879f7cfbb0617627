/** Human-readable output: one line per finding, `file:line:col  severity  id  message  docs-link`. */
import { ruleDocsUrl } from '../docs-url';
import { Finding } from '../engine';
import { RULES_BY_ID } from '../rules';
import { FormatInput } from './types';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

export function formatStylish({ findings, color = false }: FormatInput): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  for (const f of findings) {
    const name = RULES_BY_ID.get(f.rule)?.name ?? '';
    lines.push(
      `${f.file}:${f.line}:${f.column}  ${paint(COLORS[f.severity], f.severity.padEnd(7))}  ${f.rule} ${paint(COLORS.dim, name)}  ${f.message}${f.fixable ? ' (fixable)' : ''}  ${paint(COLORS.dim, ruleDocsUrl(f.rule))}`,
    );
  }
  if (findings.length > 0) lines.push('', summary(findings));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function summary(findings: Finding[]): string {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const fixable = findings.filter((f) => f.fixable).length;
  return `${findings.length} problem${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos)${fixable ? `, ${fixable} fixable with --fix` : ''}`;
}
