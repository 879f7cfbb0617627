import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ejs';
import type { GoApplication } from '../../go/applications';
import { joinPath } from '../../go/file-system';
import { CGO_SOURCE_PATTERNS } from '../../go/package-files';
import { isWithin, relativeTo } from '../../go/paths';
import { goVersionAtLeast } from '../../go/go-version';
import type { GoWorkspace } from '../../go/workspace';
import { defaultGoImage } from '../../utils/images';
import { allowListAdditions, IMAGE_WORKDIR, type ImagePlan, widenedContext } from '../../image-options/image-plan';
import { planModules, workspaceVersionWarnings } from './module-plan';
import { assertWritable, buildkitWord, copyArguments, execForm, ignorePattern, mountField, shellWord, singleQuoted } from './syntax';
import type { SetupStrategy } from './schema';

export interface RenderOptions {
  strategy: SetupStrategy;
  runtime: string;
  cgoRuntime: string;
  goImage?: string;
  port?: number;
  debugSymbols: boolean;
}

export interface DockerfilePlan {
  /** Workspace-relative paths. */
  dockerfilePath: string;
  ignorePath: string;
  /** Build context directory, workspace-relative. */
  context: string;
  dockerfile: string;
  ignore: string;
  warnings: string[];
  /** The go commands of the in-docker build stage, as argv: what the Dockerfile runs, for replaying it. */
  goCommands: GoCommands;
}

export interface GoCommands {
  /** Where they run, relative to the context. */
  workdir: string;
  /** Context-relative module files the download step mounts (and nothing else). */
  moduleFiles: string[];
  /** `go mod download` arguments (none: every requirement of the main module); undefined: no download step. */
  download: string[] | undefined;
  /** `go build` arguments, without -o. */
  build: string[];
  /** Environment of the build step beyond CGO_ENABLED/GOOS/GOARCH. */
  env: Record<string, string>;
}

const TEMPLATES = join(__dirname, 'files');

/** Where the prebuilt strategy's go-build target leaves binaries: dist/<app dir>/<os>_<arch>/<name>. */
export function prebuiltBinaryDir(app: GoApplication): string {
  return joinPath('dist', app.dir);
}

/**
 * Plans one application's Dockerfile and ignore file. Throws ModuleFileError (a go.mod / go.work line no
 * build can satisfy) or UnsafePathError (a path no Dockerfile can name): the caller skips that app.
 */
