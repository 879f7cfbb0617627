/**
 * A small shell-ish tokenizer: enough of POSIX sh to find commands, their words and where each
 * word sits in the text (so fixes can edit by range). It never throws: odd input yields odd words.
 */

export interface Word {
  kind: 'word';
  /** The word with quotes removed and backslash escapes applied; `$VAR` expansions kept verbatim. */
  value: string;
  /** Offsets into the tokenized text, [start, end). */
  start: number;
  end: number;
  /** True when the word contains an unquoted or double-quoted `$` or a backtick (it needs expansion). */
  expands: boolean;
}

export interface Operator {
  kind: 'op';
  /** `&&`, `||`, `;`, `|`, `&`, `(`, `)`, `\n`, or `redir` for redirections. */
  op: string;
  start: number;
  end: number;
}

export interface HeredocMarker {
  kind: 'heredoc';
  name: string;
  /** `<<-NAME`: leading tabs are stripped from the body and the terminator. */
  stripTabs: boolean;
  start: number;
  end: number;
}

export type ShellToken = Word | Operator | HeredocMarker;

/** Characters that end a word and start an operator: `;&|()<>` and the newline. */
const OPERATOR = new Uint8Array(128);
for (const c of ';&|()<>\n') OPERATOR[c.charCodeAt(0)] = 1;

function isOperator(code: number): boolean {
  return code < 128 && OPERATOR[code] === 1;
}
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/y;

/** ASCII characters with no special meaning inside a word (everything non-ASCII is ordinary too). */
const PLAIN = new Uint8Array(128).fill(1);
for (const c of ' \t\r\n;&|()<>\\\'"$`') PLAIN[c.charCodeAt(0)] = 0;

function isPlain(code: number): boolean {
  return code >= 128 || PLAIN[code] === 1;
}

function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** Index just past the expansion starting at `i` (`$(...)`, `${...}`, `` `...` ``), balancing brackets. */
function skipExpansion(text: string, i: number): number {
  const open = text[i] === '`' ? '`' : text[i + 1];
  if (open === '`') {
    const close = text.indexOf('`', i + 1);
    return close < 0 ? text.length : close + 1;
  }
  const pair = open === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === pair[0]) depth++;
    else if (c === pair[1] && --depth === 0) return j + 1;
  }
  return text.length;
}

export function tokenizeShell(text: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isBlankCode(code)) {
      i++;
      continue;
    }
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of the line (only at the start of a word, which is where we are).
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (isOperator(code)) {
      const start = i;
      if (c === '<') {
        HEREDOC.lastIndex = i;
        const heredoc = i + 1 < text.length && text[i + 1] === '<' ? HEREDOC.exec(text) : null;
        if (heredoc && text[i + 2] !== '<') {
          i += heredoc[0].length;
          tokens.push({ kind: 'heredoc', name: heredoc[3], stripTabs: heredoc[1] === '-', start, end: i });
          continue;
        }
      }
      if (c === '<' || c === '>') {
        while (i < text.length && (text[i] === '<' || text[i] === '>' || text[i] === '&' || text[i] === '|')) i++;
        tokens.push({ kind: 'op', op: 'redir', start, end: i });
        continue;
      }
      // Bounds checked: reading past the end would make V8 throw away the optimized code.
      const doubled = i + 1 < text.length && text[i + 1] === c;
      const op = doubled && c === '&' ? '&&' : doubled && c === '|' ? '||' : doubled && c === ';' ? ';;' : c;
      i += op.length;
      tokens.push({ kind: 'op', op, start, end: i });
      continue;
    }
    // A word.
    const start = i;
    let value = '';
    let expands = false;
    while (i < text.length) {
      const chCode = text.charCodeAt(i);
      if (isBlankCode(chCode) || isOperator(chCode)) break;
      const ch = text[i];
      if (ch === '\\') {
        if (text[i + 1] !== '\n' && i + 1 < text.length) value += text[i + 1];
        i += 2;
      } else if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const end = close < 0 ? text.length : close;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          const q = text[i];
          // Only before one of these does a backslash escape inside double quotes; a last backslash is itself.
          if (q === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
            if (text[i + 1] !== '\n') value += text[i + 1];
            i += 2;
          } else if (q === '$' && i + 1 < text.length && (text[i + 1] === '(' || text[i + 1] === '{')) {
            const end = skipExpansion(text, i);
            value += text.slice(i, end);
            expands = true;
            i = end;
          } else if (q === '$' || q === '`' || q === '\\') {
            expands ||= q !== '\\';
            value += q;
            i++;
          } else {
            // Fast path: a run of characters with no meaning inside double quotes.
            let j = i + 1;
            while (j < text.length && text[j] !== '"' && text[j] !== '\\' && text[j] !== '$' && text[j] !== '`') j++;
            value += text.slice(i, j);
            i = j;
          }
        }
        i++;
      } else if ((ch === '$' && i + 1 < text.length && (text[i + 1] === '(' || text[i + 1] === '{')) || ch === '`') {
        const end = skipExpansion(text, i);
        value += text.slice(i, end);
        expands = true;
        i = end;
      } else if (ch === '$') {
        expands = true;
        value += ch;
        i++;
      } else {
        // Fast path: take a whole run of ordinary characters at once.
        let j = i + 1;
        while (j < text.length && isPlain(text.charCodeAt(j))) j++;
        value += text.slice(i, j);
        i = j;
      }
    }
    tokens.push({ kind: 'word', value, start, end: Math.min(i, text.length), expands });
  }
  return tokens;
}

