// The median of a list of numbers, for the .mjs benchmark scripts (the TypeScript harness has its own in measure.ts).
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
