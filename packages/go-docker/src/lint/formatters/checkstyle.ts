/** Checkstyle XML, as consumed by Jenkins warnings-ng, reviewdog and most CI dashboards. */
import { FormatInput } from './types';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string)
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function formatCheckstyle({ findings, files }: FormatInput): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const file of files) {
    out.push(`  <file name="${escapeXml(file)}">`);
    for (const f of findings.filter((x) => x.file === file)) {
      out.push(`    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${escapeXml(f.message)}" source="go-docker.${f.rule}"/>`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
}
