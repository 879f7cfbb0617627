import { parseGoBuildOnce } from './build-constraints';

/**
 * What go-docker needs from one .go file, read without a Go toolchain. The summary does not depend on
 * the build context (architecture, cgo), so it can be cached by file content; build-constraints.ts
 * decides per context.
 */
export interface GoSourceSummary {
  /** Package clause name; undefined when the file has none (then `error` says why). */
  packageName: string | undefined;
  imports: GoImport[];
  /** A top-level `func main()`: no receiver, no type parameters. */
  hasMainFunc: boolean;
  /** `import "C"`. */
  usesCgo: boolean;
  /** The `//go:build` expression go/build honours (in the leading comments), without the prefix. */
  goBuild?: string;
  /** `// +build` expressions go/build honours: only without `//go:build`, only in the leading comment block that a blank line ends. */
  plusBuild: string[];
  /** Patterns of `//go:embed` directives (files importing "embed" only), `all:` removed, relative to the file's directory. */
  embedPatterns: string[];
  /** The header (constraints, package clause, imports) is not valid Go: go/build marks the package broken. */
  error?: { line: number; message: string };
  /** Set (false) when the text ended inside the header: a caller that read only the file's head must read it all. */
  headerComplete?: false;
}

/** Bumped whenever GoSourceSummary changes meaning, so persisted summaries of an older reader are not trusted. */
export const GO_SOURCE_SUMMARY_FORMAT = 2;

export interface GoImport {
  path: string;
  /** Alias as written: a name, `.` or `_`. */
  alias?: string;
  /** 1-based line of the import path. */
  line: number;
}

type Token = { kind: 'ident' | 'string' | 'punct' | 'number' | 'bad'; text: string; line: number };

/**
 * Reads a Go file as go/build does: build constraints from the leading comments, the package clause
 * and import declarations; then, for package main, whether there is a top-level `func main`, and for
 * files importing "embed", the `//go:embed` patterns.
 */
export function summarizeGoSource(text: string, options: { scanBody?: boolean; headOnly?: boolean } = {}): GoSourceSummary {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lexer = new GoLexer(source);
  const summary = summarize(readHeaderComments(source), lexer, options);
  if (options.headOnly && lexer.atEnd) summary.headerComplete = false;
  return summary;
}

function summarize(header: ReturnType<typeof readHeaderComments>, lexer: GoLexer, options: { scanBody?: boolean; headOnly?: boolean }): GoSourceSummary {
  const summary: GoSourceSummary = { packageName: undefined, imports: [], hasMainFunc: false, usesCgo: false, plusBuild: [], embedPatterns: [] };
  if (header.goBuild !== undefined) summary.goBuild = header.goBuild;
  else summary.plusBuild = header.plusBuild;
  if (header.error) summary.error = header.error;
  const fail = (at: Token | undefined, message: string): GoSourceSummary => {
    summary.error ??= { line: at?.line ?? lexer.lineNumber, message };
    return summary;
  };
  let token = lexer.next();
  if (token?.text !== 'package' || token.kind !== 'ident') return fail(token, `expected 'package', found ${describe(token)}`);
  token = lexer.next();
  if (token?.kind !== 'ident' || KEYWORDS.has(token.text)) return fail(token, `expected 'IDENT', found ${describe(token)}`);
  summary.packageName = token.text;
  // As go/build's import reader: the header ends at the first token that does not start an import
  // declaration; whatever follows is the compiler's business, not go list's.
  token = lexer.nextSkippingSemicolons();
  while (token?.kind === 'ident' && token.text === 'import') {
    token = lexer.next();
    if (token?.kind === 'punct' && token.text === '(') {
      token = lexer.nextSkippingSemicolons();
      while (token && !(token.kind === 'punct' && token.text === ')')) {
        const error = readImportSpec(lexer, token, summary.imports);
        if (typeof error === 'string') return fail(token, error);
        token = error;
        if (token?.kind !== 'punct' || (token.text !== ';' && token.text !== ')')) return fail(token, `expected ';', found ${describe(token)}`);
        token = lexer.nextSkippingSemicolons(token);
      }
      if (!token) return fail(token, "expected ')', found 'EOF'");
      token = lexer.next();
    } else {
      const after = token ? readImportSpec(lexer, token, summary.imports) : "expected 'STRING', found 'EOF'";
      if (typeof after === 'string') return fail(token, after);
      token = after;
    }
    if (token?.kind !== 'punct' || token.text !== ';') break;
    token = lexer.nextSkippingSemicolons();
  }
  const invalid = summary.imports.find((i) => !isValidImportPath(i.path));
  if (invalid) {
    summary.error ??= { line: invalid.line, message: `invalid import path: ${invalid.path}` };
    summary.imports = [];
    return summary;
  }
  summary.usesCgo = summary.imports.some((i) => i.path === 'C');

  if (options.headOnly) return summary;
  const wantsMain = options.scanBody !== false && summary.packageName === 'main';
  const wantsEmbed = summary.imports.some((i) => i.path === 'embed');
  if (wantsMain || wantsEmbed) {
    summary.hasMainFunc = scanBody(lexer, token, wantsMain, wantsEmbed);
    if (wantsEmbed) summary.embedPatterns = lexer.embedComments.flatMap(embedArguments);
  }
  return summary;
}

