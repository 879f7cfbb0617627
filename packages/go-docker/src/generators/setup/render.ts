import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ejs';
import type { GoApplication } from '../../go/applications';
import { joinPath } from '../../go/file-system';
import { CGO_SOURCE_PATTERNS } from '../../go/package-files';
import { relativeTo } from '../../go/paths';
import { defaultGoImage } from '../../utils/images';
import { allowListAdditions, IMAGE_WORKDIR, type ImagePlan, packagePathOf, widenedContext } from '../../image-options/image-plan';
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
}

const TEMPLATES = join(__dirname, 'files');

/** Where the prebuilt strategy's go-build target leaves binaries: dist/<app dir>/<os>_<arch>/<name>. */
export function prebuiltBinaryDir(app: GoApplication): string {
  return joinPath('dist', app.dir);
}

export function planDockerfile(app: GoApplication, options: RenderOptions, image: ImagePlan = defaultImagePlan(app, options)): DockerfilePlan {
  const prebuilt = options.strategy === 'prebuilt';
  // prebuilt binaries live under dist/ at the workspace root, so that is the context they come from.
  const context = prebuilt ? '.' : widenedContext(app.buildContext, image);
  const fromContext = (path: string) => relativeTo(context, path);
  const dockerfilePath = joinPath(app.dir, 'Dockerfile');
  const runtimeImage = app.usesCgo ? options.cgoRuntime : options.runtime;
  const data = {
    name: app.name,
    cgo: app.usesCgo,
    scratch: runtimeImage === 'scratch',
    goImage: options.goImage ?? defaultGoImage(app.goImageTag, app.usesCgo),
    runtimeImage,
    ports: image.ports,
    ldflags: options.debugSymbols ? '' : '-s -w',
    contextLabel: context === '.' ? 'the workspace root' : `${context} (the module root)`,
    contextPath: context,
    dockerfilePath,
    moduleFiles: [...new Set(image.binaries.flatMap((b) => b.app.moduleFiles))].map(fromContext),
    // The go command runs where it finds the main module (or go.work): that may sit below the context
    // (replace ../sibling without go.work), so the build stage works there and builds the package from it.
    workdir: goCommandDir(app, context),
    packagePath: packagePathFrom(app.work ? app.work.dir : app.module.root, app.dir),
    binaryDir: prebuiltBinaryDir(app),
    // Image options (image-options/): binaries, stamp, private modules, runtime files, working directory.
    imageWorkdir: IMAGE_WORKDIR,
    binaries: image.binaries.map((b) => ({ name: b.name, source: b.app.name, packagePath: packagePathFrom(app.work ? app.work.dir : app.module.root, b.app.dir) })),
    entrypoint: image.entrypoint,
    stampFlags: image.stampFlags,
    stampArgs: image.stampArgs,
    privateModuleArgs: image.privateModuleArgs,
    netrcSecret: image.netrcSecret,
    caSecret: image.caSecret,
    runtimeFiles: image.runtimeFiles.map((f) => ({ source: fromContext(f.from), target: `${IMAGE_WORKDIR}/${f.to}` })),
  };
  const allow = [
    ...(prebuilt ? [`${data.binaryDir}/*_*/${app.name}`] : [...new Set(image.binaries.flatMap((b) => buildInputs(b.app, fromContext)))]),
    ...allowListAdditions(image, context),
  ];
  return {
    dockerfilePath,
    ignorePath: `${dockerfilePath}.dockerignore`,
    context,
    dockerfile: renderTemplate(join(options.strategy, 'Dockerfile.ejs'), data),
    ignore: renderTemplate('Dockerfile.dockerignore.ejs', { ...data, allow, deny: prebuilt ? [] : ['**/*_test.go'] }),
    warnings: warningsFor(app),
  };
}

/** Absolute directory, in the build stage, where go commands run: the go.work's or the main module's. */
function goCommandDir(app: GoApplication, context: string): string {
  const dir = relativeTo(context, app.work ? app.work.dir : app.module.root);
  return dir === '.' ? '/src' : `/src/${dir}`;
}

/** `./apps/api` as the go command names the package from `from`; `.` when it is that directory. */
const packagePathFrom = packagePathOf;

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

/** The allow-list: module files, then each local package's sources and embedded files. */
function buildInputs(app: GoApplication, fromContext: (path: string) => string): string[] {
  const inDir = (dir: string, pattern: string) => (fromContext(dir) === '.' ? pattern : `${fromContext(dir)}/${pattern}`);
  const patterns = app.moduleFiles.map(fromContext);
  for (const pkg of app.localPackages) {
    patterns.push(inDir(pkg.dir, '*.go'));
    if (pkg.usesCgo) patterns.push(...CGO_SOURCE_PATTERNS.map((p) => inDir(pkg.dir, p)));
    patterns.push(...pkg.embedPatterns.map((p) => inDir(pkg.dir, p)));
  }
  return [...new Set(patterns)];
}

function warningsFor(app: GoApplication): string[] {
  const warnings: string[] = [];
  if (app.usesCgo) {
    warnings.push(
      `${app.dir} uses cgo: its image gets CGO_ENABLED=1 and a glibc runtime, and the build runs on each target platform. ` +
        'Other architectures then build under QEMU emulation (slow), or need a cross C toolchain (set CC) to cross-compile.',
    );
  }
  for (const path of app.unresolvedImports) {
    warnings.push(`${app.dir} imports ${path}, which looks local but no workspace package provides it.`);
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
