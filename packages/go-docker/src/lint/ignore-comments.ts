/**
 * Inline suppressions read from raw comment lines (never from a parser's directive handling):
 *   # go-docker ignore=GD007,GD014 # reason      → the instruction right below the comment block
 *   # go-docker global ignore=GD010              → the whole file
 */
import { ParsedDockerfile } from './parser/instructions';

const IGNORE = /^#\s*go-docker\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]*?)\s*(?:#.*)?$/i;

export interface Suppressions {
  global: Set<string>;
  /** Per instruction index: suppressed rule ids. */
  byInstruction: Map<number, Set<string>>;
}

function ids(list: string): string[] {
  return list.split(/[,\s]+/).filter(Boolean).map((id) => id.toUpperCase());
}

/** What a file without any `go-docker` comment suppresses (most files): nothing. Never written to. */
const NOTHING: Suppressions = { global: new Set(), byInstruction: new Map() };

export function readSuppressions(parsed: ParsedDockerfile): Suppressions {
  if (!parsed.comments.some((c) => c.text.includes('go-docker'))) return NOTHING;
  const global = new Set<string>();
  const pending = new Map<number, string[]>();
  for (const comment of parsed.comments) {
    if (!comment.text.includes('go-docker')) continue;
    const m = IGNORE.exec(comment.text);
    if (!m) continue;
    if (m[1]) ids(m[2]).forEach((id) => global.add(id));
    else pending.set(comment.line, ids(m[2]));
  }
  // Directive-looking first lines (`# go-docker global ignore=…` is not one, but be safe) are not in comments.
  const byInstruction = new Map<number, Set<string>>();
  if (pending.size === 0) return { global, byInstruction };
  const commentLines = new Set(parsed.comments.map((c) => c.line));
  parsed.instructions.forEach((instruction, index) => {
    // Walk up through the comment block directly above the instruction.
    for (let line = instruction.startLine - 1; commentLines.has(line); line--) {
      const listed = pending.get(line);
      if (!listed) continue;
      const set = byInstruction.get(index) ?? new Set<string>();
      listed.forEach((id) => set.add(id));
      byInstruction.set(index, set);
    }
  });
  return { global, byInstruction };
}
