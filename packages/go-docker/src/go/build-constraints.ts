/**
 * Build constraints as go/build evaluates them (`//go:build`, `// +build`, _GOOS_GOARCH file names) for
 * one build context: linux on one architecture, cgo on or off, a Go release. Custom tags (and
 * `ignore`) are off, as in a plain `go build`.
 */

/** One configuration of a build: what `go build` sees for a target platform. */
export interface BuildContext {
  goos: 'linux';
  goarch: string;
  /** CGO_ENABLED as the build sets it. */
  cgo: boolean;
  /** Minor version of the builder's Go (26 for go1.26): tags go1.1 … go1.<minor> hold. */
  goMinor: number;
}

/** The newest Go release this reader knows; the default for builds whose Go version is not known. */
export const LATEST_GO_MINOR = 26;

/** Architectures an image is built for unless told otherwise. */
export const TARGET_ARCHES = ['amd64', 'arm64'] as const;

export function buildContext(goarch: string, cgo: boolean, goMinor = LATEST_GO_MINOR): BuildContext {
  return { goos: 'linux', goarch, cgo, goMinor };
}

/** A stable key for a set of contexts (memo keys, deduplication). */
export function contextsKey(contexts: readonly BuildContext[]): string {
  return contexts.map((c) => `${c.goos}/${c.goarch}/${c.cgo ? 1 : 0}/${c.goMinor}`).join(',');
}

/** `1.22.3` / `1.21rc1` / `1.26` → the minor number; undefined for anything else. */
export function goMinorOf(version: string | undefined): number | undefined {
  const match = version ? /^1\.(\d+)/.exec(version) : null;
  return match ? Number(match[1]) : undefined;
}

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
/** Tool tags of the default GOAMD64 / GOARM64 levels. */
const ARCH_LEVEL_TAG: Record<string, string> = { amd64: 'amd64.v1', arm64: 'arm64.v8.0' };

/** go/build's matchTag for a linux context (linux is a unix system; the compiler is gc). */
export function tagHolds(tag: string, context: BuildContext): boolean {
  if (tag === 'cgo') return context.cgo;
  if (tag === context.goos || tag === context.goarch || tag === 'gc' || tag === 'unix') return true;
  if (tag === ARCH_LEVEL_TAG[context.goarch]) return true;
  const release = /^go1\.(\d+)$/.exec(tag);
  return release !== null && Number(release[1]) >= 1 && Number(release[1]) <= context.goMinor;
}

/**
 * go/build's goodOSArchFile: name_GOOS, name_GOARCH, name_GOOS_GOARCH, each optionally followed by
 * _test, looked for before the first dot and after the first underscore.
 */
export function fileNameMatches(fileName: string, context: BuildContext): boolean {
  let name = fileName;
  const dot = name.indexOf('.');
  if (dot >= 0) name = name.slice(0, dot);
  const underscore = name.indexOf('_');
  if (underscore < 0) return true;
  const parts = name.slice(underscore).split('_');
  if (parts[parts.length - 1] === 'test') parts.pop();
  const n = parts.length;
  if (n >= 2 && KNOWN_OS.has(parts[n - 2]) && KNOWN_ARCH.has(parts[n - 1])) {
    return tagHolds(parts[n - 1], context) && tagHolds(parts[n - 2], context);
  }
  if (n >= 1 && (KNOWN_OS.has(parts[n - 1]) || KNOWN_ARCH.has(parts[n - 1]))) return tagHolds(parts[n - 1], context);
  return true;
}

/** A parsed constraint: a tree of tags, or a syntax error (which makes the file invalid). */
export type Constraint = { tag: string } | { not: Constraint } | { and: [Constraint, Constraint] } | { or: [Constraint, Constraint] };

