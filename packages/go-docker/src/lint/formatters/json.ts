/** A flat array of findings, stable keys, no internal fix data. */
import { FormatInput } from './types';

export function formatJson({ findings }: FormatInput): string {
  const rows = findings.map(({ file, rule, severity, message, line, column, endLine, endColumn, fixable }) => ({
    file, rule, severity, message, line, column, endLine, endColumn, fixable,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
