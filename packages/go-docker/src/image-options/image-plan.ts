import type { GoApplication } from '../go/applications';
import { commonAncestor, relativeTo } from '../go/paths';
import { CA_DIR, CA_SECRET_ID, type ImageOptions, ImageOptionsError, NETRC_SECRET_ID, runtimeFileCopies } from './options';

/** The runtime image's working directory: owned by 1001:1001 so relative writes work; runtime files live here. */
export const IMAGE_WORKDIR = '/app';

/** Build args the docker-build target fills for the version stamp; `{name}` in a stamp value → `${ARG}`. */
export const STAMP_ARGS = { version: 'VERSION', commit: 'COMMIT', commitTime: 'COMMIT_TIME' } as const;

export interface PlannedBinary {
  name: string;
  app: GoApplication;
}

/** What the image options add to one application's Dockerfile and ignore file. */
export interface ImagePlan {
  /** The application's own binary first. */
  binaries: PlannedBinary[];
  entrypoint: string;
  ports: number[];
  /** Workspace-relative sources and their place in the image. */
  runtimeFiles: Array<{ from: string; to: string; directory: boolean }>;
  /** ` -X main.version=${VERSION} …`, appended to -ldflags. */
  stampFlags: string;
  /** Build args the stamp reads, declared in the build stage. */
  stampArgs: string[];
  /** GOPRIVATE / GONOSUMDB / GONOPROXY with their values, declared before the download step. */
  privateModuleArgs: Array<{ name: string; value: string }>;
  /** The download step mounts the netrc secret. */
  netrcSecret: string | undefined;
  /** …and a CA certificate: secret id and the folder it is mounted in (SSL_CERT_DIR). */
  caSecret: { id: string; dir: string } | undefined;
  /** The build context has to hold these workspace-relative paths too. */
  contextPaths: string[];
}

export interface PlanContext {
  /** Every application in the workspace (extra binaries must be one of them). */
  applications: GoApplication[];
  /** What a workspace-relative path is in the tree. */
  kind: (path: string) => 'file' | 'directory' | undefined;
  /** Names the file the options came from, for errors. */
  optionsFile: string;
  /** setup --port, used when the options name no ports. */
  port?: number;
}

export function planImage(app: GoApplication, options: ImageOptions, context: PlanContext): ImagePlan {
  const fail = (message: string): never => {
    throw new ImageOptionsError(context.optionsFile, message);
  };
  const binaries: PlannedBinary[] = [{ name: options.binaryName ?? app.name, app }];
  for (const extra of options.binaries ?? []) {
    const other = context.applications.find((a) => a.dir === extra.main);
    if (!other) fail(`go-docker.binaries: ${extra.main} is not a Go application (a folder whose package main has func main)`);
    const found = other as GoApplication;
    if ((found.work?.dir ?? found.module.root) !== (app.work?.dir ?? app.module.root)) {
      fail(`go-docker.binaries: ${extra.main} belongs to another module (${found.module.root}) than ${app.dir} (${app.module.root}) and no go.work joins them: one go build cannot build both`);
    }
    binaries.push({ name: extra.name, app: found });
  }
  const names = binaries.map((b) => b.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) fail(`go-docker: two binaries of the ${app.dir} image are named ${duplicate}`);
  const entrypoint = options.entrypoint ?? names[0];
  if (!names.includes(entrypoint)) fail(`go-docker.entrypoint: ${entrypoint} is none of the image's binaries (${names.join(', ')})`);

  const runtimeFiles = runtimeFileCopies(options, app.dir).map(({ from, to }) => {
    const kind = context.kind(from);
    if (!kind) fail(`go-docker.runtimeFiles: ${from} does not exist`);
    return { from, to, directory: kind === 'directory' };
  });

  const stampArgs = new Set<string>();
  const stampFlags = Object.entries(options.stamp ?? {})
    .map(([variable, value]) => {
      const expanded = value.replace(/\{(version|commit|commitTime)\}/g, (_, name: keyof typeof STAMP_ARGS) => {
        stampArgs.add(STAMP_ARGS[name]);
        return `\${${STAMP_ARGS[name]}}`;
      });
      return ` -X ${variable}=${expanded}`;
    })
    .join('');

  const privateModules = options.privateModules;
  const privateModuleArgs = privateModules
    ? [
        { name: 'GOPRIVATE', value: privateModules.goprivate },
        { name: 'GONOSUMDB', value: privateModules.gonosumdb ?? privateModules.goprivate },
        ...(privateModules.gonoproxy !== undefined ? [{ name: 'GONOPROXY', value: privateModules.gonoproxy }] : []),
      ]
    : [];

  return {
    binaries,
    entrypoint,
    ports: options.ports ?? (context.port !== undefined ? [context.port] : []),
    runtimeFiles,
    stampFlags,
    stampArgs: Object.values(STAMP_ARGS).filter((arg) => stampArgs.has(arg)),
    privateModuleArgs,
    netrcSecret: privateModules ? NETRC_SECRET_ID : undefined,
    caSecret: privateModules?.ca ? { id: CA_SECRET_ID, dir: CA_DIR } : undefined,
    contextPaths: [...runtimeFiles.map((f) => f.from), ...binaries.slice(1).map((b) => b.app.buildContext)],
  };
}

/** The smallest context holding the application's build and everything the options add. */
export function widenedContext(context: string, plan: ImagePlan): string {
  return plan.contextPaths.length === 0 ? context : commonAncestor([context, ...plan.contextPaths]);
}

/** Allow-list lines the options add, relative to the context. */
export function allowListAdditions(plan: ImagePlan, context: string): string[] {
  return plan.runtimeFiles.map((file) => relativeTo(context, file.from));
}
