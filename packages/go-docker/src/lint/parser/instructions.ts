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

const DIRECTIVE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;

export function parseDockerfile(text: string): ParsedDockerfile {
  const rawLines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of rawLines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  // Line contents without a trailing CR, so CRLF files behave like LF files.
  const lines = rawLines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));

  const directives = new Map<string, string>();
  let i = 0;
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i].trim());
    if (!m || directives.has(m[1].toLowerCase())) break;
    directives.set(m[1].toLowerCase(), m[2]);
  }
  const escape = directives.get('escape') === '`' ? '`' : '\\';

  const instructions: Instruction[] = [];
  const comments: CommentLine[] = [];
  const isCommentOrBlank = (line: string) => {
    const t = line.trimStart();
    return t === '' || t.startsWith('#');
  };

  while (i < lines.length) {
    const trimmed = lines[i].trimStart();
    if (trimmed === '') {
      i++;
      continue;
    }
    if (trimmed.startsWith('#')) {
      comments.push({ line: i, text: trimmed });
      i++;
      continue;
    }
    const startLine = i;
    let logical = '';
    // Pieces of the logical text: [logical offset, source offset] where a source line starts contributing.
    const pieces: number[] = [];
    let endLine = i;
    for (;;) {
      const content = lines[i];
      let last = content.length - 1;
      while (last >= 0 && (content[last] === ' ' || content[last] === '\t')) last--;
      const continues = last >= 0 && content[last] === escape && i + 1 < lines.length;
      const take = continues ? last : content.length;
      pieces.push(logical.length, lineStarts[i]);
      logical += content.slice(0, take);
      endLine = i;
      i++;
      if (!continues) break;
      // Docker drops comment lines and (deprecated) empty lines inside a continued instruction.
      while (i < lines.length && isCommentOrBlank(lines[i])) i++;
      if (i >= lines.length) break;
    }
    pieces.push(logical.length, lineStarts[endLine] + lines[endLine].length);

    const keywordMatch = /^\s*(\S+)\s*/.exec(logical);
    const keyword = keywordMatch ? keywordMatch[1].toUpperCase() : '';
    const argsOffset = keywordMatch ? keywordMatch[0].length : 0;
    const args = logical.slice(argsOffset);
    const sourceAt = (index: number) => logicalToSource(pieces, index + argsOffset);

    const heredocs: Heredoc[] = [];
    if (HEREDOC_INSTRUCTIONS.has(keyword) && args.includes('<<')) {
      const markers = tokenizeShell(args).filter((t): t is HeredocMarker => t.kind === 'heredoc');
      for (const marker of markers) {
        const bodyStartLine = i;
        const terminator = (line: string) => (marker.stripTabs ? line.replace(/^\t+/, '') : line) === marker.name;
        while (i < lines.length && !terminator(lines[i])) i++;
        if (i >= lines.length) {
          throw new DockerfileSyntaxError(`unterminated heredoc <<${marker.name} (opened on line ${startLine + 1})`, startLine + 1);
        }
        const bodyStart = bodyStartLine < lines.length ? lineStarts[bodyStartLine] : text.length;
        const bodyEnd = i > bodyStartLine ? lineStarts[i] - 1 : bodyStart;
        heredocs.push({ name: marker.name, stripTabs: marker.stripTabs, body: text.slice(bodyStart, bodyEnd), bodyStart });
        endLine = i;
        i++;
      }
    }

    instructions.push({
      keyword,
      start: lineStarts[startLine] + (lines[startLine].length - trimmed.length),
      end: lineStarts[endLine] + lines[endLine].length,
      startLine,
      endLine,
      args,
      sourceAt,
      heredocs,
    });
  }
  return { text, lineStarts, directives, escape, instructions, comments };
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
