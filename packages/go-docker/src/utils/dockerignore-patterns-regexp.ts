/**
 * Go's regexp syntax (RE2, as `regexp.Compile` reads it) translated to an equivalent JavaScript RegExp, for
 * the regular expressions moby/patternmatcher builds from ignore patterns. Those pass `[`, `]`, `^` and
 * `\x` escapes of the pattern straight into the expression, so character classes, POSIX classes, Perl
 * escapes and Go's error cases must all behave as in Go. Every character is emitted as an explicit code point
 * or range so JavaScript's different ideas of `.`, `\s` and `[]` never apply.
 */

export class GoRegexpError extends Error {
  constructor(message: string) {
    super(`error parsing regexp: ${message}`);
    this.name = 'GoRegexpError';
  }
}

type Ranges = [number, number][];
const MAX_RUNE = 0x10ffff;

const r = (pairs: string): Ranges => {
  const out: Ranges = [];
  for (let k = 0; k < pairs.length; k += 2) out.push([pairs.charCodeAt(k), pairs.charCodeAt(k + 1)]);
  return out;
};

/** Go's perlGroup: \d \s \w (ASCII only). */
const PERL: Record<string, Ranges> = { d: r('09'), s: r('\t\n\f\r  '), w: r('09AZ__az') };
/** Go's posixGroup. */
const POSIX: Record<string, Ranges> = {
  alnum: r('09AZaz'),
  alpha: r('AZaz'),
  ascii: [[0, 0x7f]],
  blank: r('\t\t  '),
  cntrl: [[0, 0x1f], [0x7f, 0x7f]],
  digit: r('09'),
  graph: r('!~'),
  lower: r('az'),
  print: r(' ~'),
  punct: r('!/:@[`{~'),
  space: r('\t\r  '),
  upper: r('AZ'),
  word: r('09AZ__az'),
  xdigit: r('09AFaf'),
};

