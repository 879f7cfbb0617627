/**
 * What BuildKit's Dockerfile parser (frontend/dockerfile/parser: splitCommand, extractBuilderFlags and the
 * per-instruction line parsers) decides about one joined instruction line: its command word, `--flags`,
 * whether it is in JSON form, and the syntax errors it raises. The arguments themselves are read by
 * parser/arguments.ts; this module is only about agreeing with BuildKit on what is valid.
 */
import { goTrimSpace, isGoSpaceCode } from '../../utils/dockerignore-patterns';
import { goQuote } from './buildkit-words';
import { keywordSpelledInLowerCase, knownKeywordAt, upperCaseKeyword } from './keywords';

export class LineSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LineSyntaxError';
  }
}

export interface LineNode {
  /** Length of the command word as written. */
  commandLength: number;
  /** The command word upper-cased (the constant string for a known instruction). */
  keyword: string;
  flags: string[];
  /** Arguments after the flags, trimmed (BuildKit's `rest`). */
  rest: string;
  json: boolean;
  /** For ONBUILD: the instruction it wraps. */
  sub?: LineNode;
}

/** BuildKit's reWhitespace: `[\t\v\f\r ]`. */
const isSplitSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;

/**
 * Parses one joined instruction line, `line` or its part [lineStart, lineEnd), as newNodeFromLine does; throws
 * LineSyntaxError where BuildKit fails. (A one-line instruction is read in place in the file's text: characters of
 * a flat string are cheaper to read than those of a slice.)
 */
export function parseLine(line: string, escape: string, lineStart = 0, lineEnd = line.length): LineNode {
  // Offsets into `line` rather than trimmed copies: the line is Go-trimmed, then split at the first reWhitespace.
  let from = lineStart;
  let to = lineEnd;
  while (from < to && isGoSpaceCode(line.charCodeAt(from))) from++;
  while (to > from && isGoSpaceCode(line.charCodeAt(to - 1))) to--;
  let end = from;
  while (end < to && !isSplitSpace(line.charCodeAt(end))) end++;
  const known = knownKeywordAt(line, from, end);
  // Only a word that is no known keyword in any ASCII case needs its own string.
  const command = known === undefined ? line.slice(from, end) : '';
  let start = end;
  while (start < to && isSplitSpace(line.charCodeAt(start))) start++;
  let rest = '';
  let flags: string[] = NO_FLAGS;
  if (end < to) {
    const after = line.slice(start, to);
    if (after.startsWith('--')) [rest, flags] = extractBuilderFlags(after, escape);
    else rest = after;
    rest = goTrimSpace(rest);
  }
  const node: LineNode = { commandLength: end - from, keyword: known ?? upperCaseKeyword(command), flags, rest, json: false };
  // BuildKit dispatches on the lower-cased command word; a known keyword in any ASCII case is that keyword.
  switch (known ?? (command.length <= MAX_KEYWORD_LENGTH ? keywordSpelledInLowerCase(command.toLowerCase()) : undefined)) {
    case 'ENV':
      checkNameVal(rest, 'ENV', escape);
      break;
    case 'LABEL':
      checkNameVal(rest, 'LABEL', escape);
      break;
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      node.json = rest !== '' && parseJson(rest);
      break;
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      node.json = parseJson(rest);
      break;
    case 'HEALTHCHECK':
      node.json = healthcheckJson(rest);
      break;
    case 'ONBUILD':
      if (rest !== '') node.sub = parseLine(rest, escape);
      break;
    default:
  }
  return node;
}

/** Longer words cannot lower-case to a keyword (what lower-cases to ASCII keeps its length): not worth converting. */
const MAX_KEYWORD_LENGTH = 'healthcheck'.length;

