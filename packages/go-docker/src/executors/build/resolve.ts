import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { EngineCapabilities } from './engines/engine';
import { type GitFacts, readGitFacts, sourceDateEpoch } from './git-facts';
import { listOption } from '../../utils/list-option';
import { normalizeBuildArgs } from './build-args';
import { createPlaceholderResolver } from './placeholders';
import { type BuildRequest, hostPlatform } from './request';
import type { BuildExecutorSchema } from './schema';

export interface ResolveContext {
  workspaceRoot: string;
  projectName: string;
  projectRoot: string;
  engine: 'buildx' | 'podman' | 'docker';
  capabilities: EngineCapabilities;
  env: NodeJS.ProcessEnv;
  /** HEAD's sha, commit time and remote; read here when the caller has not. */
  git?: GitFacts;
}

/**
 * Nx's command line splits `--cacheTo=type=local,dest=x,mode=max` at the commas into three array items.
 * Items that do not start a new spec (with `type=`, or `id=` for secrets) belong to the previous one.
 */
export function rejoinSpecs(values: string[] | undefined, startKey: 'type' | 'id'): string[] | undefined {
  if (!values) return values;
  const specs: string[] = [];
  for (const value of values) {
    const key = /^([\w-]+)=/.exec(value)?.[1];
    if (specs.length > 0 && key !== undefined && key !== startKey) specs[specs.length - 1] += `,${value}`;
    else specs.push(value);
  }
  return specs;
}


/** Executor options → a complete build: defaults per situation, placeholders resolved, paths absolute. */
export function resolveBuildRequest(rawOptions: BuildExecutorSchema, context: ResolveContext): BuildRequest {
  const options: BuildExecutorSchema = {
    ...rawOptions,
    cacheFrom: rejoinSpecs(rawOptions.cacheFrom, 'type'),
    cacheTo: rejoinSpecs(rawOptions.cacheTo, 'type'),
    outputs: rejoinSpecs(rawOptions.outputs, 'type'),
    secrets: rejoinSpecs(rawOptions.secrets, 'id'),
  };
  const { workspaceRoot } = context;
  const absolute = (path: string) => (isAbsolute(path) ? path : join(workspaceRoot, path));
  if (!options.file) throw new Error('the "file" option (the Dockerfile) is required');
  if (!options.context) throw new Error('the "context" option (the build context directory) is required');
  const file = absolute(options.file);
  const buildContext = absolute(options.context);
  if (!existsSync(file)) throw new Error(`Dockerfile not found: ${options.file}`);
  if (!existsSync(buildContext)) throw new Error(`build context not found: ${options.context}`);

  const git = context.git ?? readGitFacts(workspaceRoot);
  const resolve = createPlaceholderResolver({ ...context, gitSha: git.sha });
  const epoch = sourceDateEpoch(context.env, git);
  // CI sets these once for every image (see the ci generator); they are inputs of the inferred target.
  const push = options.push ?? context.env.GO_DOCKER_PUSH === 'true';
  // Repository names must be lowercase; CI owners (github.repository_owner) often are not.
  const registry = context.env.GO_DOCKER_REGISTRY?.replace(/\/+$/, '').toLowerCase();
  const outputs = options.outputs ?? [];
  const load = options.load ?? (!push && outputs.length === 0);
  const platforms = listOption(options.platforms) ?? (push ? ['linux/amd64', 'linux/arm64'] : [hostPlatform()]);
  const tags = (listOption(options.tags) ?? [`${registry ? `${registry}/` : ''}{projectName}:latest`]).map(resolve);
  const metadataFile = absolute(options.metadataFile ?? join('dist', 'docker', relative(workspaceRoot, dirname(file)), 'metadata.json'));
  const caches = defaultCaches(options, context);

  return {
    workspaceRoot,
    context: buildContext,
    file,
    platforms,
    tags,
    push,
    load,
    outputs,
    cacheFrom: caches.from,
    cacheTo: caches.to,
    buildArgs: normalizeBuildArgs(options.buildArgs),
    secrets: checkSecrets(options.secrets ?? [], context.env, workspaceRoot),
    ssh: options.ssh ?? [],
    target: options.target,
    labels: { ...ociLabels(context.projectName, git, epoch, resolve), ...Object.fromEntries(Object.entries(options.labels ?? {}).map(([k, v]) => [k, resolve(v)])) },
    provenance: options.provenance,
    sbom: options.sbom,
    builder: options.builder,
    network: options.network,
    noCache: options.noCache ?? false,
    pull: options.pull ?? false,
    quiet: options.quiet ?? false,
    sourceDateEpoch: epoch,
    rewriteTimestamps: epoch !== undefined && context.capabilities.rewritesTimestamps && options.rewriteTimestamps !== false,
    metadataFile,
    engineReportFile: join(dirname(metadataFile), `${context.engine}-report.txt`),
    docker: options.dockerPath ?? 'docker',
    hostPlatform: hostPlatform(),
  };
}

