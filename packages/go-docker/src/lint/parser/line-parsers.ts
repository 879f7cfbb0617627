/**
 * What BuildKit's Dockerfile parser (frontend/dockerfile/parser: splitCommand, extractBuilderFlags and the
 * per-instruction line parsers) decides about one joined instruction line: its command word, `--flags`,
 * whether it is in JSON form, and the syntax errors it raises. The arguments themselves are read by
 * parser/arguments.ts; this module is only about agreeing with BuildKit on what is valid.
 */
import { goTrimSpace, isGoSpaceCode } from '../../utils/dockerignore-patterns';
import { goQuote, isGoSpace } from './buildkit-words';

export class LineSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LineSyntaxError';
  }
}

export interface LineNode {
  /** The command word as written. */
  command: string;
  flags: string[];
  /** Arguments after the flags, trimmed (BuildKit's `rest`). */
  rest: string;
  json: boolean;
  /** For ONBUILD: the instruction it wraps. */
  sub?: LineNode;
}

/** BuildKit's reWhitespace: `[\t\v\f\r ]`. */
const isSplitSpace = (c: string) => c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';

/** Parses one joined instruction line as newNodeFromLine does; throws LineSyntaxError where BuildKit fails. */
export function parseLine(line: string, escape: string): LineNode {
  const trimmed = goTrimSpace(line);
  let end = 0;
  while (end < trimmed.length && !isSplitSpace(trimmed[end])) end++;
  const command = trimmed.slice(0, end);
  let start = end;
  while (start < trimmed.length && isSplitSpace(trimmed[start])) start++;
  let rest = '';
  let flags: string[] = NO_FLAGS;
  if (end < trimmed.length) {
    [rest, flags] = extractBuilderFlags(trimmed.slice(start), escape);
    rest = goTrimSpace(rest);
  }
  const node: LineNode = { command, flags, rest, json: false };
  switch (command.toLowerCase()) {
    case 'env':
    case 'label':
      checkNameVal(rest, command.toLowerCase() === 'env' ? 'ENV' : 'LABEL', escape);
      break;
    case 'run':
    case 'cmd':
    case 'entrypoint':
    case 'shell':
      node.json = rest !== '' && parseJson(rest);
      break;
    case 'add':
    case 'copy':
    case 'volume':
      node.json = parseJson(rest);
      break;
    case 'healthcheck':
      node.json = healthcheckJson(rest);
      break;
    case 'onbuild':
      if (rest !== '') node.sub = parseLine(rest, escape);
      break;
    default:
  }
  return node;
}

/** True when BuildKit reads the node as JSON; throws when it is a JSON array of non-strings. */
function parseJson(rest: string): boolean {
  let start = 0;
  while (start < rest.length && isGoSpaceCode(rest.charCodeAt(start))) start++;
  if (rest.charCodeAt(start) !== 0x5b) return false; // '[': most instructions are not JSON, and cost no more
  const text = rest.slice(start);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (!Array.isArray(parsed)) return false; // Go fails to unmarshal a non-array into []any.
  if (!parsed.every((p) => typeof p === 'string')) throw new LineSyntaxError('when using JSON array syntax, arrays must be comprised of strings only');
  return true;
}

function healthcheckJson(rest: string): boolean {
  // Go walks bytes here, treating each byte as a rune (so 0x85 and 0xA0 count as spaces).
  const bytes = Buffer.from(rest, 'utf8');
  const space = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0x85 || b === 0xa0;
  let sep = 0;
  while (sep < bytes.length && !space(bytes[sep])) sep++;
  let next = sep;
  while (next < bytes.length && space(bytes[next])) next++;
  if (sep === 0) return false;
  const cmd = bytes.subarray(next).toString('utf8');
  return cmd !== '' && parseJson(cmd);
}

