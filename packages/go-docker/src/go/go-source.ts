import { constraintsMatch } from './build-constraints';

/** What go-docker needs from one .go file, read without a Go toolchain. */
export interface GoSourceSummary {
  /** Package clause name; undefined when the file has none (not valid Go). */
  packageName: string | undefined;
  imports: GoImport[];
  /** A top-level `func main()` (no receiver). */
  hasMainFunc: boolean;
  /** `import "C"`. */
  usesCgo: boolean;
  /** False when `//go:build` / `// +build` lines exclude the file from a linux build (e.g. `ignore`). */
  matchesBuild: boolean;
  /** Patterns of `//go:embed` directives, relative to the file's directory. */
  embedPatterns: string[];
}

export interface GoImport {
  path: string;
  /** Alias as written: a name, `.` or `_`. */
  alias?: string;
  /** 1-based line of the import path. */
  line: number;
}

type Token = { kind: 'ident' | 'string' | 'punct'; text: string; line: number };

/**
 * Reads the header of a Go file: build constraints (comments before the package clause), the package
 * name and the import declarations. With `scanBody`, also looks for a top-level `func main`.
 */
export function summarizeGoSource(source: string, options: { scanBody?: boolean } = {}): GoSourceSummary {
  const lexer = new GoLexer(source.replace(/^\uFEFF/, ''));
  const summary: GoSourceSummary = { packageName: undefined, imports: [], hasMainFunc: false, usesCgo: false, matchesBuild: true, embedPatterns: embedPatterns(source) };

  let token = lexer.next();
  const headerComments = lexer.takeLineComments();
  summary.matchesBuild = constraintsMatch(
    headerComments.map((c) => /^\/\/go:build\s+(.*)$/.exec(c)?.[1]).find((c) => c !== undefined),
    headerComments.map((c) => /^\/\/\s*\+build\s+(.*)$/.exec(c)?.[1]).filter((c): c is string => c !== undefined),
  );
  if (token?.text !== 'package') return summary;
  token = lexer.next();
  if (token?.kind !== 'ident') return summary;
  summary.packageName = token.text;

  token = lexer.nextSkippingSemicolons();
  while (token?.text === 'import') {
    token = lexer.next();
    if (token?.text === '(') {
      token = lexer.nextSkippingSemicolons();
      while (token && token.text !== ')') {
        token = readImportSpec(lexer, token, summary.imports);
        token = lexer.nextSkippingSemicolons(token);
      }
    } else if (token) {
      readImportSpec(lexer, token, summary.imports);
    }
    token = lexer.nextSkippingSemicolons();
  }
  summary.usesCgo = summary.imports.some((i) => i.path === 'C');

  if (options.scanBody && summary.packageName === 'main') summary.hasMainFunc = hasTopLevelMain(lexer, token);
  return summary;
}

/** Reads `[alias] "path"` starting at `token`; returns the token after the spec. */
function readImportSpec(lexer: GoLexer, token: Token, imports: GoImport[]): Token | undefined {
  let alias: string | undefined;
  if (token.kind === 'ident' || token.text === '.') {
    alias = token.text;
    token = lexer.next() as Token;
  }
  if (token?.kind === 'string') {
    imports.push({ path: token.text, line: token.line, ...(alias ? { alias } : {}) });
    return lexer.next();
  }
  return token;
}

function hasTopLevelMain(lexer: GoLexer, token: Token | undefined): boolean {
  let depth = 0;
  while (token) {
    if (token.text === '{' || token.text === '(' || token.text === '[') depth++;
    else if (token.text === '}' || token.text === ')' || token.text === ']') depth--;
    else if (depth === 0 && token.text === 'func') {
      const name = lexer.next();
      if (name?.text === 'main' && lexer.next()?.text === '(') return true;
      token = name;
      continue;
    }
    token = lexer.next();
  }
  return false;
}

function embedPatterns(source: string): string[] {
  if (!source.includes('//go:embed')) return [];
  const patterns: string[] = [];
  for (const match of source.matchAll(/^[ \t]*\/\/go:embed[ \t]+(.+)$/gm)) {
    for (const m of match[1].matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g)) {
      patterns.push((m[1] ?? m[2] ?? m[3]).replace(/^all:/, ''));
    }
  }
  return patterns;
}

/** A minimal Go tokenizer: identifiers, strings, punctuation; comments are skipped (line comments remembered). */
class GoLexer {
  private pos = 0;
  private line = 1;
  private lineComments: string[] = [];
  private pendingSemicolon = false;

  constructor(private readonly src: string) {}

  /** Line comments seen so far, then forgets them. */
  takeLineComments(): string[] {
    const comments = this.lineComments;
    this.lineComments = [];
    return comments;
  }

  nextSkippingSemicolons(start?: Token): Token | undefined {
    let token = start ?? this.next();
    while (token?.text === ';') token = this.next();
    return token;
  }

  /** The next token; newlines after an identifier, string or closing bracket yield `;` as in Go's grammar. */
  next(): Token | undefined {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (c === '\n') {
        this.line++;
        this.pos++;
        if (this.pendingSemicolon) {
          this.pendingSemicolon = false;
          return { kind: 'punct', text: ';', line: this.line - 1 };
        }
      } else if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
      } else if (c === '/' && src[this.pos + 1] === '/') {
        const end = src.indexOf('\n', this.pos);
        const stop = end < 0 ? src.length : end;
        if (this.lineComments.length < 1000) this.lineComments.push(src.slice(this.pos, stop).replace(/\r$/, ''));
        this.pos = stop;
      } else if (c === '/' && src[this.pos + 1] === '*') {
        const end = src.indexOf('*/', this.pos + 2);
        const stop = end < 0 ? src.length : end + 2;
        this.countLines(this.pos, stop);
        this.pos = stop;
      } else if (c === '"' || c === "'") {
        const start = this.pos;
        let i = this.pos + 1;
        while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
        this.pos = Math.min(i + 1, src.length);
        this.pendingSemicolon = true;
        return { kind: 'string', text: decodeInterpreted(src.slice(start + 1, i)), line: this.line };
      } else if (c === '`') {
        const end = src.indexOf('`', this.pos + 1);
        const stop = end < 0 ? src.length : end;
        const line = this.line;
        const text = src.slice(this.pos + 1, stop);
        this.countLines(this.pos, stop);
        this.pos = stop + 1;
        this.pendingSemicolon = true;
        return { kind: 'string', text, line };
      } else if (/[\p{L}_]/u.test(c)) {
        const start = this.pos;
        while (this.pos < src.length && /[\p{L}\p{Nd}_]/u.test(src[this.pos])) this.pos++;
        this.pendingSemicolon = true;
        return { kind: 'ident', text: src.slice(start, this.pos), line: this.line };
      } else if (/\d/.test(c)) {
        while (this.pos < src.length && /[\w.]/.test(src[this.pos])) this.pos++;
        this.pendingSemicolon = true;
        return { kind: 'ident', text: '0', line: this.line };
      } else {
        this.pos++;
        this.pendingSemicolon = c === ')' || c === ']' || c === '}';
        return { kind: 'punct', text: c, line: this.line };
      }
    }
    return undefined;
  }

  private countLines(from: number, to: number): void {
    for (let i = from; i < to; i++) if (this.src[i] === '\n') this.line++;
  }
}

function decodeInterpreted(body: string): string {
  return body.includes('\\') ? body.replace(/\\(.)/g, '$1') : body;
}