/** True when BuildKit reads the node as JSON; throws when it is a JSON array of non-strings. */
function parseJson(rest: string): boolean {
  let start = 0;
  while (start < rest.length && isGoSpaceCode(rest.charCodeAt(start))) start++;
  if (rest.charCodeAt(start) !== 0x5b) return false; // '[': most instructions are not JSON, and cost no more
  if (isPlainStringArray(rest, start)) return true;
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

const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Characters that may follow a backslash in a JSON string (besides `u`, which the fast path leaves to JSON.parse). */
const JSON_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/**
 * True when text[from…] is certainly a JSON array of strings (`["sh", "-c", "…"]`), checked without building
 * it; false means "ask JSON.parse" (anything else, including every invalid text).
 */
function isPlainStringArray(text: string, from: number): boolean {
  let k = skipJsonSpace(text, from + 1);
  if (text.charCodeAt(k) === 0x5d) return skipJsonSpace(text, k + 1) === text.length;
  for (;;) {
    if (text.charCodeAt(k) !== 0x22) return false;
    for (k++; ; k++) {
      if (k >= text.length) return false;
      const c = text.charCodeAt(k);
      if (c === 0x22) break;
      if (c < 0x20) return false;
      if (c === 0x5c) {
        if (!JSON_ESCAPES.has(text.charCodeAt(k + 1))) return false;
        k++;
      }
    }
    k = skipJsonSpace(text, k + 1);
    const separator = text.charCodeAt(k);
    k = skipJsonSpace(text, k + 1);
    if (separator === 0x5d) return k === text.length;
    if (separator !== 0x2c) return false;
  }
}

function skipJsonSpace(text: string, from: number): number {
  let k = from;
  while (k < text.length && isJsonSpace(text.charCodeAt(k))) k++;
  return k;
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

/**
 * ENV/LABEL (parseNameVal): the errors only. Its words are those of BuildKit's parseWords: quotes and escapes
 * kept, split on Unicode white space outside quotes. BuildKit copies every character of a word but an escape
 * token that ends the line, so each word is a slice of `rest`; they are walked in place (a word's string is made
 * only for an error).
 */
function checkNameVal(rest: string, key: string, escape: string): void {
  // UTF-16 units, not code points: quotes, escapes and spaces are all single units, and a surrogate pair
  // lands in the same word either way.
  const esc = escape.charCodeAt(0);
  const length = rest.length;
  let first = true;
  let pos = 0;
  while (pos < length) {
    if (isGoSpaceCode(rest.charCodeAt(pos))) {
      pos++;
      continue;
    }
    const start = pos;
    let quote = 0; // The open quote's code, 0 outside quotes.
    for (; pos < length; pos++) {
      const c = rest.charCodeAt(pos);
      if (quote === 0 && isGoSpaceCode(c)) break;
      if (quote === 0 && (c === 0x27 || c === 0x22)) quote = c;
      else if (quote !== 0 && c === quote) quote = 0;
      else if (c === esc && quote !== 0x27) {
        if (pos + 1 === length) break; // A final escape token is dropped.
        pos++; // The escaped character is part of the word, whatever it is.
      }
    }
    if (pos > start) {
      const equals = rest.indexOf('=', start);
      const assigns = equals >= 0 && equals < pos;
      if (first && !assigns) {
        // The legacy `ENV name value` form: it needs the value.
        let k = 0;
        while (k < length && !isSplitSpace(rest.charCodeAt(k))) k++;
        if (k >= length) throw new LineSyntaxError(`${key} must have two arguments`);
        return;
      }
      first = false;
      if (!assigns) throw new LineSyntaxError(`Syntax error - can't find = in ${goQuote(rest.slice(start, pos))}. Must be of the form: name=value`);
    }
    if (pos + 1 === length && rest.charCodeAt(pos) === esc) break;
  }
}

const NO_FLAGS: string[] = [];
const NON_ASCII = /[^\x00-\x7f]/;

/** Go's unicode.IsSpace applied to a byte read as a rune (so 0x85 and 0xA0 count as spaces). */
const isByteSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0x85 || b === 0xa0;

/**
 * extractBuilderFlags, byte by byte as in Go: the leading `--flag` words and what follows them. Go walks the
 * line's bytes and writes each byte of a flag as a rune; for ASCII (nearly every line) the characters are those
 * bytes, and any other line is walked as the same string of its UTF-8 bytes, one latin1 character each.
 */
function extractBuilderFlags(line: string, escape: string): [string, string[]] {
  if (!NON_ASCII.test(line)) return flagsOfByteString(line, escape);
  const [rest, words] = flagsOfByteString(Buffer.from(line, 'utf8').toString('latin1'), escape);
  return [Buffer.from(rest, 'latin1').toString('utf8'), words];
}

/** extractBuilderFlags over a string of byte values (each character is one byte). */
function flagsOfByteString(line: string, escape: string): [string, string[]] {
  const length = line.length;
  const esc = escape.charCodeAt(0);
  const words: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < length && isByteSpace(line.charCodeAt(pos))) pos++;
    if (pos === length) return ['', words];
    if (line.charCodeAt(pos) !== 0x2d || pos + 1 === length || line.charCodeAt(pos + 1) !== 0x2d) return [line.slice(pos), words];
    // A word: a slice of the line unless quotes or escapes in it are dropped (then it is built code by code).
    const start = pos;
    let codes: number[] | undefined;
    let quote = 0; // The open quote's code, 0 outside quotes.
    for (; pos < length; pos++) {
      let c = line.charCodeAt(pos);
      if (quote === 0 && isByteSpace(c)) break;
      if (quote === 0 && (c === 0x27 || c === 0x22)) {
        codes ??= codesOf(line, start, pos);
        quote = c;
        continue;
      }
      if (quote !== 0 && c === quote) {
        quote = 0;
        continue;
      }
      if (c === esc) {
        codes ??= codesOf(line, start, pos);
        if (pos + 1 === length) {
          quote = 0;
          continue;
        }
        c = line.charCodeAt(++pos);
      }
      codes?.push(c);
    }
    // A word starts with `--`, so it is never empty and Go's blankOK cannot matter.
    const word = codes ? textOf(codes) : line.slice(start, pos);
    if (word === '--') return [pos === length ? '' : line.slice(pos), words];
    words.push(word);
  }
}

function codesOf(line: string, from: number, to: number): number[] {
  const codes: number[] = [];
  for (let k = from; k < to; k++) codes.push(line.charCodeAt(k));
  return codes;
}

/** The string of byte values read as runes (latin1); apply() only for short ones, its arguments live on the stack. */
function textOf(codes: number[]): string {
  return codes.length < 1024 ? String.fromCharCode.apply(null, codes) : Buffer.from(codes).toString('latin1');
}