/** ENV/LABEL (parseNameVal): the errors only. */
function checkNameVal(rest: string, key: string, escape: string): void {
  const words = parseWords(rest, escape);
  if (words.length === 0) return;
  if (!words[0].includes('=')) {
    let k = 0;
    while (k < rest.length && !isSplitSpace(rest[k])) k++;
    if (k >= rest.length) throw new LineSyntaxError(`${key} must have two arguments`);
    return;
  }
  for (const word of words) {
    if (!word.includes('=')) throw new LineSyntaxError(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
  }
}

/** parseWords: words with quotes and escapes kept, split on Unicode white space outside quotes. */
export function parseWords(rest: string, escape: string): string[] {
  // UTF-16 units, not code points: quotes, escapes and spaces are all single units, and a surrogate pair
  // is copied unit by unit into the same word either way.
  const chars = rest;
  const words: string[] = [];
  let inWord = false;
  let inQuote = false;
  let quote = '';
  let blankOK = false;
  let word = '';
  for (let pos = 0; pos <= chars.length; pos++) {
    const atEnd = pos === chars.length;
    let ch = atEnd ? '' : chars[pos];
    if (!inWord && !inQuote) {
      if (atEnd) break;
      if (isGoSpace(ch)) continue;
      inWord = true;
    }
    if (atEnd) {
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    if (inWord) {
      if (isGoSpace(ch)) {
        inWord = false;
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        inWord = false;
        inQuote = true;
      }
      if (ch === escape) {
        if (pos + 1 === chars.length) continue;
        word += ch;
        pos++;
        ch = chars[pos];
      }
      word += ch;
      continue;
    }
    // In a quote.
    if (ch === quote) {
      inQuote = false;
      inWord = true;
    }
    if (ch === escape && quote !== "'") {
      if (pos + 1 === chars.length) {
        inQuote = false;
        inWord = true;
        continue;
      }
      pos++;
      word += ch;
      ch = chars[pos];
    }
    word += ch;
  }
  return words;
}

/** extractBuilderFlags, byte by byte as in Go: the leading `--flag` words and what follows them. */
const NO_FLAGS: string[] = [];
const NON_ASCII = /[^\x00-\x7f]/;


function extractBuilderFlags(line: string, escape: string): [string, string[]] {
  if (!line.startsWith('--')) return [line, NO_FLAGS];
  // Go walks the line's bytes; for ASCII (nearly every line) its characters are those bytes.
  const ascii = !NON_ASCII.test(line);
  const buffer = ascii ? undefined : Buffer.from(line, 'utf8');
  const length = buffer ? buffer.length : line.length;
  const byteAt = buffer ? (pos: number) => buffer[pos] : (pos: number) => line.charCodeAt(pos);
  const esc = escape.charCodeAt(0);
  const space = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0x85 || b === 0xa0;
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  // The current word's bytes: one flat string per word at the end (a string grown by `+=` would be a
  // rope of one node per byte, kept alive by the instruction's flags).
  const word: number[] = [];
  // Go writes each byte as a rune (latin1); apply() only for short words, its arguments live on the stack.
  const wordText = () => (word.length < 1024 ? String.fromCharCode.apply(null, word) : Buffer.from(word).toString('latin1'));
  let quote = 0;
  let blankOK = false;
  const rest = (pos: number) => (ascii ? line.slice(pos) : (buffer as Buffer).subarray(pos).toString('utf8'));
  for (let pos = 0; pos <= length; pos++) {
    let ch = pos < length ? byteAt(pos) : -1;
    if (phase === 'spaces') {
      if (pos === length) break;
      if (space(ch)) continue;
      if (ch !== 0x2d || pos + 1 === length || byteAt(pos + 1) !== 0x2d) return [rest(pos), words];
      phase = 'word';
    }
    if (pos === length) {
      const text = wordText();
      if (text !== '--' && (blankOK || word.length > 0)) words.push(text);
      break;
    }
    if (phase === 'word') {
      if (space(ch)) {
        phase = 'spaces';
        const text = wordText();
        if (text === '--') return [rest(pos), words];
        if (blankOK || word.length > 0) words.push(text);
        word.length = 0;
        blankOK = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      if (ch === esc) {
        if (pos + 1 === length) continue;
        pos++;
        ch = byteAt(pos);
      }
      word.push(ch);
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === esc) {
      if (pos + 1 === length) {
        phase = 'word';
        continue;
      }
      pos++;
      ch = byteAt(pos);
    }
    word.push(ch);
  }
  return ['', words];
}
