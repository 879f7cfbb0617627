import { normalizePath } from '../go/paths';

/**
 * What a service needs inside its image beyond the compiled program. Set once per project in
 * project.json (`"go-docker": { … }`) or for every project in nx.json (the go-docker plugin entry's
 * `options.image`); read by setup (the Dockerfile and its ignore file) and by the docker-build target
 * (build args, secrets, inputs).
 */
export interface ImageOptions {
  /** Files and directories the program reads at run time, copied to the working directory /app. */
  runtimeFiles?: RuntimeFile[];
  /** Name of the application's binary (default: its folder name). */
  binaryName?: string;
  /** More main packages in the same image (a service and its admin CLI). */
  binaries?: ExtraBinary[];
  /** The binary the image runs: required when `binaries` is set. */
  entrypoint?: string;
  /** Ports the program listens on, written as EXPOSE. */
  ports?: number[];
  /** `-X importpath.name=value` link flags; values may use {version} {commit} {commitTime}. */
  stamp?: Record<string, string>;
  /** Modules fetched with credentials: GOPRIVATE and friends, and a netrc file as a BuildKit secret. */
  privateModules?: PrivateModules;
}

/** `templates` (relative to the app folder, copied to /app/templates) or `{ from, to }`. */
export type RuntimeFile = string | { from: string; to: string };

export interface ExtraBinary {
  name: string;
  /** Workspace-relative folder of the main package. */
  main: string;
}

export interface PrivateModules {
  /** GOPRIVATE: comma-separated module path patterns (e.g. `example.com/corp/*`). */
  goprivate: string;
  /** GONOSUMDB; default: goprivate's value (Go's own default). */
  gonosumdb?: string;
  /** GONOPROXY; default: unset, so private modules still come through GOPROXY (a proxy with credentials). */
  gonoproxy?: string;
  /** Where the netrc credentials come from: `{ "src": "~/.netrc" }` (a file) or `{ "env": "GO_NETRC" }` (its text). */
  netrc?: { src: string } | { env: string };
  /** A CA certificate (PEM) the module download trusts besides the system ones, for a proxy with a private CA. */
  ca?: { src: string };
}

/** The secret id the download step mounts at /root/.netrc. */
export const NETRC_SECRET_ID = 'netrc';
/** The secret id of privateModules.ca, mounted in CA_DIR for the download step. */
export const CA_SECRET_ID = 'go-ca';
export const CA_DIR = '/run/go-docker/ca';

/** Where setup finds them, for error messages. */
export type OptionsSource = 'project' | 'workspace';

export class ImageOptionsError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ImageOptionsError';
  }
}

const BINARY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** A Go package-level variable: import path (or `main`), a dot, an identifier. */
const STAMP_VARIABLE = /^[A-Za-z0-9_~./-]*[A-Za-z0-9_~-]\.[A-Za-z_][A-Za-z0-9_]*$/;
/** Stamp values end up inside a shell word of the Dockerfile: no quotes, spaces, `$` or backslashes. */
const STAMP_VALUE = /^(?:[A-Za-z0-9_.:+@/=,-]|\{version\}|\{commit\}|\{commitTime\})*$/;
const MODULE_PATTERNS = /^[A-Za-z0-9_.~*?/,[\]-]+$/;
const PROJECT_ONLY: Array<keyof ImageOptions> = ['binaryName', 'binaries', 'entrypoint'];
const KNOWN: Array<keyof ImageOptions> = ['runtimeFiles', 'binaryName', 'binaries', 'entrypoint', 'ports', 'stamp', 'privateModules'];

/**
 * Checks options as a user wrote them and returns them typed; `file` and `key` say where they were
 * (`apps/web/project.json`, `go-docker`) so every error points at the line to fix.
 */
