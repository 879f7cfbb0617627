/**
 * Decides whether a Go file is part of a Linux container build: `//go:build` / `// +build` lines and
 * _GOOS_GOARCH file-name suffixes. Images target linux on amd64 or arm64, so a file counts when its
 * constraint holds for linux and at least one of those architectures. Custom tags (and `ignore`) are
 * off, as in a plain `go build`; `cgo` is on so that cgo use is detected rather than missed.
 */

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const TARGET_ARCHES = ['amd64', 'arm64'];

function tagIsSet(tag: string, arch: string): boolean {
  return tag === 'linux' || tag === 'unix' || tag === 'gc' || tag === 'cgo' || tag === arch || /^go1\.\d+$/.test(tag);
}

/** File-name constraint: name_linux.go, name_arm64.go, name_linux_amd64.go … */
export function fileNameMatches(fileName: string): boolean {
  const parts = fileName.replace(/\.go$/, '').split('_');
  if (parts.length < 2) return true;
  const last = parts[parts.length - 1];
  const beforeLast = parts.length >= 3 ? parts[parts.length - 2] : undefined;
  if (beforeLast && KNOWN_OS.has(beforeLast) && KNOWN_ARCH.has(last)) {
    return beforeLast === 'linux' && TARGET_ARCHES.includes(last);
  }
  if (KNOWN_OS.has(last)) return last === 'linux';
  if (KNOWN_ARCH.has(last)) return TARGET_ARCHES.includes(last);
  return true;
}

/** True when the `//go:build` expression (or the `// +build` lines, when there is none) admits a linux build. */
export function constraintsMatch(goBuild: string | undefined, plusBuild: string[]): boolean {
  return TARGET_ARCHES.some((arch) => {
    if (goBuild !== undefined) return evaluateGoBuild(goBuild, arch);
    return plusBuild.every((line) => line.split(/\s+/).filter(Boolean).some((clause) => clause.split(',').every((term) => (term.startsWith('!') ? !tagIsSet(term.slice(1), arch) : tagIsSet(term, arch)))));
  });
}

/** Evaluates a `//go:build` expression; an expression that does not parse counts as not matching (go vet rejects it too). */
function evaluateGoBuild(expression: string, arch: string): boolean {
  const tokens = expression.match(/&&|\|\||!|\(|\)|[^\s&|!()]+/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const parseOr = (): boolean => {
    let value = parseAnd();
    while (peek() === '||') {
      pos++;
      const right = parseAnd();
      value = value || right;
    }
    return value;
  };
  const parseAnd = (): boolean => {
    let value = parseNot();
    while (peek() === '&&') {
      pos++;
      const right = parseNot();
      value = value && right;
    }
    return value;
  };
  const parseNot = (): boolean => {
    const token = tokens[pos++];
    if (token === '!') return !parseNot();
    if (token === '(') {
      const value = parseOr();
      if (tokens[pos++] !== ')') throw new SyntaxError('missing )');
      return value;
    }
    if (token === undefined || token === ')' || token === '&&' || token === '||') throw new SyntaxError('unexpected token');
    return tagIsSet(token, arch);
  };
  try {
    const value = parseOr();
    return pos === tokens.length ? value : false;
  } catch {
    return false;
  }
}
