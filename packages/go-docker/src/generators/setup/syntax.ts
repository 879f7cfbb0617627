/**
 * Paths from the user's tree are data: each place a generated file names one gets the quoting that place
 * parses (a shell command, a BuildKit word, a RUN --mount option, a JSON array, an ignore-file pattern), and
 * a path no quoting can carry (a newline or another control character) is refused.
 */

/** Characters no place in a Dockerfile or ignore file can hold: one would end the line or the instruction. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Needs no quoting anywhere: letters and digits of any script, and `_ . / @ + -`. */
const PLAIN = /^[\p{L}\p{M}\p{N}_./@+-]+$/u;

/** Needs no quoting in a POSIX shell word (`=`, `,` and `:` are ordinary there). */
const SHELL_PLAIN = /^[\p{L}\p{M}\p{N}_./@+=,:%-]+$/u;

export class UnsafePathError extends Error {
  constructor(readonly path: string) {
    super(`${JSON.stringify(path)} holds a control character (such as a newline): a Dockerfile cannot name it; rename it`);
    this.name = 'UnsafePathError';
  }
}

/** Throws UnsafePathError for a path no generated file can name. */
export function assertWritable(path: string): string {
  if (CONTROL.test(path)) throw new UnsafePathError(path);
  return path;
}

/** Always single-quoted, sh style (`'\''` for a quote): read the same by sh and BuildKit's ARG values. */
export function singleQuoted(value: string): string {
  return `'${assertWritable(value).replace(/'/g, `'\\''`)}'`;
}

/** POSIX sh single-quoting (RUN commands, the header's example command). */
export function shellWord(value: string): string {
  assertWritable(value);
  return SHELL_PLAIN.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A word as BuildKit's variable expansion reads it (WORKDIR, COPY paths, mount options): `$`, quotes, `\`
 * and `<` are special there, spaces are not; a backslash makes the next character literal.
 */
export function buildkitWord(value: string): string {
  assertWritable(value);
  return value.replace(/[$'"\\<`]/g, '\\$&');
}

/**
 * One `key=value` field of `RUN --mount=…`. BuildKit reads it three times: the flag splitter (quotes and `\`
 * escapes, whitespace ends the flag), a CSV reader (`,` separates fields, `"…"` quotes one), then variable
 * expansion of the value. Each layer's quoting is applied from the inside out.
 */
export function mountField(key: string, value: string): string {
  if (PLAIN.test(value)) return `${key}=${value}`;
  let field = `${key}=${buildkitWord(value)}`;
  if (/[,"]/.test(field)) field = `"${field.replace(/"/g, '""')}"`;
  return /[\s'"\\]/.test(field) ? `"${field.replace(/["\\]/g, '\\$&')}"` : field;
}

/**
 * Arguments of COPY, each already a BuildKit word (see buildkitWord): the plain form splits on whitespace,
 * so a word holding one takes the JSON-array form (its strings are expanded the same way).
 */
export function copyArguments(words: string[]): string {
  return words.some((w) => /\s/.test(w)) ? `[${words.map((w) => JSON.stringify(w)).join(', ')}]` : words.join(' ');
}

/** A JSON-array exec form (ENTRYPOINT, CMD): no expansion happens there, JSON string escaping is all. */
export function execForm(args: string[]): string {
  return `[${args.map((a) => JSON.stringify(assertWritable(a))).join(', ')}]`;
}

/**
 * A literal path as a pattern of the ignore file (moby/patternmatcher): `\` escapes the glob characters
 * `* ? [ \`; the reader trims each line, so a leading or trailing space becomes the class `[ ]`.
 */
export function ignorePattern(path: string): string {
  assertWritable(path);
  const escaped = path.replace(/[\\*?[]/g, '\\$&');
  return escaped.replace(/^\s/, (s) => `[${s}]`).replace(/\s$/, (s) => `[${s}]`);
}
