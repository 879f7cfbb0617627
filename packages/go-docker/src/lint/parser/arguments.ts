/** Instruction-specific argument parsing: flags, FROM, COPY/ADD, ENV/ARG, RUN mounts. */
import { Instruction } from './instructions';
import { splitWords, Word } from './shell-words';

export interface Flag {
  name: string;
  /** Undefined for a bare boolean flag such as `--link`. */
  value?: string;
  word: Word;
}

export interface FlaggedArguments {
  flags: Flag[];
  /** The words after the leading `--flags`. */
  rest: Word[];
}

/**
 * Where the name of a `--name[=value]` word ends, the name starting at `from`: a letter, then letters, digits
 * and `-` (and `_` when `underscore`), then the end of the word or `=`. -1 when the word is no such flag.
 */
export function flagNameEnd(word: string, from: number, underscore: boolean): number {
  // Bounds checked: reading past the end would make V8 throw away the optimized code.
  if (from >= word.length || !isAsciiLetter(word.charCodeAt(from))) return -1;
  let end = from + 1;
  for (; end < word.length; end++) {
    const c = word.charCodeAt(end);
    if (!isAsciiLetter(c) && !(c >= 0x30 && c <= 0x39) && c !== 0x2d && !(underscore && c === 0x5f)) break;
  }
  return end === word.length || word.charCodeAt(end) === 0x3d ? end : -1;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The leading `--name[=value]` words (BuildKit-style flags) and the words after them. */
export function splitFlags(words: Word[]): FlaggedArguments {
  const flags: Flag[] = [];
  let k = 0;
  for (; k < words.length; k++) {
    const word = words[k].value;
    const end = word.startsWith('--') ? flagNameEnd(word, 2, false) : -1;
    if (end < 0) break;
    flags.push({ name: word.slice(2, end).toLowerCase(), value: end < word.length ? word.slice(end + 1) : undefined, word: words[k] });
  }
  return { flags, rest: k === 0 ? words : words.slice(k) };
}

export function flagValues(flags: Flag[], name: string): string[] {
  return flags.filter((f) => f.name === name).map((f) => f.value ?? '');
}

export interface FromArguments {
  flags: Flag[];
  image?: Word;
  stageName?: string;
  platform?: Flag;
}

export function parseFrom(instruction: Instruction): FromArguments {
  const { flags, rest } = splitFlags(splitWords(instruction.args));
  const as = rest.findIndex((w, k) => k > 0 && w.value.length === 2 && w.value.toLowerCase() === 'as');
  return {
    flags,
    image: rest[0],
    stageName: as > 0 ? rest[as + 1]?.value.toLowerCase() : undefined,
    platform: flags.find((f) => f.name === 'platform'),
  };
}

export interface CopyArguments {
  flags: Flag[];
  /** `--from` value, lower-cased. */
  from?: string;
  sources: string[];
  destination?: string;
  /** True for `COPY <<EOF /dest` (content written inline, not from the context). */
  inline: boolean;
}

/** Memoized: several rules look at the same COPY. */
export function parseCopy(instruction: Instruction): CopyArguments {
  return (instruction.memo.copy ??= parseCopyUncached(instruction)) as CopyArguments;
}

function parseCopyUncached(instruction: Instruction): CopyArguments {
  const { flags, rest } = splitFlags(splitWords(instruction.args));
  const from = flags.find((f) => f.name === 'from')?.value?.toLowerCase();
  let paths = rest.map((w) => w.value);
  // The JSON form needs a `[`; most COPYs have none and need no trimmed copy of their arguments.
  const text = rest.length > 0 && instruction.args.includes('[') ? instruction.args.slice(rest[0].start).trim() : '';
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) paths = parsed;
    } catch {
      // Not JSON after all: keep the shell-form words.
    }
  }
  const inline = instruction.heredocs.length > 0 && rest.some((w) => w.value.startsWith('<<'));
  const sources: string[] = [];
  for (let k = 0; k < paths.length - 1; k++) if (!paths[k].startsWith('<<')) sources.push(paths[k]);
  return { flags, from, sources, destination: paths[paths.length - 1], inline };
}