export function evaluate(constraint: Constraint, context: BuildContext): boolean {
  if ('tag' in constraint) return tagHolds(constraint.tag, context);
  if ('not' in constraint) return !evaluate(constraint.not, context);
  if ('and' in constraint) return evaluate(constraint.and[0], context) && evaluate(constraint.and[1], context);
  return evaluate(constraint.or[0], context) || evaluate(constraint.or[1], context);
}

/** True when the file's header constraints (see GoSourceSummary) admit the context. */
export function constraintsMatch(goBuild: string | undefined, plusBuild: readonly string[], context: BuildContext): boolean {
  if (goBuild !== undefined) {
    const parsed = parseGoBuildOnce(goBuild);
    return typeof parsed !== 'string' && evaluate(parsed, context);
  }
  return plusBuild.every((line) => evaluate(memoized(plusBuildCache, line, parsePlusBuild), context));
}

// A workspace repeats the same few expressions in thousands of files: parse each once.
const goBuildCache = new Map<string, Constraint | string>();
const plusBuildCache = new Map<string, Constraint>();

/** parseGoBuild, memoized. */
export function parseGoBuildOnce(expression: string): Constraint | string {
  return memoized(goBuildCache, expression, parseGoBuild);
}

function memoized<T>(cache: Map<string, T>, key: string, parse: (text: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = parse(key);
    if (cache.size < 10_000) cache.set(key, value);
  }
  return value;
}

const isTagChar = (c: string): boolean => /[\p{L}\p{Nd}_.]/u.test(c);

/** Parses a `//go:build` expression (without the prefix) as go/build/constraint does; a string is a syntax error. */
export function parseGoBuild(expression: string): Constraint | string {
  const tokens: string[] = [];
  const chars = [...expression];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i];
    if (c === ' ' || c === '\t') i++;
    else if (c === '(' || c === ')' || c === '!') tokens.push(chars[i++]);
    else if (c === '&' || c === '|') {
      if (chars[i + 1] !== c) return `invalid syntax at ${c}`;
      tokens.push(c + c);
      i += 2;
    } else if (isTagChar(c)) {
      let tag = '';
      while (i < chars.length && isTagChar(chars[i])) tag += chars[i++];
      tokens.push(tag);
    } else {
      return `invalid syntax at ${c}`;
    }
  }
  let pos = 0;
  const fail = (message: string): never => {
    throw new SyntaxError(message);
  };
  const or = (): Constraint => {
    let left = and();
    while (tokens[pos] === '||') {
      pos++;
      left = { or: [left, and()] };
    }
    return left;
  };
  const and = (): Constraint => {
    let left = not();
    while (tokens[pos] === '&&') {
      pos++;
      left = { and: [left, not()] };
    }
    return left;
  };
  const not = (): Constraint => {
    const token = tokens[pos++];
    if (token === '!') return { not: not() };
    if (token === '(') {
      const inner = or();
      if (tokens[pos++] !== ')') fail('missing )');
      return inner;
    }
    if (token === undefined) return fail('unexpected end of expression');
    if (token === ')' || token === '&&' || token === '||') return fail(`unexpected token ${token}`);
    return { tag: token };
  };
  try {
    const result = or();
    return pos === tokens.length ? result : `unexpected token ${tokens[pos]}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Parses a `// +build` expression (without the prefix): space = or, comma = and; bad terms mean `ignore`. */
export function parsePlusBuild(expression: string): Constraint {
  const ignore = { tag: 'ignore' };
  const clauses = expression.split(/\s+/).filter(Boolean).map((clause) =>
    clause
      .split(',')
      .map((literal): Constraint => {
        if (literal.startsWith('!!') || literal === '!') return ignore;
        const negated = literal.startsWith('!');
        const tag = negated ? literal.slice(1) : literal;
        const term = tag !== '' && [...tag].every(isTagChar) ? { tag } : ignore;
        return negated ? { not: term } : term;
      })
      .reduce((left, right) => ({ and: [left, right] })),
  );
  return clauses.length === 0 ? ignore : clauses.reduce((left, right) => ({ or: [left, right] }));
}