/**
 * Build cache defaults, when the options name none and the engine can export one: BuildKit's GitHub
 * Actions cache inside Actions (the runner starts empty and Actions keeps the cache), nothing elsewhere.
 * A Go image's costly work lives in the cache mounts (GOCACHE, the module cache), which no cache exporter
 * carries; an exported `mode=max` cache is mostly the golang base image again (≈250 MB per project) and
 * costs seconds per build, and a persistent builder already holds every layer. A registry or local cache
 * is one `cacheTo`/`cacheFrom` away for those who want it.
 */
function defaultCaches(options: BuildExecutorSchema, context: ResolveContext): { from: string[]; to: string[] } {
  if (options.cacheFrom !== undefined || options.cacheTo !== undefined) return { from: options.cacheFrom ?? [], to: options.cacheTo ?? [] };
  if (context.engine !== 'buildx' || !context.capabilities.exportsCache) return { from: [], to: [] };
  if (context.env.GITHUB_ACTIONS === 'true' && context.env.ACTIONS_RUNTIME_TOKEN) {
    const scope = context.projectName.replace(/[^A-Za-z0-9_.-]/g, '-');
    return { from: [`type=gha,scope=${scope}`], to: [`type=gha,mode=max,scope=${scope}`] };
  }
  return { from: [], to: [] };
}

/** A secret's source must exist before the build starts; its value is never read here or printed. */
function checkSecrets(secrets: string[], env: NodeJS.ProcessEnv, workspaceRoot: string): string[] {
  return secrets.map((spec) => {
    const fields = Object.fromEntries(spec.split(',').map((kv) => kv.split('=', 2) as [string, string]));
    if (!fields.id) throw new Error(`secret "${spec}" has no id= (expected id=NAME,env=VAR or id=NAME,src=PATH)`);
    if (fields.env !== undefined && env[fields.env] === undefined) throw new Error(`secret ${fields.id}: environment variable ${fields.env} is not set`);
    const src = fields.src ?? fields.source;
    if (src !== undefined && !existsSync(isAbsolute(src) ? src : join(workspaceRoot, src))) throw new Error(`secret ${fields.id}: file ${src} does not exist`);
    return spec;
  });
}

/** OCI annotations: what was built, from which commit and source, and when (the commit's time: no wall clock). */
function ociLabels(projectName: string, git: GitFacts, epoch: number | undefined, resolve: (text: string) => string): Record<string, string> {
  const labels: Record<string, string> = { 'org.opencontainers.image.title': projectName };
  if (git.sha) labels['org.opencontainers.image.revision'] = git.sha;
  try {
    labels['org.opencontainers.image.version'] = resolve('{version}');
  } catch {
    // no version: the label is simply absent
  }
  if (git.remote) labels['org.opencontainers.image.source'] = git.remote;
  labels['org.opencontainers.image.created'] = (epoch !== undefined ? new Date(epoch * 1000) : new Date()).toISOString();
  return labels;
}