function negate(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

const hex = (c: number) => `\\u{${c.toString(16)}}`;
const classOf = (ranges: Ranges, extra = '') => `[${ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('')}${extra}]`;

/** Go's canonicalName: `_`, `-` and spaces dropped, first letter upper-cased, the rest lower-cased. */
function canonicalName(name: string): string {
  let out = '';
  let first = true;
  for (const c of name) {
    if (c === '_' || c === '-' || c === ' ') continue;
    if (first) {
      out += c >= 'a' && c <= 'z' ? c.toUpperCase() : c;
      first = false;
    } else out += c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
  }
  return out;
}

/** Unicode classes (Go's unicodeTable) as JavaScript property escapes; null when Go knows no such name. */
function unicodeProperty(written: string): string | null {
  // Two-letter category names keep their case in Go's table lookup only after canonicalization (Lu, Nd…).
  const name = canonicalName(written);
  if (name === 'Any') return '\\p{Any}';
  if (name === 'Assigned') return '\\p{Assigned}';
  if (name === 'Ascii') return '\\p{ASCII}';
  if (name === 'Lc') return '\\p{LC}';
  if (/^[A-Z][a-z]?$/.test(name) || /^[A-Z][a-z]+(?:[A-Z][a-z]+)*$/.test(name)) {
    for (const candidate of [`\\p{General_Category=${name}}`, `\\p{Script=${name}}`]) {
      try {
        new RegExp(candidate, 'u');
        return candidate;
      } catch {
        // not this kind of name
      }
    }
  }
  return null;
}

/** Go's parseRepeat: `{n}`, `{n,}`, `{n,m}` at s[at]; null when it is a literal `{`. */
function parseRepeat(s: string[], at: number): { min: number; max: number; end: number } | null {
  let i = at + 1;
  const parseInt = (): number | null => {
    const start = i;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
    if (i === start) return null;
    if (i - start >= 2 && s[start] === '0') return null; // Go disallows leading zeros.
    const digits = s.slice(start, i).join('');
    return digits.length > 8 ? -1 : Number(digits);
  };
  let min = parseInt();
  if (min === null || i >= s.length) return null;
  let max: number;
  if (s[i] !== ',') max = min;
  else {
    i++;
    if (i >= s.length) return null;
    if (s[i] === '}') max = -1;
    else {
      const parsed = parseInt();
      if (parsed === null) return null;
      max = parsed;
      if (max < 0) min = -1;
    }
  }
  if (i >= s.length || s[i] !== '}') return null;
  return { min, max, end: i + 1 };
}

const unhex = (c: string) => (/^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1);
const isAlnum = (c: string) => /^[0-9A-Za-z]$/.test(c);

/** Translates a Go regular expression (Perl flags: `^`/`$` match at text ends, `.` excludes `\n`). */
export function goRegexpToJs(source: string): RegExp {
  const s = Array.from(source);
  let i = 0;
  let out = '';
  /** Kinds of what the parser stack holds last: for "missing argument to repetition operator". */
  let last: 'none' | 'atom' | 'paren' | 'bar' = 'none';
  let lastRepeat = '';
  let depth = 0;

  /** Parses an escape at s[i] === '\\' to one rune (Go's parseEscape). */
  const parseEscape = (): number => {
    const start = i;
    i++;
    if (i >= s.length) throw new GoRegexpError('trailing backslash at end of expression: ``');
    const c = s[i++];
    const invalid = () => new GoRegexpError(`invalid escape sequence: \`${s.slice(start, i).join('')}\``);
    if (c.codePointAt(0)! < 0x80 && !isAlnum(c)) return c.codePointAt(0)!;
    if (c >= '0' && c <= '7') {
      if (c !== '0' && !(i < s.length && s[i] >= '0' && s[i] <= '7')) throw invalid();
      let value = c.charCodeAt(0) - 48;
      for (let k = 1; k < 3 && i < s.length && s[i] >= '0' && s[i] <= '7'; k++) value = value * 8 + s[i++].charCodeAt(0) - 48;
      return value;
    }
    switch (c) {
      case 'x': {
        if (i >= s.length) throw invalid();
        const d = s[i++];
        if (d === '{') {
          let value = 0;
          let digits = 0;
          for (;;) {
            if (i >= s.length) throw invalid();
            const e = s[i++];
            if (e === '}') break;
            const v = unhex(e);
            if (v < 0) throw invalid();
            value = value * 16 + v;
            if (value > MAX_RUNE) throw invalid();
            digits++;
          }
          if (digits === 0) throw invalid();
          return value;
        }
        const x = unhex(d);
        if (i >= s.length) throw invalid();
        const y = unhex(s[i++]);
        if (x < 0 || y < 0) throw invalid();
        return x * 16 + y;
      }
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      default:
        throw invalid();
    }
  };

  /** `\d`-style class at s[i], as ranges; null when s[i..] is not one. */
  const perlClass = (): Ranges | null => {
    if (s[i] !== '\\' || i + 1 >= s.length) return null;
    const c = s[i + 1];
    const base = PERL[c.toLowerCase()];
    if (!base || !/[dswDSW]/.test(c)) return null;
    i += 2;
    return c === c.toLowerCase() ? base : negate(base);
  };

  /** `\pL`, `\p{Greek}`, `\PL`, `\p{^Greek}` at s[i], as a JavaScript class fragment; null when not one. */
  const unicodeClass = (): { fragment: string; negated: boolean } | null => {
    if (s[i] !== '\\' || (s[i + 1] !== 'p' && s[i + 1] !== 'P')) return null;
    let negated = s[i + 1] === 'P';
    const start = i;
    if (i + 2 >= s.length) throw new GoRegexpError(`invalid character class range: \`${s.slice(start).join('')}\``);
    let name: string;
    if (s[i + 2] !== '{') {
      name = s[i + 2];
      i += 3;
    } else {
      const end = s.indexOf('}', i);
      if (end < 0) throw new GoRegexpError(`invalid character class range: \`${s.slice(start).join('')}\``);
      name = s.slice(i + 3, end).join('');
      i = end + 1;
    }
    const seq = s.slice(start, i).join('');
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const property = unicodeProperty(name);
    if (!property) throw new GoRegexpError(`invalid character class range: \`${seq}\``);
    return { fragment: negated ? property.replace('\\p', '\\P') : property, negated: false };
  };

  const parseClass = (): string => {
    const start = i;
    i++; // [
    let negated = false;
    if (i < s.length && s[i] === '^') {
      negated = true;
      i++;
    }
    const ranges: Ranges = [];
    const fragments: string[] = [];
    let first = true;
    const missing = () => new GoRegexpError(`missing closing ]: \`${s.slice(start).join('')}\``);
    while (i >= s.length || s[i] !== ']' || first) {
      if (i >= s.length) throw missing();
      first = false;
      if (s.length - i > 2 && s[i] === '[' && s[i + 1] === ':') {
        const close = s.slice(i + 2).join('').indexOf(':]');
        if (close >= 0) {
          const rest = s.slice(i + 2).join('');
          const nameText = rest.slice(0, close);
          const length = Array.from(`[:${nameText}:]`).length;
          const negatedPosix = nameText.startsWith('^');
          const group = POSIX[negatedPosix ? nameText.slice(1) : nameText];
          if (!group) throw new GoRegexpError(`invalid character class range: \`[:${nameText}:]\``);
          ranges.push(...(negatedPosix ? negate(group) : group));
          i += length;
          continue;
        }
      }
      const unicode = unicodeClass();
      if (unicode) {
        fragments.push(unicode.fragment);
        continue;
      }
      const perl = perlClass();
      if (perl) {
        ranges.push(...perl);
        continue;
      }
      const rangeStart = i;
      const classChar = (): number => {
        if (i >= s.length) throw missing();
        if (s[i] === '\\') return parseEscape();
        return s[i++].codePointAt(0)!;
      };
      const lo = classChar();
      let hi = lo;
      if (s.length - i >= 2 && s[i] === '-' && s[i + 1] !== ']') {
        i++;
        hi = classChar();
        if (hi < lo) throw new GoRegexpError(`invalid character class range: \`${s.slice(rangeStart, i).join('')}\``);
      }
      ranges.push([lo, hi]);
    }
    i++; // ]
    if (negated) {
      if (fragments.length === 0) return classOf(negate(ranges));
      return `[^${ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('')}${fragments.join('')}]`;
    }
    if (ranges.length === 0 && fragments.length === 0) return '[]';
    return classOf(ranges, fragments.join(''));
  };

  while (i < s.length) {
    const c = s[i];
    let repeat = '';
    switch (c) {
      case '(':
        if (s[i + 1] === '?') throw new GoRegexpError(`missing argument to repetition operator: \`?\``); // not produced by patterns
        out += '(?:';
        depth++;
        i++;
        last = 'paren';
        break;
      case ')':
        if (depth === 0) throw new GoRegexpError(`unexpected ): \`${source}\``);
        depth--;
        out += ')';
        i++;
        last = 'atom';
        break;
      case '|':
        out += '|';
        i++;
        last = 'bar';
        break;
      case '^':
        // Go may repeat an empty-width assertion (`^{2}`); JavaScript only a group holding one.
        out += '(?:^)';
        i++;
        last = 'atom';
        break;
      case '$':
        out += '(?:$)';
        i++;
        last = 'atom';
        break;
      case '.':
        out += '[^\\n]';
        i++;
        last = 'atom';
        break;
      case '[':
        out += parseClass();
        last = 'atom';
        break;
      case '*':
      case '+':
      case '?': {
        const before = i;
        i++;
        const nonGreedy = s[i] === '?';
        if (nonGreedy) i++;
        const written = s.slice(before, i).join('');
        if (lastRepeat !== '') throw new GoRegexpError(`invalid nested repetition operator: \`${lastRepeat}${written}\``);
        if (last !== 'atom') throw new GoRegexpError(`missing argument to repetition operator: \`${written}\``);
        out += written;
        repeat = written;
        break;
      }
      case '{': {
        const parsed = parseRepeat(s, i);
        if (!parsed) {
          out += hex(123);
          i++;
          last = 'atom';
          break;
        }
        const { min, max, end } = parsed;
        const before = i;
        i = end;
        if (s[i] === '?') i++;
        const written = s.slice(before, i).join('');
        if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) throw new GoRegexpError(`invalid repeat count: \`${s.slice(before, end).join('')}\``);
        if (lastRepeat !== '') throw new GoRegexpError(`invalid nested repetition operator: \`${lastRepeat}${written}\``);
        if (last !== 'atom') throw new GoRegexpError(`missing argument to repetition operator: \`${written}\``);
        out += `{${min},${max < 0 ? '' : max}}${s[i - 1] === '?' && i - 1 >= end ? '?' : ''}`;
        repeat = written;
        break;
      }
      case '\\': {
        const next = s[i + 1];
        if (next === 'A' || next === 'z' || next === 'b' || next === 'B') {
          out += next === 'A' ? '(?:^)' : next === 'z' ? '(?:$)' : next === 'b' ? '(?:\\b)' : '(?:\\B)';
          i += 2;
          last = 'atom';
          break;
        }
        if (next === 'C') throw new GoRegexpError('invalid escape sequence: `\\C`');
        if (next === 'Q') {
          const rest = s.slice(i + 2).join('');
          const end = rest.indexOf('\\E');
          const literal = end < 0 ? rest : rest.slice(0, end);
          for (const ch of literal) {
            out += hex(ch.codePointAt(0)!);
            last = 'atom';
          }
          i += 2 + Array.from(literal).length + (end < 0 ? 0 : 2);
          break;
        }
        const unicode = unicodeClass();
        if (unicode) {
          out += `[${unicode.fragment}]`;
          last = 'atom';
          break;
        }
        const perl = perlClass();
        if (perl) {
          out += classOf(perl);
          last = 'atom';
          break;
        }
        out += hex(parseEscape());
        last = 'atom';
        break;
      }
      default:
        out += hex(c.codePointAt(0)!);
        i++;
        last = 'atom';
    }
    lastRepeat = repeat;
  }
  if (depth !== 0) throw new GoRegexpError(`missing closing ): \`${source}\``);
  return new RegExp(out, 'u');
}
