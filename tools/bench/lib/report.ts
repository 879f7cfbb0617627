// The report: markdown (docs/benchmarks.md) and a horizontal-bar SVG chart, no libraries.

export interface Bar { label: string; value: number; note?: string }

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Simple horizontal bars, one per item, value labels at the bar end. */
export function barChart(title: string, unit: string, bars: Bar[]): string {
  const width = 760, left = 290, right = 110, row = 30, top = 44;
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  const height = top + bars.length * row + 16;
  const scale = (width - left - right) / max;
  const rows = bars.map((b, i) => {
    const y = top + i * row;
    const w = Math.max(1, b.value * scale);
    return `  <text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>
  <rect x="${left}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 10}" fill="${i === 0 ? '#2e7d32' : '#1565c0'}"/>
  <text x="${(left + w + 6).toFixed(1)}" y="${y + 17}">${b.value.toFixed(2)} ${unit}${b.note ? ` ${esc(b.note)}` : ''}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="12" y="24" font-size="15" font-weight="bold">${esc(title)}</text>
${rows.join('\n')}
</svg>
`;
}

export function table(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export const sec = (s: number): string => `${s.toFixed(2)} s`;
export const ratio = (r: number): string => `${r.toFixed(2)}×`;
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
/** "met" or "missed by X" for a goal of the form value <= goal or value >= goal. */
export function verdict(value: number, goal: number, atMost: boolean): string {
  const met = atMost ? value <= goal : value >= goal;
  if (met) return `**met** (goal ${atMost ? '≤' : '≥'} ${goal})`;
  const by = atMost ? value / goal : goal / value;
  return `**missed** by ${by.toFixed(2)}× (goal ${atMost ? '≤' : '≥'} ${goal})`;
}