export function validateImageOptions(raw: unknown, file: string, key: string, source: OptionsSource): ImageOptions {
  const fail = (field: string, problem: string): never => {
    throw new ImageOptionsError(file, `${key}.${field} ${problem}`);
  };
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ImageOptionsError(file, `${key} must be an object of image options (${KNOWN.join(', ')})`);
  const input = raw as Record<string, unknown>;
  for (const name of Object.keys(input)) {
    if (!(KNOWN as string[]).includes(name)) throw new ImageOptionsError(file, `${key}.${name} is not an image option; known: ${KNOWN.join(', ')}`);
    if (source === 'workspace' && (PROJECT_ONLY as string[]).includes(name)) fail(name, 'names one project\'s binaries: set it in that project\'s project.json, not in nx.json');
  }
  const options: ImageOptions = {};

  if (input.runtimeFiles !== undefined) {
    if (!Array.isArray(input.runtimeFiles)) fail('runtimeFiles', 'must be a list of paths, e.g. ["templates", "static"]');
    options.runtimeFiles = (input.runtimeFiles as unknown[]).map((entry, i) => runtimeFile(entry, (problem) => fail(`runtimeFiles[${i}]`, problem)));
  }
  if (input.binaryName !== undefined) {
    if (typeof input.binaryName !== 'string' || !BINARY_NAME.test(input.binaryName)) fail('binaryName', `must be a file name of letters, digits, '.', '_' or '-' (got ${JSON.stringify(input.binaryName)})`);
    options.binaryName = input.binaryName as string;
  }
  if (input.binaries !== undefined) {
    if (!Array.isArray(input.binaries) || input.binaries.length === 0) fail('binaries', 'must be a non-empty list of { "name": "<binary>", "main": "<folder of a package main>" }');
    options.binaries = (input.binaries as unknown[]).map((entry, i) => {
      const where = `binaries[${i}]`;
      if (typeof entry !== 'object' || entry === null) return fail(where, 'must be { "name": "<binary>", "main": "<folder of a package main>" }');
      const { name, main } = entry as Record<string, unknown>;
      if (typeof name !== 'string' || !BINARY_NAME.test(name)) fail(`${where}.name`, `must be a file name of letters, digits, '.', '_' or '-' (got ${JSON.stringify(name)})`);
      if (typeof main !== 'string' || !safePath(main)) fail(`${where}.main`, `must be a workspace-relative folder (got ${JSON.stringify(main)})`);
      return { name: name as string, main: normalizePath(main as string) as string };
    });
  }
  if (input.entrypoint !== undefined) {
    if (typeof input.entrypoint !== 'string' || !BINARY_NAME.test(input.entrypoint)) fail('entrypoint', `must be the name of one of the image's binaries (got ${JSON.stringify(input.entrypoint)})`);
    options.entrypoint = input.entrypoint as string;
  }
  if (options.binaries && options.entrypoint === undefined) fail('entrypoint', `must be set when binaries is: the image holds several programs, say which one it runs (one of ${[options.binaryName ?? '<the app>', ...options.binaries.map((b) => b.name)].join(', ')})`);
  if (input.ports !== undefined) {
    const ports = input.ports;
    if (!Array.isArray(ports) || ports.some((p) => !Number.isInteger(p) || (p as number) < 1 || (p as number) > 65535)) fail('ports', `must be a list of port numbers 1-65535, e.g. [8080] (got ${JSON.stringify(ports)})`);
    options.ports = [...new Set(ports as number[])];
  }
  if (input.stamp !== undefined) {
    const stamp = input.stamp;
    if (typeof stamp !== 'object' || stamp === null || Array.isArray(stamp) || Object.keys(stamp).length === 0) fail('stamp', 'must be an object of "<import path>.<variable>": "<value>", e.g. { "main.version": "{version}" }');
    for (const [variable, value] of Object.entries(stamp as Record<string, unknown>)) {
      if (!STAMP_VARIABLE.test(variable)) fail('stamp', `key ${JSON.stringify(variable)} is not "<import path>.<variable>" (e.g. main.version, example.com/app/internal/version.Commit)`);
      if (typeof value !== 'string' || !STAMP_VALUE.test(value)) fail(`stamp["${variable}"]`, `must be text of letters, digits and _.:+@/=,- with {version} {commit} {commitTime} (got ${JSON.stringify(value)})`);
    }
    options.stamp = stamp as Record<string, string>;
  }
  if (input.privateModules !== undefined) options.privateModules = privateModules(input.privateModules, (field, problem) => fail(`privateModules${field}`, problem));
  return options;
}