export function planDockerfile(app: GoApplication, workspace: GoWorkspace, options: RenderOptions, image: ImagePlan = defaultImagePlan(app, options)): DockerfilePlan {
  assertWritable(app.dir);
  const prebuilt = options.strategy === 'prebuilt';
  const modules = planModules(app, workspace, image.binaries.slice(1).map((b) => b.app));
  // prebuilt binaries live under dist/ at the workspace root, so that is the context they come from.
  const context = prebuilt ? '.' : widenedContext(modules.context, image);
  const fromContext = (path: string) => relativeTo(context, path);
  const dockerfilePath = joinPath(app.dir, 'Dockerfile');
  const runtimeImage = app.usesCgo ? options.cgoRuntime : options.runtime;
  const goImage = options.goImage ?? defaultGoImage(app.goImageTag, app.usesCgo);
  // Extra binaries (image options) build in the same module or go.work: their module files join the app's.
  const moduleFiles = [...new Set([...app.moduleFiles, ...modules.extraModuleFiles, ...image.binaries.slice(1).flatMap((b) => b.app.moduleFiles)])].map(fromContext);
  const vendor = app.vendorDir !== undefined;
  const downloads = vendor ? undefined : modules.downloads;
  const goCommands: GoCommands = {
    // The go command runs where it finds the main module (or go.work): that may sit below the context
    // (replace ../sibling without go.work), so the build stage works there and builds the package from it.
    workdir: relativeTo(context, app.work ? app.work.dir : app.module.root),
    moduleFiles,
    // An app that imports no package from outside the workspace's modules has no download step at all.
    download: downloads === undefined || downloads.length === 0 ? undefined : downloads === 'all' ? [] : downloads,
    // A go.work above the module that does not use it: the go command would refuse the module, and podman
    // bind-mounts the whole context (ignore file or not), so the build says it builds the module alone.
    env: !app.work && workspace.works.some((w) => isWithin(app.module.root, w.dir)) ? { GOWORK: 'off' } : {},
    build: [
      '-trimpath',
      ...(vendor ? ['-mod=vendor'] : []),
      // -buildvcs exists from go 1.18; before, the go command stamped no VCS data at all.
      ...(supportsBuildVcsFlag(goImage) ? ['-buildvcs=false'] : []),
      // The version stamp's -X flags (image options) read build args: ${VERSION} expands in the RUN's shell.
      ...(options.debugSymbols && !image.stampFlags ? [] : [`-ldflags=${`${options.debugSymbols ? '' : '-s -w'}${image.stampFlags}`.trim()}`]),
    ],
  };
  const packagePath = packagePathFrom(app.work ? app.work.dir : app.module.root, app.dir);
  const installed = (name: string) => `/usr/local/bin/${name}`;
  const data = {
    name: app.name,
    cgo: app.usesCgo,
    scratch: runtimeImage === 'scratch',
    goImage,
    runtimeImage,
    ports: image.ports,
    ldflags: options.debugSymbols ? '' : '-s -w',
    contextLabel: prebuilt ? 'the workspace root' : contextLabel(app, context),
    buildCommand: `docker buildx build --platform linux/amd64,linux/arm64 -f ${shellWord(dockerfilePath)} ${shellWord(context)}`,
    ...moduleMounts(moduleFiles),
    workdir: buildkitWord(goCommands.workdir === '.' ? '/src' : `/src/${goCommands.workdir}`),
    vendor,
    download: goCommands.download?.map(shellWord),
    noDownloadReason: downloads !== undefined && downloads.length === 0 ? `${app.name} imports no package from outside the workspace's modules: there is nothing to download` : undefined,
    buildFlags: goCommands.build.map((flag) => (flag.startsWith('-ldflags=') ? `-ldflags="${flag.slice('-ldflags='.length)}"` : shellWord(flag))).join(' '),
    buildEnv: Object.entries(goCommands.env).map(([k, v]) => `${k}=${shellWord(v)} `).join(''),
    // Image options (image-options/): binaries, stamp, private modules, runtime files, working directory.
    binaries: image.binaries.map((b) => {
      const out = `/out/${assertWritable(b.name)}`;
      return { out: shellWord(out), packagePath: shellWord(packagePathFrom(app.work ? app.work.dir : app.module.root, b.app.dir)), copy: copyArguments([buildkitWord(out), buildkitWord(installed(b.name))]) };
    }),
    copyPrebuilt: copyArguments([`${buildkitWord(`${prebuiltBinaryDir(app)}/`)}${'${TARGETOS}_${TARGETARCH}'}/${buildkitWord(app.name)}`, buildkitWord(installed(image.binaries[0].name))]),
    entrypoint: execForm([installed(image.entrypoint)]),
    binaryDir: prebuiltBinaryDir(app),
    imageWorkdir: IMAGE_WORKDIR,
    stampArgs: image.stampArgs,
    privateModuleArgs: image.privateModuleArgs,
    netrcSecret: image.netrcSecret,
    // The steps that fetch modules (download and build; none from vendor/) mount the credentials and trust the CA.
    fetchMounts: vendor ? [] : [
      ...(image.netrcSecret ? [`type=secret,id=${image.netrcSecret},target=/root/.netrc`] : []),
      ...(image.caSecret ? [`type=secret,id=${image.caSecret.id},target=${image.caSecret.dir}/ca.pem`] : []),
    ],
    fetchEnv: image.caSecret && !vendor ? `SSL_CERT_DIR=/etc/ssl/certs:${image.caSecret.dir} ` : '',
    runtimeFiles: image.runtimeFiles.map((f) => ({ source: fromContext(f.from), target: `${IMAGE_WORKDIR}/${f.to}` })),
  };
  const allow = [
    ...(prebuilt ? [`${ignorePattern(data.binaryDir)}/*_*/${ignorePattern(app.name)}`] : [...new Set(image.binaries.flatMap((b) => buildInputs(b.app, moduleFiles, fromContext)))]),
    ...allowListAdditions(image, context).map(ignorePattern),
  ];
  return {
    dockerfilePath,
    ignorePath: `${dockerfilePath}.dockerignore`,
    context,
    dockerfile: renderTemplate(join(options.strategy, 'Dockerfile.ejs'), data),
    ignore: renderTemplate('Dockerfile.dockerignore.ejs', { ...data, allow, deny: prebuilt ? [] : ['**/*_test.go'] }),
    warnings: warningsFor(app, workspace),
    goCommands: { ...goCommands, build: [...goCommands.build, packagePath] },
  };
}

/**
 * The download step's bind mounts of module files. BuildKit reads RUN flags byte by byte, so a folder with
 * non-ASCII letters reaches its mount through a build arg (expanded after that split, as UTF-8).
 */
