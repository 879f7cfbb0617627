/**
 * Splits Dockerfile text into instructions, keeping exact source offsets.
 *
 * We do not use dockerfile-ast: its flag and argument handling is lossy (see docs/lint.md), and rules need
 * both the logical text (continuations joined, interleaved comments dropped) and a map back to the bytes
 * the user wrote so fixes can edit by range.
 */
import { isGoSpaceCode } from '../../utils/dockerignore-patterns';
import { processWords, ShellLexError } from './buildkit-words';
import { LineNode, LineSyntaxError, parseLine } from './line-parsers';

export { KNOWN_INSTRUCTIONS } from './keywords';

/** The instructions BuildKit reads heredocs for (it compares the lower-cased command word; keywords are ASCII). */
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

export interface Heredoc {
  name: string;
  /** `<<-`: leading tabs are stripped (BuildKit's "chomp"). */
  stripTabs: boolean;
  /** False when the name is quoted (`<<"EOF"`): the body is not expanded. */
  expand: boolean;
  /** File descriptor written before `<<` (`3<<EOF`), 0 when none. */
  fd: number;
  /** Body text exactly as in the source (without the terminator line and the newline before it). */
  body: string;
  /** Body as BuildKit hands it on: every line with its line ending. */
  content: string;
  /** Source offset of the first body character. */
  bodyStart: number;
}

export interface Instruction {
  /** Upper-cased keyword, e.g. `RUN`. */
  keyword: string;
  /** Source offsets of the whole instruction including heredoc bodies, [start, end), end excludes the newline. */
  start: number;
  end: number;
  /** 0-based first and last source line. */
  startLine: number;
  endLine: number;
  /** The whole instruction as BuildKit joins it (its `Original`): continuations joined, comment lines dropped. */
  original: string;
  /** Arguments after the keyword with continuation lines joined and interleaved comment lines dropped. */
  args: string;
  /** BuildKit's `--flags` of the instruction (`RUN --mount=…`), as it reads them. */
  flags: string[];
  /** True for the JSON (exec) form. */
  json: boolean;
  /** Source offset of the character at `index` of `args` (`args.length` maps just past the last one). */
  sourceAt(index: number): number;
  heredocs: Heredoc[];
  /**
   * Results derived from this instruction and cached by their parsers (e.g. COPY arguments), so rules can share
   * them. A plain object on the instruction: cheaper for the garbage collector than WeakMap side tables.
   */
  readonly memo: Record<string, unknown>;
}

export interface CommentLine {
  line: number;
  text: string;
}

export interface ParsedDockerfile {
  text: string;
  /** Source offset where each line starts. */
  lineStarts: number[];
  directives: Map<string, string>;
  escape: string;
  instructions: Instruction[];
  /** Standalone comment lines (not parser directives), in order. */
  comments: CommentLine[];
}

export class DockerfileSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line the error is about (0: the whole file). */
    readonly line: number,
    /** The line BuildKit's error location names (0-based for parser directives, as BuildKit reports them). */
    readonly buildkitLine: number = line,
  ) {
    super(message);
    this.name = 'DockerfileSyntaxError';
  }
}

const NO_HEREDOCS: Heredoc[] = [];
const VALID_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
/** BuildKit's directiveRegexp, with Go's `\s` ([\t\n\f\r ]) and `.` (anything but \n). */
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const HEREDOC_WORD = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/;
/** bufio.Scanner's limit: a longer line stops BuildKit's parser. */
const MAX_LINE_BYTES = 64 * 1024 - 1;

/** Offset of the first character of text[from, to) that is not Unicode white space (`to` when none). */
function skipGoSpace(text: string, from: number, to: number): number {
  let k = from;
  while (k < to && isGoSpaceCode(text.charCodeAt(k))) k++;
  return k;
}

