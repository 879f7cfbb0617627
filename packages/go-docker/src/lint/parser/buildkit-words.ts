/**
 * BuildKit's shell lexer (frontend/dockerfile/shell, `Lex.ProcessWords`) as its Dockerfile parser uses it to
 * find heredocs: no variables are set and unset ones are kept as written (`SkipUnsetEnv`), so only the word
 * splitting, quoting and the errors matter. Ported as is, quirks included: nested `${…}` words share one
 * buffer with the word around them, exactly as in Go.
 */

export class ShellLexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLexError';
  }
}

export interface LexOptions {
  rawQuotes: boolean;
  rawEscapes: boolean;
}

const EOF = '';
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/** unicode.IsSpace */
export function isGoSpace(c: string): boolean {
  switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case '\u0085':
    case '\u00a0':
    case '\u1680':
    case '\u2028':
    case '\u2029':
    case '\u202f':
    case '\u205f':
    case '\u3000':
      return true;
    default:
      return c >= '\u2000' && c <= '\u200a';
  }
}

/** Not the escape token, `$`, `<`, a quote, the stop character or white space: processStopOn adds it as it is. */
function isPlainChar(c: string, stopChar: string): boolean {
  return c !== '\\' && c !== '$' && c !== '<' && c !== "'" && c !== '"' && c !== stopChar && !isGoSpace(c);
}

const isDigit = (c: string) => c !== EOF && /^\p{Nd}$/u.test(c);
const isLetter = (c: string) => c !== EOF && /^\p{L}$/u.test(c);

