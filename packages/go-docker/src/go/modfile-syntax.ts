/**
 * The line syntax shared by go.mod and go.work: directives, `verb ( … )` blocks, `//` comments and
 * quoted strings. Semantics (which verbs exist, what their arguments mean) live in gomod.ts / gowork.ts.
 */

export class GoFileParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'GoFileParseError';
  }
}

export interface ModfileEntry {
  verb: string;
  /** Arguments with quotes removed. */
  args: string[];
  /** 1-based line number. */
  line: number;
  /** Text of a trailing `//` comment, trimmed, without the slashes. */
  comment: string;
}

interface Token {
  text: string;
  quoted: boolean;
}

/** Normalises CRLF / CR line endings. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function parseModfileSyntax(text: string, file: string): ModfileEntry[] {
  // Go's modfile lexer takes a byte-order mark for a stray character, so go.mod / go.work must not start with one.
  if (text.startsWith('\uFEFF')) throw new GoFileParseError(file, 1, "unexpected input character '\\ufeff'");
  const entries: ModfileEntry[] = [];
  let block: { verb: string; line: number } | undefined;
  normaliseText(text)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      const { tokens, comment } = tokenizeLine(raw, file, line);
      if (tokens.length === 0) return;
      const [first] = tokens;
      if (block) {
        if (!first.quoted && first.text === ')') {
          if (tokens.length > 1) throw new GoFileParseError(file, line, `unexpected "${tokens[1].text}" after ")"`);
          block = undefined;
          return;
        }
        if (tokens.some((t) => !t.quoted && (t.text === '(' || t.text === ')'))) {
          throw new GoFileParseError(file, line, `unexpected parenthesis inside "${block.verb}" block`);
        }
        entries.push({ verb: block.verb, args: tokens.map((t) => t.text), line, comment });
        return;
      }
      if (first.quoted || first.text === '(' || first.text === ')') {
        throw new GoFileParseError(file, line, `unexpected "${first.text}": expected a directive`);
      }
      const rest = tokens.slice(1);
      const opensBlock = rest.length >= 1 && !rest[0].quoted && rest[0].text === '(';
      if (opensBlock) {
        if (rest.length === 2 && !rest[1].quoted && rest[1].text === ')') return; // `require ()`
        if (rest.length > 1) throw new GoFileParseError(file, line, `"${first.text} (" must end the line`);
        block = { verb: first.text, line };
        return;
      }
      if (rest.some((t) => !t.quoted && (t.text === '(' || t.text === ')'))) {
        throw new GoFileParseError(file, line, `unexpected parenthesis in "${first.text}" directive`);
      }
      entries.push({ verb: first.text, args: rest.map((t) => t.text), line, comment });
    });
  if (block) throw new GoFileParseError(file, block.line, `"${block.verb} (" block is never closed`);
  return entries;
}

function tokenizeLine(raw: string, file: string, line: number): { tokens: Token[]; comment: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '/' && raw[i + 1] === '/') {
      return { tokens, comment: raw.slice(i + 2).trim() };
    } else if (c === '(' || c === ')') {
      tokens.push({ text: c, quoted: false });
      i++;
    } else if (c === '"') {
      const end = findClosingQuote(raw, i);
      if (end < 0) throw new GoFileParseError(file, line, 'unterminated quoted string');
      tokens.push({ text: unquote(raw.slice(i, end + 1), file, line), quoted: true });
      i = end + 1;
    } else if (c === '`') {
      const end = raw.indexOf('`', i + 1);
      if (end < 0) throw new GoFileParseError(file, line, 'unterminated raw string');
      tokens.push({ text: raw.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else {
      let j = i;
      while (j < raw.length && !' \t\f\v()"`'.includes(raw[j]) && !(raw[j] === '/' && raw[j + 1] === '/')) j++;
      tokens.push({ text: raw.slice(i, j), quoted: false });
      i = j;
    }
  }
  return { tokens, comment: '' };
}

function findClosingQuote(raw: string, start: number): number {
  for (let i = start + 1; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '"') return i;
  }
  return -1;
}

function unquote(quoted: string, file: string, line: number): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new GoFileParseError(file, line, `invalid quoted string ${quoted}`);
  }
}

/** Go version syntax accepted by the `go` directive: 1.21, 1.21.3, 1.21rc1. */
export const GO_VERSION = /^[1-9]\d*\.(0|[1-9]\d*)(\.(0|[1-9]\d*))?((rc|beta)[1-9]\d*)?$/;
/** Toolchain names accepted by the `toolchain` directive: go1.21.3, go1.22rc1, with an optional -suffix, or default. */
export const TOOLCHAIN = /^(default|go[1-9]\d*\.(0|[1-9]\d*)(\.(0|[1-9]\d*))?((rc|beta)[1-9]\d*)?([-+][\w.+-]+)?)$/;

