type Op = { kind: ' ' | '-' | '+'; line: string };

/** Line operations turning `a` into `b` (longest common subsequence; files here are a few hundred lines). */
function lineOps(a: string[], b: string[]): Op[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    }
    // Removals before additions, as diff -u prints them.
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', line: a[i++] });
    else ops.push({ kind: '+', line: b[j++] });
  }
  return ops;
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** A unified diff (`diff -u` format, 3 lines of context) from `before` to `after`; '' when they are equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = lineOps(lines(before), lines(after));
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let index = 0;
  while (index < ops.length) {
    if (ops[index].kind === ' ') {
      index++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change close to it.
    let start = Math.max(0, index - context);
    while (start < index && ops[start].kind !== ' ') start++;
    let end = index;
    for (let k = index; k < ops.length; k++) {
      if (ops[k].kind !== ' ') end = k;
      else if (k - end > 2 * context) break;
    }
    end = Math.min(ops.length - 1, end + context);
    const before = (n: number) => ops.slice(0, n).filter((o) => o.kind !== '+').length;
    const after = (n: number) => ops.slice(0, n).filter((o) => o.kind !== '-').length;
    const hunk = ops.slice(start, end + 1);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${before(start) + (oldCount ? 1 : 0)},${oldCount} +${after(start) + (newCount ? 1 : 0)},${newCount} @@`);
    hunk.forEach((o) => out.push(`${o.kind}${o.line}`));
    index = end + 1;
  }
  return `${out.join('\n')}\n`;
}
