import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { EngineCapabilities } from './engines/engine';
import { listOption } from '../../utils/list-option';
import { normalizeBuildArgs } from './build-args';
import { createPlaceholderResolver } from './placeholders';
import { type BuildRequest, hostPlatform, repositoryOf } from './request';
import type { BuildExecutorSchema } from './schema';

export interface ResolveContext {
  workspaceRoot: string;
  projectName: string;
  projectRoot: string;
  engine: 'buildx' | 'podman' | 'docker';
  capabilities: EngineCapabilities;
  env: NodeJS.ProcessEnv;
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

  const resolve = createPlaceholderResolver(context);
  // CI sets these once for every image (see the ci generator); they are inputs of the inferred target.
  const push = options.push ?? context.env.GO_DOCKER_PUSH === 'true';
  // Repository names must be lowercase; CI owners (github.repository_owner) often are not.
  const registry = context.env.GO_DOCKER_REGISTRY?.replace(/\/+$/, '').toLowerCase();
  const outputs = options.outputs ?? [];
  const load = options.load ?? (!push && outputs.length === 0);
  const platforms = listOption(options.platforms) ?? (push ? ['linux/amd64', 'linux/arm64'] : [hostPlatform()]);
  const tags = (listOption(options.tags) ?? [`${registry ? `${registry}/` : ''}{projectName}:latest`]).map(resolve);
  const metadataFile = absolute(options.metadataFile ?? join('dist', 'docker', relative(workspaceRoot, dirname(file)), 'metadata.json'));
  const caches = defaultCaches(options, context, tags, push);

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
    labels: { ...ociLabels(context, resolve), ...Object.fromEntries(Object.entries(options.labels ?? {}).map(([k, v]) => [k, resolve(v)])) },
    provenance: options.provenance,
    sbom: options.sbom,
    builder: options.builder,
    network: options.network,
    noCache: options.noCache ?? false,
    pull: options.pull ?? false,
    quiet: options.quiet ?? false,
    metadataFile,
    engineReportFile: join(dirname(metadataFile), `${context.engine}-report.txt`),
    docker: options.dockerPath ?? 'docker',
    hostPlatform: hostPlatform(),
  };
}

/**
 * Build cache defaults, when the options name none and the engine can export one: BuildKit's GitHub
 * Actions cache inside Actions, a registry cache beside the image when pushing, a local directory otherwise.
 */
function defaultCaches(options: BuildExecutorSchema, context: ResolveContext, tags: string[], push: boolean): { from: string[]; to: string[] } {
  if (options.cacheFrom !== undefined || options.cacheTo !== undefined) return { from: options.cacheFrom ?? [], to: options.cacheTo ?? [] };
  if (context.engine !== 'buildx' || !context.capabilities.exportsCache) return { from: [], to: [] };
  const scope = context.projectName.replace(/[^A-Za-z0-9_.-]/g, '-');
  if (context.env.GITHUB_ACTIONS === 'true' && context.env.ACTIONS_RUNTIME_TOKEN) {
    return { from: [`type=gha,scope=${scope}`], to: [`type=gha,mode=max,scope=${scope}`] };
  }
  if (push) {
    const ref = `${repositoryOf(tags[0])}:buildcache`;
    return { from: [`type=registry,ref=${ref}`], to: [`type=registry,ref=${ref},mode=max`] };
  }
  const dir = join(context.workspaceRoot, 'node_modules', '.cache', 'go-docker', 'buildcache', scope);
  return { from: existsSync(join(dir, 'index.json')) ? [`type=local,src=${dir}`] : [], to: [`type=local,dest=${dir},mode=max`] };
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

/** OCI annotations: what was built, from which commit and source. Parts that cannot be known are left out. */
function ociLabels(context: ResolveContext, resolve: (text: string) => string): Record<string, string> {
  const labels: Record<string, string> = { 'org.opencontainers.image.title': context.projectName };
  const tryResolve = (key: string, text: string) => {
    try {
      labels[key] = resolve(text);
    } catch {
      // not a git checkout, or no version: the label is simply absent
    }
  };
  tryResolve('org.opencontainers.image.revision', '{gitSha}');
  tryResolve('org.opencontainers.image.version', '{version}');
  const source = gitRemote(context.workspaceRoot);
  if (source) labels['org.opencontainers.image.source'] = source;
  const epoch = Number(context.env.SOURCE_DATE_EPOCH);
  labels['org.opencontainers.image.created'] = (Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date()).toISOString();
  return labels;
}

/** The origin URL without credentials (CI checkouts embed tokens in it). */
function gitRemote(cwd: string): string | undefined {
  try {
    const url = execFileSync('git', ['remote', 'get-url', 'origin'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return url.replace(/^(\w+:\/\/)[^@/]+@/, '$1') || undefined;
  } catch {
    return undefined;
  }
}
