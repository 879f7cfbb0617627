import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { type BuildArgsOption, normalizeBuildArgs } from '../executors/build/build-args';
import { headCommit } from '../executors/build/git-facts';
import { log } from '../executors/log';
import { joinPath } from '../go/file-system';
import { projectVersion } from '../release/project-version';
import { STAMP_ARGS } from './image-plan';
import { loadImageOptions, PROJECT_KEY } from './load';
import { CA_SECRET_ID, type ImageOptions, NETRC_SECRET_ID } from './options';

export interface BuildImageContext {
  workspaceRoot: string;
  projectName: string;
  projectRoot: string;
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
}

/** What the image options add to one build: stamp build args and the netrc secret. */
export interface ImageBuildAdditions {
  buildArgs: Record<string, string>;
  secrets: string[];
}

/**
 * The docker-build target's half of the image options: the version stamp's build args (from the
 * project's own version and its commit, never the clock) and the private-module credentials as a
 * BuildKit secret. Refuses a Dockerfile setup wrote before the options changed.
 */
export function imageBuildAdditions(context: BuildImageContext, explicitArgs: Record<string, string> = {}): ImageBuildAdditions {
  const read = (path: string) => {
    const file = join(context.workspaceRoot, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  const options = loadImageOptions(read, context.projectRoot || '.');
  const dockerfile = readFileSync(context.dockerfile, 'utf8');
  const stale = staleParts(options, dockerfile);
  if (stale.length > 0) {
    throw new Error(
      `${joinPath(context.projectRoot, 'project.json')} (or nx.json) sets image options that ${relative(context.workspaceRoot, context.dockerfile)} does not have (${stale.join('; ')}): run \`nx g go-docker:setup --projects=${context.projectName}\` to write them`,
    );
  }
  const buildArgs: Record<string, string> = {};
  const declared = declaredArgs(dockerfile);
  const wanted = Object.values(STAMP_ARGS).filter((arg) => declared.has(arg) && explicitArgs[arg] === undefined);
  if (wanted.length > 0) {
    const commit = headCommit(context.workspaceRoot);
    const values: Record<string, () => string> = {
      [STAMP_ARGS.version]: () => stampVersion(context.workspaceRoot, context.projectName, context.projectRoot, commit?.sha),
      [STAMP_ARGS.commit]: () => commit?.sha ?? 'unknown',
      [STAMP_ARGS.commitTime]: () => (commit ? new Date(commit.commitTime * 1000).toISOString().replace(/\.000Z$/, 'Z') : '1970-01-01T00:00:00Z'),
    };
    if (!commit) context.warn(`${context.projectName}: not a git checkout with a commit; the version stamp says commit "unknown"`);
    for (const arg of wanted) buildArgs[arg] = values[arg]();
  }
  const secrets: string[] = [];
  if (options.privateModules) {
    const secret = netrcSecret(options, context);
    if (secret) secrets.push(secret);
    else context.warn(`${context.projectName}: private modules (${options.privateModules.goprivate}) but no netrc credentials found (privateModules.netrc, $NETRC or ~/.netrc): the module download will fail if they need them`);
    const ca = options.privateModules.ca;
    if (ca) {
      const path = expandPath(ca.src, context.workspaceRoot);
      if (!existsSync(path)) throw new Error(`${PROJECT_KEY}.privateModules.ca: ${ca.src} does not exist`);
      secrets.push(`id=${CA_SECRET_ID},src=${path}`);
    }
  }
  return { buildArgs, secrets };
}

/** Names of every ARG a Dockerfile declares. */
function declaredArgs(dockerfile: string): Set<string> {
  return new Set([...dockerfile.matchAll(/^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)/gim)].map((m) => m[1]));
}

/** What the options ask for that the Dockerfile lacks: a sign setup has not run since they changed. */
export function staleParts(options: ImageOptions, dockerfile: string): string[] {
  const missing: string[] = [];
  for (const entry of options.runtimeFiles ?? []) {
    const to = typeof entry === 'string' ? entry : entry.to;
    if (!dockerfile.includes(`"/app/${to}"]`)) missing.push(`runtime file ${to}`);
  }
  for (const name of [options.binaryName, ...(options.binaries ?? []).map((b) => b.name)]) {
    if (name !== undefined && !dockerfile.includes(`/usr/local/bin/${name}\n`)) missing.push(`binary ${name}`);
  }
  if (options.entrypoint && !dockerfile.includes(`ENTRYPOINT ["/usr/local/bin/${options.entrypoint}"]`)) missing.push(`entrypoint ${options.entrypoint}`);
  for (const port of options.ports ?? []) if (!new RegExp(`^EXPOSE ${port}$`, 'm').test(dockerfile)) missing.push(`port ${port}`);
  for (const variable of Object.keys(options.stamp ?? {})) if (!dockerfile.includes(`-X ${variable}=`)) missing.push(`stamp ${variable}`);
  if (options.privateModules && !dockerfile.includes(`id=${NETRC_SECRET_ID},`)) missing.push('private modules');
  return missing;
}

function netrcSecret(options: ImageOptions, context: BuildImageContext): string | undefined {
  const netrc = options.privateModules?.netrc;
  if (netrc && 'env' in netrc) {
    if (context.env[netrc.env] === undefined) throw new Error(`${PROJECT_KEY}.privateModules.netrc: environment variable ${netrc.env} is not set`);
    return `id=${NETRC_SECRET_ID},env=${netrc.env}`;
  }
  if (netrc && 'src' in netrc) {
    const path = expandPath(netrc.src, context.workspaceRoot);
    if (!existsSync(path)) throw new Error(`${PROJECT_KEY}.privateModules.netrc: ${netrc.src} does not exist`);
    return `id=${NETRC_SECRET_ID},src=${path}`;
  }
  for (const candidate of [context.env.NETRC, join(homedir(), '.netrc')]) {
    if (candidate && existsSync(candidate)) return `id=${NETRC_SECRET_ID},src=${candidate}`;
  }
  return undefined;
}

/** `~/x` in the home folder, a relative path from the workspace root. */
function expandPath(path: string, workspaceRoot: string): string {
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : isAbsolute(path) ? path : join(workspaceRoot, path);
}

/** The stamp's version: the project's own (see release/project-version), else the commit, never the workspace's. */
export function stampVersion(workspaceRoot: string, projectName: string, projectRoot: string, sha: string | undefined): string {
  return projectVersion({ workspaceRoot, projectName, projectRoot }) ?? (sha ? `0.0.0-g${sha.slice(0, 12)}` : '0.0.0-dev');
}

/** Executor options with the image options' build args and secrets added (explicit buildArgs win). */
export function withImageOptions<T extends { file?: string; buildArgs?: BuildArgsOption; secrets?: string[] }>(options: T, workspaceRoot: string, projectName: string, projectRoot: string): T {
  if (!options.file) return options;
  const dockerfile = isAbsolute(options.file) ? options.file : join(workspaceRoot, options.file);
  if (!existsSync(dockerfile)) return options;
  const explicit = normalizeBuildArgs(options.buildArgs);
  const added = imageBuildAdditions({ workspaceRoot, projectName, projectRoot, dockerfile, env: process.env, warn: (message) => log.info(`go-docker:build: warning: ${message}`) }, explicit);
  if (Object.keys(added.buildArgs).length === 0 && added.secrets.length === 0) return options;
  return { ...options, buildArgs: { ...added.buildArgs, ...explicit }, secrets: [...(options.secrets ?? []), ...added.secrets] };
}
