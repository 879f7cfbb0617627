/** Small helpers shared by rules: source ranges of words, and common path checks. */
import { Instruction } from '../parser/instructions';
import { Word } from '../parser/shell-words';
import { GoInvocation } from '../model/go-invocations';
import { Segment } from '../model/shell-commands';
import { RuleReport, TextEdit } from '../rule';

export interface Range {
  start: number;
  end: number;
}

/** Source range of a word of an instruction's arguments. */
export function argumentRange(instruction: Instruction, word: Word): Range {
  return { start: instruction.sourceAt(word.start), end: instruction.sourceAt(word.end - 1) + 1 };
}

/** Source range of a word in a command segment; undefined when the segment is not editable. */
export function segmentRange(segment: Segment, word: Word): Range | undefined {
  if (!segment.toSource || word.end <= word.start) return undefined;
  return { start: segment.toSource(word.start), end: segment.toSource(word.end - 1) + 1 };
}

/** True when the word is written on one line (so replacing it cannot swallow a line continuation). */
export function isContiguous(segment: Segment, word: Word): boolean {
  const range = segmentRange(segment, word);
  return range !== undefined && range.end - range.start === word.end - word.start;
}

export function instructionRange(instruction: Instruction): Range {
  return { start: instruction.start, end: instruction.end };
}

/** Where to point at a Go invocation: `go build …` when editable, else the whole RUN. */
export function invocationRange(invocation: GoInvocation): Range {
  const words = invocation.command.words;
  const first = segmentRange(invocation.command.segment, invocation.goWord);
  const last = segmentRange(invocation.command.segment, words[words.length - 1]);
  return first && last ? { start: first.start, end: last.end } : instructionRange(invocation.run.instruction);
}

/** An insertion right after a word (e.g. a flag after `go build`), if the word is editable. */
export function insertAfter(segment: Segment, word: Word, text: string): TextEdit[] | undefined {
  const range = segmentRange(segment, word);
  return range && isContiguous(segment, word) ? [{ start: range.end, end: range.end, text }] : undefined;
}

export function report(range: Range, message: string, edits?: TextEdit[]): RuleReport {
  return { start: range.start, end: range.end, message, fix: edits ? { edits } : undefined };
}

const MODULE_FILES = /(^|\/)(go\.(mod|sum|work|work\.sum)|go\.\*)$/;

/** True for go.mod / go.sum / go.work(.sum) paths (the only inputs `go mod download` needs). */
export function isModuleFile(path: string): boolean {
  return MODULE_FILES.test(withoutTrailingSlashes(path));
}

/** Normalizes a container path for comparison: no trailing slash, no `./`. */
export function normalizePath(path: string): string {
  const trimmed = withoutTrailingSlashes(path);
  return trimmed === '' ? '/' : trimmed.startsWith('./') ? trimmed.slice(2) : trimmed;
}

function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === path.length ? path : path.slice(0, end);
}