function moduleMounts(files: string[]): { moduleMounts: string[]; folderArgs: string[] } {
  const folderArgs: string[] = [];
  const mounts = files.map((file) => {
    if (!/[^\x00-\x7f]/.test(file)) return `${mountField('source', file)},${mountField('target', `/src/${file}`)}`;
    const slash = file.lastIndexOf('/');
    const name = `GO_DOCKER_FOLDER_${folderArgs.length + 1}`;
    folderArgs.push(`${name}=${singleQuoted(file.slice(0, slash))}`);
    const base = file.slice(slash + 1);
    return `source=\${${name}}/${base},target=/src/\${${name}}/${base}`;
  });
  return { moduleMounts: mounts, folderArgs };
}

/** What the build context is, named exactly: the module root, the folder of go.work, or an ancestor of several. */
function contextLabel(app: GoApplication, context: string): string {
  const where = context === '.' ? 'the workspace root' : `${context}/`;
  if (context === app.module.root) return `${where} (the module root)`;
  if (app.work && context === app.work.dir) return `${where} (the folder of go.work)`;
  return `${where} (the common ancestor of the modules and packages the build reads)`;
}

/** The builder's Go, from the image tag (`golang:1.17-alpine` → 1.17); an untagged or unversioned image is taken as current. */
function supportsBuildVcsFlag(goImage: string): boolean {
  const tag = /:([^:/@]+)(@|$)/.exec(goImage)?.[1];
  const version = tag ? /^(\d+\.\d+)/.exec(tag)?.[1] : undefined;
  return version === undefined || goVersionAtLeast(version, '1.18');
}

/** No image options: the app's own binary, setup's --port. */
function defaultImagePlan(app: GoApplication, options: RenderOptions): ImagePlan {
  return {
    binaries: [{ name: app.name, app }],
    entrypoint: app.name,
    ports: options.port !== undefined ? [options.port] : [],
    runtimeFiles: [],
    stampFlags: '',
    stampArgs: [],
    privateModuleArgs: [],
    netrcSecret: undefined,
    caSecret: undefined,
    contextPaths: [],
  };
}

/** `./apps/api` as the go command names the package from `from`; `.` when it is that directory. */
function packagePathFrom(from: string, dir: string): string {
  const path = relativeTo(from, dir);
  return path === '.' ? '.' : `./${path}`;
}

/** The allow-list: module files, the vendor/ folder the build reads, then each local package's sources and embedded files. */
function buildInputs(app: GoApplication, moduleFiles: string[], fromContext: (path: string) => string): string[] {
  const inDir = (dir: string, pattern: string) => (fromContext(dir) === '.' ? pattern : `${ignorePattern(fromContext(dir))}/${pattern}`);
  const patterns = moduleFiles.map(ignorePattern);
  if (app.vendorDir) patterns.push(ignorePattern(fromContext(app.vendorDir)));
  for (const pkg of app.localPackages) {
    patterns.push(inDir(pkg.dir, '*.go'));
    if (pkg.usesCgo) patterns.push(...CGO_SOURCE_PATTERNS.map((p) => inDir(pkg.dir, p)));
    // Embed patterns are globs already (path.Match syntax, as the ignore file's).
    patterns.push(...pkg.embedPatterns.map((p) => inDir(pkg.dir, assertWritable(p))));
  }
  return [...new Set(patterns)];
}

function warningsFor(app: GoApplication, workspace: GoWorkspace): string[] {
  const warnings: string[] = workspaceVersionWarnings(app, workspace);
  if (app.usesCgo) {
    warnings.push(
      `${app.dir} uses cgo: its image gets CGO_ENABLED=1 and a glibc runtime, and the build runs on each target platform. ` +
        'Other architectures then build under QEMU emulation (slow), or need a cross C toolchain (set CC) to cross-compile.',
    );
  }
  for (const path of app.unresolvedImports) {
    warnings.push(`${app.dir} imports ${path}, which looks local but no workspace package provides it.`);
  }
  if (app.cgoUndecided.length > 0) {
    const shown = app.cgoUndecided.slice(0, 3).join(', ') + (app.cgoUndecided.length > 3 ? `, and ${app.cgoUndecided.length - 3} more` : '');
    warnings.push(
      `${app.dir}: cannot tell whether it needs cgo: ${app.cgoUndecided.length === 1 ? 'a dependency is' : `${app.cgoUndecided.length} dependencies are`} neither in vendor/ nor in the module cache (${shown}). ` +
        'It is built with CGO_ENABLED=0; if that build fails, run `go mod download` in its module, then setup again: setup reads the downloaded sources.',
    );
  }
  return warnings;
}

const templateCache = new Map<string, string>();

function renderTemplate(relativePath: string, data: object): string {
  const filename = join(TEMPLATES, relativePath);
  let template = templateCache.get(filename);
  if (template === undefined) {
    template = readFileSync(filename, 'utf8');
    templateCache.set(filename, template);
  }
  return render(template, data, { filename, cache: true });
}