/**
 * Splits Dockerfile text into instructions as BuildKit's parser (frontend/dockerfile/parser.Parse) does:
 * BOM, parser directives, comments, line continuations, empty continuation lines, heredocs and the syntax
 * errors it raises (DockerfileSyntaxError with BuildKit's message and line). src/lint/dockerfile-oracle.spec.ts
 * checks this against BuildKit itself.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  // Work on offsets into `text` rather than split lines: no per-line strings for the common case.
  const lineStarts: number[] = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  // A final newline ends the last line; it does not start another one.
  const lineCount = text === '' ? 0 : text.endsWith('\n') ? lineStarts.length - 1 : lineStarts.length;
  const rawEnd = (i: number) => (i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : text.length);
  /** End of a line's content: before the newline and any CRs before it (BuildKit's trimNewline). */
  const lineEnd = (i: number) => {
    let end = rawEnd(i);
    while (end > lineStarts[i] && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 10)) end--;
    return end;
  };
  // The scanner stops at the first line longer than bufio's limit.
  let scannable = lineCount;
  for (let i = 0; i < lineCount; i++) {
    const length = rawEnd(i) - lineStarts[i];
    if (length * 3 > MAX_LINE_BYTES && Buffer.byteLength(text.slice(lineStarts[i], rawEnd(i))) > MAX_LINE_BYTES) {
      scannable = i;
      break;
    }
  }
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const contentStart = (i: number) => (i === 0 ? bomLength : lineStarts[i]);
  const isCommentLine = (i: number) => {
    const k = skipGoSpace(text, contentStart(i), lineEnd(i));
    return k < lineEnd(i) && text.charCodeAt(k) === 35; // '#'
  };

  const directives = new Map<string, string>();
  let directivesDone = false;
  let escape = '\\';
  let escapeCode = 92;
  /** BuildKit's possibleParserDirective on a line's text [from, to); returns true for a directive. */
  const parserDirective = (from: number, to: number, line: number): boolean => {
    if (directivesDone) return false;
    if (text.charCodeAt(from) !== 35 || from >= to) {
      directivesDone = true;
      return false;
    }
    const m = DIRECTIVE.exec(text.slice(skipGoSpace(text, from + 1, to), to));
    const name = m?.[1].toLowerCase();
    if (!m || !name || !VALID_DIRECTIVES.has(name)) {
      directivesDone = true;
      return false;
    }
    if (directives.has(name)) throw new DockerfileSyntaxError(`only one ${name} parser directive can be used`, line + 1, line);
    directives.set(name, m[2]);
    if (name === 'escape') {
      if (m[2] !== '`' && m[2] !== '\\') throw new DockerfileSyntaxError(`invalid escape token '${m[2]}' does not match \` or \\`, line + 1, line);
      escape = m[2];
      escapeCode = escape.charCodeAt(0);
    }
    return true;
  };
  /** Where a continued line's text stops (its escape token), or -1 when it does not continue. */
  const continuation = (from: number, to: number): number => {
    let last = to - 1;
    while (last >= from && (text.charCodeAt(last) === 32 || text.charCodeAt(last) === 9)) last--;
    if (last < from || text.charCodeAt(last) !== escapeCode) return -1;
    return last === from || text.charCodeAt(last - 1) !== escapeCode ? last : -1;
  };

  const instructions: Instruction[] = [];
  const comments: CommentLine[] = [];
  let i = 0;

  while (i < scannable) {
    const line = i;
    const to = lineEnd(i);
    const from = skipGoSpace(text, contentStart(i), to);
    const isDirective = parserDirective(from, to, line);
    i++;
    if (isDirective) continue;
    if (from < to && text.charCodeAt(from) === 35) {
      comments.push({ line, text: text.slice(from, to) });
      continue;
    }
    let stop = continuation(from, to);
    if (from === to) continue;
    const startLine = line;
    // Pieces of the logical text: [logical offset, source offset] where a source line starts contributing.
    // Only instructions continued onto other lines have them; the others map by a constant shift.
    let pieces: number[] | undefined;
    let logical = text.slice(from, stop < 0 ? to : stop);
    // A continued instruction's text is joined once at the end: one flat string, not a chain of concatenations.
    let parts: string[] | undefined;
    let logicalLength = logical.length;
    let endLine = line;
    let lastEnd = stop < 0 ? to : stop;
    while (stop >= 0 && i < scannable) {
      const k = i++;
      endLine = k;
      if (isCommentLine(k)) continue;
      const start = contentStart(k);
      const end = lineEnd(k);
      parserDirective(start, end, k);
      if (skipGoSpace(text, start, end) === end) continue; // an empty continuation line (deprecated)
      stop = continuation(start, end);
      pieces ??= [0, from];
      pieces.push(logicalLength, start);
      lastEnd = stop < 0 ? end : stop;
      (parts ??= [logical]).push(text.slice(start, lastEnd));
      logicalLength += lastEnd - start;
    }
    if (parts) logical = parts.join('');
    pieces?.push(logicalLength, lastEnd);

    let node: LineNode;
    try {
      node = parts ? parseLine(logical, escape) : parseLine(text, escape, from, lastEnd);
    } catch (error) {
      if (error instanceof LineSyntaxError) throw new DockerfileSyntaxError(error.message, startLine + 1);
      throw error;
    }
    // Keyword, then the arguments after the whitespace that follows it.
    const keywordStart = skipGoSpace(logical, 0, logical.length);
    const keywordEnd = keywordStart + node.commandLength;
    const keyword = node.keyword;
    let argsOffset = keywordEnd;
    while (argsOffset < logical.length && isSplitSpace(logical.charCodeAt(argsOffset))) argsOffset++;
    const args = logical.slice(argsOffset);
    const argsStart = pieces ? -1 : from + argsOffset;

    let heredocs: Heredoc[] = NO_HEREDOCS;
    const target = node.sub ?? node;
    if (HEREDOC_INSTRUCTIONS.has(target.keyword) && !target.json && logical.includes('<<')) {
      heredocs = [];
      let markers: ReturnType<typeof heredocsFromLine>;
      try {
        markers = heredocsFromLine(logical);
      } catch (error) {
        if (error instanceof ShellLexError) throw new DockerfileSyntaxError(error.message, startLine + 1);
        throw error;
      }
      for (const marker of markers) {
        const bodyStartLine = i;
        let terminated = false;
        while (i < scannable) {
          const k = i++;
          endLine = k;
          let start = lineStarts[k];
          const end = lineEnd(k);
          if (marker.stripTabs) while (start < end && text.charCodeAt(start) === 9) start++;
          if (end - start === marker.name.length && text.startsWith(marker.name, start)) {
            terminated = true;
            break;
          }
        }
        if (!terminated) throw new DockerfileSyntaxError('unterminated heredoc', startLine + 1);
        const bodyStart = lineStarts[bodyStartLine];
        const terminatorStart = lineStarts[endLine];
        const bodyEnd = endLine > bodyStartLine ? terminatorStart - 1 : bodyStart;
        heredocs.push({ name: marker.name, stripTabs: marker.stripTabs, expand: marker.expand, fd: marker.fd, body: text.slice(bodyStart, bodyEnd), content: text.slice(bodyStart, terminatorStart), bodyStart });
      }
    }

    instructions.push(
      new ParsedInstruction(keyword, from, lineEnd(endLine), startLine, endLine, logical, args, node.flags, node.json, heredocs, argsStart, pieces ? { pieces, argsOffset } : undefined),
    );
  }
  if (instructions.length === 0) throw new DockerfileSyntaxError('file with no instructions', 0, i);
  if (scannable < lineCount) throw new DockerfileSyntaxError(`dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, scannable + 1, i);
  return { text, lineStarts, directives, escape, instructions, comments };
}

/** BuildKit's reWhitespace character class. */
function isSplitSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 13;
}

/** The heredocs a line opens (BuildKit's heredocsFromLine), in order; bodies are filled in by the caller. */
function heredocsFromLine(line: string): Omit<Heredoc, 'body' | 'content' | 'bodyStart'>[] {
  let words: string[];
  try {
    words = processWords(line, { rawQuotes: true, rawEscapes: true });
  } catch {
    return [];
  }
  const found: Omit<Heredoc, 'body' | 'content' | 'bodyStart'>[] = [];
  for (const word of words) {
    const m = HEREDOC_WORD.exec(word);
    if (!m || m[3] === '') continue;
    const names = processWords(m[3], { rawQuotes: false, rawEscapes: false });
    if (names.length !== 1) continue;
    const raw = processWords(m[3], { rawQuotes: true, rawEscapes: false });
    if (raw.length !== names.length) throw new ShellLexError(`internal lexing of heredoc produced inconsistent results: ${m[3]}`);
    const quotes = (w: string) => (w.match(/['"]/g) ?? []).length;
    found.push({ name: names[0], stripTabs: m[2] === '-', expand: quotes(names[0]) === quotes(raw[0]), fd: m[1] === '' ? 0 : Number(m[1]) });
  }
  return found;
}

/** An instruction as parsed; `sourceAt` is a method (not a closure per instruction) to keep parsing lean. */
class ParsedInstruction implements Instruction {
  readonly memo: Record<string, unknown> = {};

  constructor(
    readonly keyword: string,
    readonly start: number,
    readonly end: number,
    readonly startLine: number,
    readonly endLine: number,
    readonly original: string,
    readonly args: string,
    readonly flags: string[],
    readonly json: boolean,
    readonly heredocs: Heredoc[],
    /** Source offset of `args[0]` for one-line instructions, else -1. */
    private readonly argsStart: number,
    /** For continued instructions: where each source line's text starts in the logical text. */
    private readonly continued?: { pieces: number[]; argsOffset: number },
  ) {}

  sourceAt(index: number): number {
    return this.continued ? logicalToSource(this.continued.pieces, index + this.continued.argsOffset) : this.argsStart + index;
  }
}

function logicalToSource(pieces: number[], logical: number): number {
  // Pieces are few (one per physical line), so a backwards linear scan is cheapest.
  for (let k = pieces.length - 2; k >= 0; k -= 2) {
    if (pieces[k] <= logical) return pieces[k + 1] + (logical - pieces[k]);
  }
  return pieces[1];
}

/** 0-based line and column of a source offset. */
export function positionOf(parsed: Pick<ParsedDockerfile, 'lineStarts'>, offset: number): { line: number; column: number } {
  const starts = parsed.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - starts[lo] };
}
