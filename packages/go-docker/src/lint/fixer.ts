/**
 * Applies rule fixes as text edits (never re-serialising the file), ESLint-style: in each pass take the fixes
 * that do not touch each other, apply them, re-lint, and repeat until nothing is left to fix.
 */
import { Finding } from './engine';
import { TextEdit } from './rule';

const MAX_PASSES = 10;

export interface FixResult {
  output: string;
  /** Number of fixes applied. */
  applied: number;
  /** Findings after fixing. */
  findings: Finding[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === b.start) return true; // Two edits at one point: their order would be ambiguous.
  return a.start < b.end && b.start < a.end;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let output = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  }
  return output;
}

/** Fixes `text` with `lint` until stable; a pass whose result no longer lints is discarded. */
export function fixText(text: string, lint: (text: string) => Finding[]): FixResult {
  let output = text;
  let applied = 0;
  let findings = lint(output);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const accepted: TextEdit[] = [];
    let count = 0;
    for (const finding of findings) {
      const edits = finding.fix?.edits;
      if (!edits || edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
      accepted.push(...edits);
      count++;
    }
    if (count === 0) break;
    const candidate = applyEdits(output, accepted);
    let next: Finding[];
    try {
      next = lint(candidate);
    } catch {
      break; // Never hand back a file we broke.
    }
    output = candidate;
    applied += count;
    findings = next;
  }
  return { output, applied, findings };
}