const KEYWORDS = new Set(['break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var']);

function describe(token: Token | undefined): string {
  if (!token) return "'EOF'";
  if (token.text === ';') return "'newline'";
  return `'${token.text}'`;
}

/** The leading run of comments and blank lines, read as go/build's parseFileHeader does. */
function readHeaderComments(source: string): { goBuild?: string; plusBuild: string[]; error?: { line: number; message: string } } {
  let goBuild: string | undefined;
  let goBuildLine = 0;
  let error: { line: number; message: string } | undefined;
  /** `//` lines before the last blank line of the leading block: where `// +build` still counts. */
  const candidates: string[] = [];
  let pending: string[] = [];
  /** Past the `//` lines and blank lines: later lines may still be comments, but no `// +build` counts. */
  let ended = false;
  let inBlockComment = false;
  // Walks the lines lazily: the header is usually a few lines of a long file.
  for (let index = 0, start = 0; start <= source.length; index++) {
    const newline = source.indexOf('\n', start);
    const end = newline < 0 ? source.length : newline;
    const line = source.slice(start, end).trim();
    start = end + 1;
    if (line === '' && !ended) {
      candidates.push(...pending);
      pending = [];
      continue;
    }
    if (!line.startsWith('//')) ended = true;
    if (!inBlockComment && isGoBuildComment(line)) {
      if (goBuild !== undefined) error ??= { line: index + 1, message: 'multiple //go:build comments' };
      else {
        goBuild = line.slice('//go:build'.length).trim();
        goBuildLine = index + 1;
      }
    }
    if (!ended) pending.push(line);
    if (endsComments(line, inBlockComment, (inside) => (inBlockComment = inside))) break;
  }
  if (goBuild !== undefined && !error) {
    const parsed = parseGoBuildOnce(goBuild);
    if (typeof parsed === 'string') error = { line: goBuildLine, message: `parsing //go:build line: ${parsed}` };
  }
  return { goBuild, plusBuild: candidates.map(plusBuildExpression).filter((e): e is string => e !== undefined), error };
}

/** Follows /* *\/ comments through one line; true when the line has text outside comments. */
function endsComments(line: string, inBlockComment: boolean, setInBlockComment: (inside: boolean) => void): boolean {
  let rest = line;
  let inside = inBlockComment;
  for (;;) {
    if (inside) {
      const close = rest.indexOf('*/');
      if (close < 0) break;
      inside = false;
      rest = rest.slice(close + 2).trim();
    } else if (rest === '' || rest.startsWith('//')) {
      break;
    } else if (rest.startsWith('/*')) {
      inside = true;
      rest = rest.slice(2).trim();
    } else {
      setInBlockComment(inside);
      return true;
    }
  }
  setInBlockComment(inside);
  return false;
}