function runtimeFile(entry: unknown, fail: (problem: string) => never): RuntimeFile {
  if (typeof entry === 'string') {
    if (!safePath(entry) || entry.split(/[\\/]/).includes('..')) fail(`must be a path inside the app folder, without .. (got ${JSON.stringify(entry)}); for other places use { "from": "<workspace path>", "to": "<path in /app>" }`);
    return normalizePath(entry) as string;
  }
  if (typeof entry === 'object' && entry !== null) {
    const { from, to } = entry as Record<string, unknown>;
    if (typeof from !== 'string' || !safePath(from)) fail(`has .from, which must be a workspace-relative path (got ${JSON.stringify(from)})`);
    if (typeof to !== 'string' || !safePath(to) || to.split(/[\\/]/).includes('..')) fail(`has .to, which must be a path inside /app, without .. (got ${JSON.stringify(to)})`);
    return { from: normalizePath(from as string) as string, to: normalizePath(to as string) as string };
  }
  return fail('must be a path string or { "from": "<workspace path>", "to": "<path in /app>" }');
}

function privateModules(raw: unknown, fail: (field: string, problem: string) => never): PrivateModules {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('', 'must be { "goprivate": "example.com/corp/*", "netrc": { "src": "~/.netrc" } }');
  const input = raw as Record<string, unknown>;
  for (const name of Object.keys(input)) {
    if (!['goprivate', 'gonosumdb', 'gonoproxy', 'netrc', 'ca'].includes(name)) fail(`.${name}`, 'is not known; known: goprivate, gonosumdb, gonoproxy, netrc, ca');
  }
  const out: PrivateModules = { goprivate: '' };
  for (const field of ['goprivate', 'gonosumdb', 'gonoproxy'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !MODULE_PATTERNS.test(value)) fail(`.${field}`, `must be comma-separated module path patterns like example.com/corp/* (got ${JSON.stringify(value)})`);
    out[field] = value as string;
  }
  if (!out.goprivate) fail('.goprivate', 'is required: the module path patterns that need credentials, e.g. "example.com/corp/*"');
  const netrc = input.netrc;
  if (netrc !== undefined) {
    const fields = typeof netrc === 'object' && netrc !== null ? (netrc as Record<string, unknown>) : {};
    const keys = Object.keys(fields);
    const ok = keys.length === 1 && ((keys[0] === 'src' && typeof fields.src === 'string' && fields.src !== '') || (keys[0] === 'env' && typeof fields.env === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(fields.env)));
    if (!ok) fail('.netrc', 'must be { "src": "<path of a netrc file>" } or { "env": "<variable holding its text>" }');
    out.netrc = fields as PrivateModules['netrc'];
  }
  const ca = input.ca;
  if (ca !== undefined) {
    const src = typeof ca === 'object' && ca !== null && Object.keys(ca).length === 1 ? (ca as Record<string, unknown>).src : undefined;
    if (typeof src !== 'string' || src === '') fail('.ca', 'must be { "src": "<path of a PEM CA certificate>" }');
    out.ca = { src: src as string };
  }
  return out;
}

/** A relative path that is only data in a Dockerfile (JSON-form COPY) and an ignore file: no quotes, `$`, globs or control characters. */
function safePath(path: string): boolean {
  return path !== '' && !/^[/\\]|^[A-Za-z]:/.test(path) && !/["'$`\\*?[\]!#\u0000-\u001f\u007f]/.test(path) && normalizePath(path) !== undefined && normalizePath(path) !== '.';
}

/** Project options win over workspace ones, field by field. */
export function mergeImageOptions(workspace: ImageOptions, project: ImageOptions): ImageOptions {
  return { ...workspace, ...project };
}

/** The `{ from, to }` of every runtime file, `from` workspace-relative. */
export function runtimeFileCopies(options: ImageOptions, appDir: string): Array<{ from: string; to: string }> {
  return (options.runtimeFiles ?? []).map((entry) => (typeof entry === 'string' ? { from: appDir === '.' ? entry : `${appDir}/${entry}`, to: entry } : entry));
}