/** The words of `text` only (for instruction arguments such as ENV/ARG/COPY where shell operators do not apply). */
export function splitWords(text: string): Word[] {
  const simple = splitOnBlanks(text);
  if (simple) return simple;
  // Operators are not special in instruction arguments, so tokenize with them treated as plain characters.
  const words: Word[] = [];
  let current: Word | undefined;
  for (const token of tokenizeShell(text)) {
    if (token.kind === 'word' && current && current.end === token.start) {
      current.value += token.value;
      current.end = token.end;
      current.expands ||= token.expands;
      continue;
    }
    if (token.kind === 'word') {
      current = token; // The tokens are ours alone: merge into them in place.
      words.push(current);
    } else if (token.kind === 'op' && token.op !== '\n') {
      const raw = text.slice(token.start, token.end);
      if (current && current.end === token.start) {
        current.value += raw;
        current.end = token.end;
      } else {
        current = { kind: 'word', value: raw, start: token.start, end: token.end, expands: false };
        words.push(current);
      }
    } else {
      current = undefined;
    }
  }
  return words;
}

/**
 * Simple commands of the tokens from `from` on: runs of words between control operators; redirections and their
 * targets are dropped.
 */
export function splitCommands(tokens: ShellToken[], from = 0): Word[][] {
  const commands: Word[][] = [];
  let current: Word[] = [];
  let skipNext = false;
  for (let t = from; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.kind === 'word') {
      if (skipNext) {
        skipNext = false;
        continue;
      }
      current.push(token);
    } else if (token.kind === 'op' && token.op === 'redir') {
      // `2>&1`: the fd number glued to the operator is not an argument; the next word is the target.
      const last = current[current.length - 1];
      if (last && last.end === token.start && /^\d+$/.test(last.value)) current.pop();
      skipNext = true;
    } else if (token.kind === 'op') {
      skipNext = false;
      if (current.length > 0) commands.push(current);
      current = [];
    }
  }
  if (current.length > 0) commands.push(current);
  return commands;
}

/** Characters after which blanks alone no longer split text correctly: quoting, escapes, substitutions, operators. */
const NOT_SIMPLE = new Uint8Array(128);
for (const c of '\'"\\`()<>;&|\n') NOT_SIMPLE[c.charCodeAt(0)] = 1;

/** JavaScript's `\s`: a `${…}` with one of these inside is one word to the shell, not to a split on blanks. */
const JS_SPACE = /\s/;

/**
 * Fast path of splitWords for the common case (`golang:1.26 AS build`, `A=1 B=2`, `--from=build /a /b`):
 * undefined when the text has quoting, escapes, substitutions, operators or a `${…}` with white space in it.
 */
function splitOnBlanks(text: string): Word[] | undefined {
  const words: Word[] = [];
  const length = text.length;
  let bracesCheckedTo = 0; // Every `${` before this offset is known to close (or run out) without white space.
  let i = 0;
  while (i < length) {
    while (i < length && isBlankCode(text.charCodeAt(i))) i++;
    if (i >= length) break;
    const start = i;
    let expands = false;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (isBlankCode(c)) break;
      if (c < 128 && NOT_SIMPLE[c] === 1) return undefined;
      if (c !== 0x24) continue; // '$'
      expands = true;
      if (i + 1 < length && text.charCodeAt(i + 1) === 0x7b && i + 2 > bracesCheckedTo) {
        let j = i + 2;
        while (j < length && text.charCodeAt(j) !== 0x7d) {
          const code = text.charCodeAt(j);
          if (code === 32 || (code >= 9 && code <= 13) || (code >= 128 && JS_SPACE.test(text[j]))) return undefined;
          j++;
        }
        bracesCheckedTo = j;
      }
    }
    words.push({ kind: 'word', value: text.slice(start, i), start, end: i, expands });
  }
  return words;
}