export interface KeyValue {
  key: string;
  /** Undefined for `ARG NAME` without a default. */
  value?: string;
  word: Word;
}

/** `ENV A=1 B=2`, legacy `ENV A 1 2`, `ARG A`, `ARG A=1 B` (memoized). */
export function parseKeyValues(instruction: Instruction): KeyValue[] {
  return (instruction.memo.keyValues ??= parseKeyValuesUncached(instruction)) as KeyValue[];
}

function parseKeyValuesUncached(instruction: Instruction): KeyValue[] {
  const words = splitWords(instruction.args);
  if (words.length === 0) return [];
  if (instruction.keyword === 'ENV' && !words[0].value.includes('=')) {
    const rest = words.length > 1 ? instruction.args.slice(words[1].start).trim() : '';
    return [{ key: words[0].value, value: rest, word: words[0] }];
  }
  return words.map((word) => {
    const eq = word.value.indexOf('=');
    return eq < 0 ? { key: word.value, word } : { key: word.value.slice(0, eq), value: word.value.slice(eq + 1), word };
  });
}

export interface Mount {
  type: string;
  target?: string;
  source?: string;
  from?: string;
}

/** `--mount=type=cache,target=/go/pkg/mod` (CSV; keys `dst`/`destination` and `src` are aliases). */
/**
 * The fields of a mount spec as BuildKit's CSV reader splits them: a field that starts with `"` is quoted
 * (commas inside it are data, `""` is one quote). Quotes inside an unquoted field stay (Go's reader would
 * reject them; the lint reads on and lets the value's own quotes be stripped below).
 */
function csvFields(spec: string): string[] {
  if (!spec.includes('"')) {
    // Nothing quoted (nearly every mount): the fields between commas, less an empty last one.
    const fields = spec.split(',');
    if (fields[fields.length - 1] === '') fields.pop();
    return fields;
  }
  const fields: string[] = [];
  let i = 0;
  while (i <= spec.length) {
    let field = '';
    if (spec[i] === '"') {
      for (i++; i < spec.length; i++) {
        if (spec[i] !== '"') {
          field += spec[i];
        } else if (spec[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          break;
        }
      }
      i++;
    }
    const comma = nextUnquotedComma(spec, i);
    field += spec.slice(i, comma);
    if (field !== '' || comma < spec.length) fields.push(field);
    i = comma + 1;
  }
  return fields;
}

function nextUnquotedComma(spec: string, from: number): number {
  let quoted = false;
  for (let i = from; i < spec.length; i++) {
    if (spec[i] === '"') quoted = !quoted;
    else if (spec[i] === ',' && !quoted) return i;
  }
  return spec.length;
}

/** A value in double quotes without them (quotes around a value with a line break in it stay). */
function unquote(value: string): string {
  return value.startsWith('"') ? value.replace(/^"(.*)"$/, '$1') : value;
}

export function parseMount(spec: string): Mount {
  // The last field of a key counts; `target` wins over `dst` over `destination`, `source` over `src`.
  let type: string | undefined;
  let target: string | undefined;
  let dst: string | undefined;
  let destination: string | undefined;
  let source: string | undefined;
  let src: string | undefined;
  let from: string | undefined;
  for (const part of csvFields(spec)) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? 'true' : unquote(part.slice(eq + 1).trim());
    if (key === 'type') type = value;
    else if (key === 'target') target = value;
    else if (key === 'dst') dst = value;
    else if (key === 'destination') destination = value;
    else if (key === 'source') source = value;
    else if (key === 'src') src = value;
    else if (key === 'from') from = value;
  }
  return { type: (type ?? 'bind').toLowerCase(), target: target ?? dst ?? destination, source: source ?? src, from };
}