/** Words of `source` as `ProcessWords` returns them (escape token `\`); throws ShellLexError where Go errors. */
export function processWords(source: string, options: LexOptions): string[] {
  const chars = Array.from(source);
  // Without characters outside the BMP, chars[i] is source[i]: a run of plain characters is a slice of the source.
  const slicesSource = chars.length === source.length;
  // text/scanner drops a byte order mark at the very start.
  let pos = chars[0] === '\ufeff' ? 1 : 0;
  const peek = () => (pos < chars.length ? chars[pos] : EOF);
  const next = () => (pos < chars.length ? chars[pos++] : EOF);
  let rawEscapes = options.rawEscapes;
  const shared = { buf: '' }; // Go's shellWord.wordsBuffer, shared by nested calls.

  const processStopOn = (stopChar: string, raw: boolean, preservePatternEscapes: boolean): { result: string; words: string[] } => {
    let result = '';
    shared.buf = '';
    const words: string[] = [];
    let inWord = false;
    const addRawChar = (c: string) => {
      shared.buf += c;
      inWord = true;
    };
    const addChar = (c: string) => {
      if (isGoSpace(c)) {
        if (inWord && shared.buf.length !== 0) {
          words.push(shared.buf);
          shared.buf = '';
          inWord = false;
        }
      } else addRawChar(c);
    };
    const getWords = () => {
      if (shared.buf.length > 0) {
        words.push(shared.buf);
        shared.buf = '';
        inWord = false;
      }
      return words;
    };
    const saved = rawEscapes;
    const restore = raw !== rawEscapes;
    if (restore) rawEscapes = raw;
    try {
      while (peek() !== EOF) {
        const ch = peek();
        if (stopChar !== EOF && ch === stopChar) {
          next();
          return { result, words: getWords() };
        }
        if (ch === '$' || ch === '<' || ch === "'" || ch === '"') {
          const tmp = ch === '$' ? processDollar() : ch === '<' ? processPossibleHeredoc() : ch === "'" ? processSingleQuote(preservePatternEscapes) : processDoubleQuote(preservePatternEscapes);
          result += tmp;
          if (ch === '$') for (const c of tmp) addChar(c);
          else {
            shared.buf += tmp;
            inWord = true;
          }
          continue;
        }
        if (slicesSource && isPlainChar(ch, stopChar)) {
          // A run of characters that are neither special, the stop character nor white space: each would be
          // added to the word and the result as it is, so they are added at once.
          let end = pos + 1;
          while (end < chars.length && isPlainChar(chars[end], stopChar)) end++;
          const run = source.slice(pos, end);
          pos = end;
          addRawChar(run);
          result += run;
          continue;
        }
        let c = next();
        if (c === '\\') {
          if (rawEscapes) {
            addRawChar(c);
            result += c;
          }
          c = next();
          if (c === EOF) break;
          addRawChar(c);
        } else addChar(c);
        result += c;
      }
      if (stopChar !== EOF) throw new ShellLexError(`unexpected end of statement while looking for matching ${stopChar}`);
      return { result, words: getWords() };
    } finally {
      if (restore) rawEscapes = saved;
    }
  };

  const processSingleQuote = (preservePatternEscapes: boolean): string => {
    let result = '';
    let ch = next();
    if (options.rawQuotes) result += ch;
    for (;;) {
      ch = next();
      if (ch === EOF) throw new ShellLexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (options.rawQuotes) result += ch;
        return result;
      }
      if (preservePatternEscapes && ch === '\\') result += ch;
      result += ch;
    }
  };

  const processDoubleQuote = (preservePatternEscapes: boolean): string => {
    let result = '';
    const open = next();
    if (options.rawQuotes) result += open;
    for (;;) {
      const p = peek();
      if (p === EOF) throw new ShellLexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const ch = next();
        if (options.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result += processDollar();
        continue;
      }
      let ch = next();
      if (ch === '\\') {
        const after = peek();
        if (after === EOF) continue;
        if (after === '"' || after === '$' || after === '\\') {
          if (rawEscapes) result += ch;
          ch = next();
        } else if (rawEscapes && (!options.rawQuotes || preservePatternEscapes)) result += ch;
      }
      result += ch;
    }
  };

  const processName = (): string => {
    let name = '';
    while (peek() !== EOF) {
      const ch = peek();
      if (name.length === 0 && isDigit(ch)) {
        while (peek() !== EOF && isDigit(peek())) name += next();
        return name;
      }
      if (name.length === 0 && SPECIAL_PARAMS.has(ch)) return next();
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      name += next();
    }
    return name;
  };

  const processDollar = (): string => {
    next();
    if (peek() !== '{') {
      const name = processName();
      return name === '' ? '$' : `$${name}`;
    }
    next();
    const first = peek();
    if (first === EOF) throw new ShellLexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ShellLexError('syntax error: bad substitution');
    const name = processName();
    let ch = next();
    let chs = ch === EOF ? '\ufffd' : ch;
    switch (ch) {
      case '}':
        return `\${${name}}`;
      case ':':
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        const nullIsUnset = ch === ':';
        if (nullIsUnset) {
          ch = next();
          chs += ch === EOF ? '\ufffd' : ch;
        }
        const raw = ch === '#' || ch === '%';
        if (nullIsUnset && raw) throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
        let word: string;
        try {
          word = processStopOn('}', raw, raw).result;
        } catch (error) {
          if (peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
          throw error;
        }
        return `\${${name}${chs}${word}}`;
      }
      case '/': {
        if (peek() === '/') next();
        let pattern: string;
        try {
          pattern = processStopOn('/', true, true).result;
        } catch (error) {
          if (peek() === EOF) throw new ShellLexError("syntax error: missing '/' in ${}");
          throw error;
        }
        let replacement: string;
        try {
          replacement = processStopOn('}', true, false).result;
        } catch (error) {
          if (peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
          throw error;
        }
        return `\${${name}/${pattern}/${replacement}}`;
      }
      default:
        throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
    }
  };

  const processPossibleHeredoc = (): string => {
    next();
    if (peek() !== '<') return '<';
    next();
    let space = '';
    while (peek() === '\t' || peek() === '\r' || peek() === ' ') space += next();
    return `<<${space}`;
  };

  try {
    return processStopOn(EOF, rawEscapes, false).words;
  } catch (error) {
    if (error instanceof ShellLexError) throw new ShellLexError(`failed to process ${goQuote(source)}: ${error.message}`);
    throw error;
  }
}

/** Go's %q / strconv.Quote for the strings BuildKit puts in error messages. */
export function goQuote(text: string): string {
  let out = '"';
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\v') out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]$/u.test(c)) out += code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}