function isGoBuildComment(line: string): boolean {
  if (!line.startsWith('//go:build')) return false;
  const rest = line.slice('//go:build'.length);
  return rest === '' || /^\s/.test(rest);
}

/** The expression of a `// +build` line (constraint.IsPlusBuild), else undefined. */
function plusBuildExpression(line: string): string | undefined {
  if (!line.startsWith('//')) return undefined;
  const body = line.slice(2).trim();
  if (!body.startsWith('+build')) return undefined;
  const rest = body.slice('+build'.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  return rest.trim();
}

/** go/build's isValidImport. */
function isValidImportPath(path: string): boolean {
  if (path === '') return false;
  for (const c of path) {
    if (/[\s!"#$%&'()*,:;<=>?[\\\]^{|}`\uFFFD]/u.test(c) || !/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c)) return false;
  }
  return true;
}

/** Reads `[alias] "path"` starting at `token`; returns the token after the spec, or an error message. */
function readImportSpec(lexer: GoLexer, token: Token, imports: GoImport[]): Token | undefined | string {
  let alias: string | undefined;
  if (token.kind === 'ident' || (token.kind === 'punct' && token.text === '.')) {
    alias = token.text;
    const next = lexer.next();
    if (!next) return "expected 'STRING', found 'EOF'";
    token = next;
  }
  if (token.kind !== 'string') return `expected 'STRING', found ${describe(token)}`;
  imports.push({ path: token.text, line: token.line, ...(alias ? { alias } : {}) });
  return lexer.next();
}

/** Walks the rest of the file (the lexer collects //go:embed comments on the way); true when a top-level func main() is found. */
function scanBody(lexer: GoLexer, first: Token | undefined, wantsMain: boolean, wantsEmbed: boolean): boolean {
  let depth = 0;
  let found = false;
  let token = first;
  while (token) {
    // Only punctuation opens or closes: a string literal "}" is text.
    if (token.kind === 'punct' && (token.text === '{' || token.text === '(' || token.text === '[')) depth++;
    else if (token.kind === 'punct' && (token.text === '}' || token.text === ')' || token.text === ']')) depth--;
    else if (wantsMain && !found && depth === 0 && token.kind === 'ident' && token.text === 'func') {
      const name = lexer.next();
      if (name?.kind === 'ident' && name.text === 'main') {
        token = lexer.next();
        if (token?.kind === 'punct' && token.text === '(') {
          found = true;
          if (!wantsEmbed) return true;
        }
      } else {
        token = name;
      }
      continue;
    }
    token = lexer.next();
  }
  return found;
}

/** Arguments of a `//go:embed` comment as ast.ParseDirective / ParseArgs read them; a malformed line has none. */
function embedArguments(comment: string): string[] {
  const match = /^\/\/go:embed(?:\s+(.*))?$/su.exec(comment);
  if (!match) return [];
  const args: string[] = [];
  let rest = (match[1] ?? '').trimEnd();
  while ((rest = rest.trimStart()) !== '') {
    if (rest[0] === '"' || rest[0] === '`') {
      const quoted = rest[0] === '`' ? /^`[^`]*`/.exec(rest) : /^"(?:[^"\\\n]|\\.)*"/.exec(rest);
      if (!quoted) return [];
      rest = rest.slice(quoted[0].length);
      if (rest !== '' && !/^\s/.test(rest)) return [];
      args.push(quoted[0][0] === '`' ? quoted[0].slice(1, -1) : unquoteInterpreted(quoted[0]));
    } else {
      const space = rest.search(/\s/);
      args.push(space < 0 ? rest : rest.slice(0, space));
      rest = space < 0 ? '' : rest.slice(space);
    }
  }
  return args.map((a) => a.replace(/^all:/, ''));
}

function unquoteInterpreted(quoted: string): string {
  return decodeInterpreted(quoted.slice(1, -1));
}

/** A Go tokenizer good enough for headers and brackets: identifiers, literals, punctuation; comments skipped. */
class GoLexer {
  private pos = 0;
  private line = 1;
  private pendingSemicolon = false;
  readonly embedComments: string[] = [];

  constructor(private readonly src: string) {}

  get lineNumber(): number {
    return this.line;
  }

  /** Everything has been read. */
  get atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  nextSkippingSemicolons(start?: Token): Token | undefined {
    let token = start ?? this.next();
    while (token?.kind === 'punct' && token.text === ';') token = this.next();
    return token;
  }

  /** The next token; newlines after an identifier, literal or closing bracket yield `;` as in Go's grammar. */
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
        if (src.startsWith('//go:embed', this.pos)) this.embedComments.push(src.slice(this.pos, stop).replace(/\r$/, ''));
        this.pos = stop;
      } else if (c === '/' && src[this.pos + 1] === '*') {
        const end = src.indexOf('*/', this.pos + 2);
        const stop = end < 0 ? src.length : end + 2;
        const newlines = this.countLines(this.pos, stop);
        this.pos = stop;
        // A block comment spanning lines acts like a newline.
        if (newlines > 0 && this.pendingSemicolon) {
          this.pendingSemicolon = false;
          return { kind: 'punct', text: ';', line: this.line };
        }
      } else if (c === '"' || c === "'") {
        const start = this.pos;
        const line = this.line;
        let i = this.pos + 1;
        while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
        const closed = i < src.length && src[i] === c;
        this.pos = Math.min(closed ? i + 1 : i, src.length);
        this.pendingSemicolon = true;
        if (!closed) return { kind: 'bad', text: src.slice(start, i), line };
        return { kind: c === '"' ? 'string' : 'number', text: c === '"' ? decodeInterpreted(src.slice(start + 1, i)) : src.slice(start, i + 1), line };
      } else if (c === '`') {
        const end = src.indexOf('`', this.pos + 1);
        const line = this.line;
        if (end < 0) {
          this.countLines(this.pos, src.length);
          this.pos = src.length;
          return { kind: 'bad', text: '`', line };
        }
        const text = src.slice(this.pos + 1, end);
        this.countLines(this.pos, end);
        this.pos = end + 1;
        this.pendingSemicolon = true;
        return { kind: 'string', text: text.replace(/\r/g, ''), line };
      } else if (isLetter(c)) {
        const start = this.pos;
        while (this.pos < src.length && (isLetter(src[this.pos]) || /\p{Nd}/u.test(src[this.pos]))) this.pos++;
        const text = src.slice(start, this.pos);
        this.pendingSemicolon = !KEYWORDS.has(text) || text === 'break' || text === 'continue' || text === 'fallthrough' || text === 'return';
        return { kind: 'ident', text, line: this.line };
      } else if (/\d/.test(c) || (c === '.' && /\d/.test(src[this.pos + 1] ?? ''))) {
        const start = this.pos;
        this.pos++;
        while (this.pos < src.length && /[\w.]/.test(src[this.pos])) this.pos++;
        this.pendingSemicolon = true;
        return { kind: 'number', text: src.slice(start, this.pos), line: this.line };
      } else {
        this.pos++;
        if ((c === '+' || c === '-') && src[this.pos] === c) {
          this.pos++;
          this.pendingSemicolon = true;
          return { kind: 'punct', text: c + c, line: this.line };
        }
        this.pendingSemicolon = c === ')' || c === ']' || c === '}';
        return { kind: 'punct', text: c, line: this.line };
      }
    }
    if (this.pendingSemicolon) {
      this.pendingSemicolon = false;
      return { kind: 'punct', text: ';', line: this.line };
    }
    return undefined;
  }

  private countLines(from: number, to: number): number {
    let count = 0;
    for (let i = from; i < to; i++) if (this.src[i] === '\n') count++;
    this.line += count;
    return count;
  }
}

function isLetter(c: string): boolean {
  return c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c > '\x7f' && /\p{L}/u.test(c));
}

/** The value of an interpreted string literal's body (escapes resolved well enough for import paths). */
function decodeInterpreted(body: string): string {
  if (!body.includes('\\')) return body;
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/\\x([\da-fA-F]{2})/g, '\\u00$1')}"`) as string;
  } catch {
    return body.replace(/\\(.)/g, '$1');
  }
}
