/**
 * Splits Dockerfile text into instructions, keeping exact source offsets.
 *
 * We do not use dockerfile-ast: its flag and argument handling is lossy (see docs/lint.md), and rules need
 * both the logical text (continuations joined, interleaved comments dropped) and a map back to the bytes
 * the user wrote so fixes can edit by range.
 */
import { HeredocMarker, tokenizeShell } from './shell-words';

export const KNOWN_INSTRUCTIONS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
/** Upper-cased keyword → the constant string, so keyword comparisons in rules hit identical strings. */
const INTERNED_KEYWORDS = new Map([...KNOWN_INSTRUCTIONS].map((k) => [k, k]));

export interface Heredoc {
  name: string;
  stripTabs: boolean;
  /** Body text exactly as in the source (without the terminator line). */
  body: string;
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
  /** Arguments after the keyword with continuation lines joined and interleaved comment lines dropped. */
  args: string;
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
    readonly line: number,
  ) {
    super(message);
    this.name = 'DockerfileSyntaxError';
  }
}

const NO_HEREDOCS: Heredoc[] = [];

/** Space or tab. */
function isBlankCode(code: number): boolean {
  return code === 32 || code === 9;
}

/** Space, tab, CR, LF, vertical tab, form feed. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}
const DIRECTIVE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;

export function parseDockerfile(text: string): ParsedDockerfile {
  // Work on offsets into `text` rather than split lines: no per-line strings for the common case.
  const lineStarts: number[] = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  const lineCount = lineStarts.length;
  const hasCR = text.includes('\r');
  /** End of a line's content: before the newline and a trailing CR (CRLF files behave like LF files). */
  const lineEnd = (i: number) => {
    let end = i + 1 < lineCount ? lineStarts[i + 1] - 1 : text.length;
    if (hasCR && end > lineStarts[i] && text.charCodeAt(end - 1) === 13) end--;
    return end;
  };
  const lineText = (i: number) => text.slice(lineStarts[i], lineEnd(i));
  /** Offset of the first non-blank character of a line (its end when blank). */
  const firstNonBlank = (i: number) => {
    const end = lineEnd(i);
    let k = lineStarts[i];
    while (k < end && isBlankCode(text.charCodeAt(k))) k++;
    return k;
  };
  const isCommentOrBlank = (i: number) => {
    const k = firstNonBlank(i);
    return k === lineEnd(i) || text.charCodeAt(k) === 35; // '#'
  };

  const directives = new Map<string, string>();
  let i = 0;
  for (; i < lineCount; i++) {
    const m = DIRECTIVE.exec(lineText(i).trim());
    if (!m || directives.has(m[1].toLowerCase())) break;
    directives.set(m[1].toLowerCase(), m[2]);
  }
  const escape = directives.get('escape') === '`' ? '`' : '\\';
  const escapeCode = escape.charCodeAt(0);

  const instructions: Instruction[] = [];
  const comments: CommentLine[] = [];
  const scratchPieces: number[] = [];

  while (i < lineCount) {
    const first = firstNonBlank(i);
    if (first === lineEnd(i)) {
      i++;
      continue;
    }
    if (text.charCodeAt(first) === 35 /* # */) {
      comments.push({ line: i, text: text.slice(first, lineEnd(i)) });
      i++;
      continue;
    }
    const startLine = i;
    let logical = '';
    // Pieces of the logical text: [logical offset, source offset] where a source line starts contributing.
    // A scratch array, copied only for continued instructions (one-line ones need no map).
    const pieces = scratchPieces;
    pieces.length = 0;
    let endLine = i;
    for (;;) {
      const lineStart = lineStarts[i];
      const end = lineEnd(i);
      let last = end - 1;
      while (last >= lineStart && isBlankCode(text.charCodeAt(last))) last--;
      const continues = last >= lineStart && text.charCodeAt(last) === escapeCode && i + 1 < lineCount;
      pieces.push(logical.length, lineStart);
      logical += text.slice(lineStart, continues ? last : end);
      endLine = i;
      i++;
      if (!continues) break;
      // Docker drops comment lines and (deprecated) empty lines inside a continued instruction.
      while (i < lineCount && isCommentOrBlank(i)) i++;
      if (i >= lineCount) break;
    }
    pieces.push(logical.length, lineEnd(endLine));

    // Keyword, then the arguments after the whitespace that follows it.
    const keywordStart = first - lineStarts[startLine];
    let keywordEnd = keywordStart;
    while (keywordEnd < logical.length && !isSpace(logical.charCodeAt(keywordEnd))) keywordEnd++;
    const written = logical.slice(keywordStart, keywordEnd).toUpperCase();
    const keyword = INTERNED_KEYWORDS.get(written) ?? written;
    let argsOffset = keywordEnd;
    while (argsOffset < logical.length && isSpace(logical.charCodeAt(argsOffset))) argsOffset++;
    const args = logical.slice(argsOffset);
    // One-line instructions (most) map by a constant shift; only continued ones keep their pieces.
    const argsStart = pieces.length === 4 ? pieces[1] + argsOffset : -1;

    let heredocs: Heredoc[] = NO_HEREDOCS;
    if (HEREDOC_INSTRUCTIONS.has(keyword) && args.includes('<<')) {
      heredocs = [];
      const markers = tokenizeShell(args).filter((t): t is HeredocMarker => t.kind === 'heredoc');
      for (const marker of markers) {
        const bodyStartLine = i;
        const terminator = (line: string) => (marker.stripTabs ? line.replace(/^\t+/, '') : line) === marker.name;
        while (i < lineCount && !terminator(lineText(i))) i++;
        if (i >= lineCount) {
          throw new DockerfileSyntaxError(`unterminated heredoc <<${marker.name} (opened on line ${startLine + 1})`, startLine + 1);
        }
        const bodyStart = lineStarts[bodyStartLine];
        const bodyEnd = i > bodyStartLine ? lineStarts[i] - 1 : bodyStart;
        heredocs.push({ name: marker.name, stripTabs: marker.stripTabs, body: text.slice(bodyStart, bodyEnd), bodyStart });
        endLine = i;
        i++;
      }
    }

    instructions.push(
      new ParsedInstruction(keyword, first, lineEnd(endLine), startLine, endLine, args, heredocs, argsStart, argsStart < 0 ? { pieces: pieces.slice(), argsOffset } : undefined),
    );
  }
  return { text, lineStarts, directives, escape, instructions, comments };
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
    readonly args: string,
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