export function expectArgs(entry: ModfileEntry, file: string, count: number, usage: string): void {
  if (entry.args.length !== count) throw new GoFileParseError(file, entry.line, `usage: ${usage}`);
}

export interface Replacement {
  oldPath: string;
  oldVersion?: string;
  newPath: string;
  newVersion?: string;
  /** True when newPath is a directory (./x, ../x or absolute) rather than a module path. */
  isLocal: boolean;
  line: number;
}

/** Parses `old [v] => new [v]`, shared by go.mod and go.work. */
export function parseReplacement(entry: ModfileEntry, file: string): Replacement {
  const usage = 'replace module/path [v1.2.3] => other/module v1.4 or replace module/path [v1.2.3] => ../local/directory';
  const arrow = entry.args.indexOf('=>');
  if (arrow < 1 || arrow > 2 || entry.args.length - arrow - 1 < 1 || entry.args.length - arrow - 1 > 2) {
    throw new GoFileParseError(file, entry.line, `usage: ${usage}`);
  }
  const [oldPath, oldVersion] = entry.args.slice(0, arrow);
  const [newPath, newVersion] = entry.args.slice(arrow + 1);
  const isLocal = isLocalPath(newPath);
  if (isLocal && newVersion) {
    throw new GoFileParseError(file, entry.line, `replacement directory ${newPath} cannot have a version`);
  }
  if (!isLocal && !newVersion) {
    throw new GoFileParseError(file, entry.line, `replacement module ${newPath} without version must be a directory path (rooted or starting with ./ or ../)`);
  }
  return { oldPath, oldVersion, newPath, newVersion, isLocal, line: entry.line };
}

export function isLocalPath(path: string): boolean {
  return path.startsWith('./') || path.startsWith('../') || path === '.' || path === '..' || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('.\\') || path.startsWith('..\\');
}

/** The `go` directive, shared by go.mod and go.work. */
export function parseGoDirective(entry: ModfileEntry, file: string, previous: string | undefined): string {
  if (previous !== undefined) throw new GoFileParseError(file, entry.line, 'repeated go directive');
  expectArgs(entry, file, 1, 'go 1.23');
  if (!GO_VERSION.test(entry.args[0])) throw new GoFileParseError(file, entry.line, `invalid go version '${entry.args[0]}': must match format 1.23.0`);
  return entry.args[0];
}

/** The `toolchain` directive, shared by go.mod and go.work. */
export function parseToolchainDirective(entry: ModfileEntry, file: string, previous: string | undefined): string {
  if (previous !== undefined) throw new GoFileParseError(file, entry.line, 'repeated toolchain directive');
  expectArgs(entry, file, 1, 'toolchain go1.23.1');
  if (!TOOLCHAIN.test(entry.args[0])) throw new GoFileParseError(file, entry.line, `invalid toolchain name '${entry.args[0]}': must be of the form go1.23.1`);
  return entry.args[0];
}
