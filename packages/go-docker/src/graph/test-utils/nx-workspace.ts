import { execFileSync, type ExecFileSyncOptions, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDockerfiles } from './setup-dockerfiles';

const PACKAGE_DIR = join(__dirname, '../../..');
const REPO_ROOT = join(PACKAGE_DIR, '../..');

export const NX_ENV = { CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: undefined };

/**
 * A build of go-docker in a temporary folder, shaped like the installed package: the real compiled
 * plugin and generators, plus a stand-in `go-docker:build` executor (the real one ships later) that
 * writes the metadata file the real one will, so `nx affected -t docker-build` really runs and caches.
 */
export function installablePackage(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'go-docker-pkg-')));
  execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', join(PACKAGE_DIR, 'tsconfig.lib.json'), '--outDir', join(dir, 'dist')], { stdio: 'pipe' });
  execFileSync(process.execPath, [join(REPO_ROOT, 'tools/copy-assets.mjs'), join(PACKAGE_DIR, 'src'), join(dir, 'dist')]);
  for (const file of ['package.json', 'generators.json']) cpSync(join(PACKAGE_DIR, file), join(dir, file));
  writeFileSync(
    join(dir, 'executors.json'),
    JSON.stringify({ executors: { build: { implementation: './stand-in-build.js', schema: './stand-in-build.schema.json', description: 'test stand-in' } } }),
  );
  writeFileSync(join(dir, 'stand-in-build.schema.json'), JSON.stringify({ type: 'object', properties: {} }));
  writeFileSync(
    join(dir, 'stand-in-build.js'),
    `const { mkdirSync, writeFileSync } = require('fs');
const { join } = require('path');
module.exports = async function build(options, context) {
  const root = context.projectsConfigurations.projects[context.projectName].root;
  const out = join(context.root, 'dist/docker', root);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'metadata.json'), JSON.stringify({ file: options.file, context: options.context }));
  return { success: true };
};
`,
  );
  return dir;
}

/** A git repository holding a fixture as an Nx workspace with go-docker registered and Dockerfiles from setup. */
export class NxWorkspace {
  readonly root: string;

  /** Call `create` instead: writing the Dockerfiles is asynchronous. */
  private constructor(fixture: string, goDockerPackage: string, extraFiles: Record<string, string>) {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'go-docker-nx-')));
    cpSync(fixture, this.root, { recursive: true });
    for (const [path, text] of Object.entries(extraFiles)) writeFileSync(join(this.root, path), text);
    writeFileSync(join(this.root, 'nx.json'), JSON.stringify({ plugins: [{ plugin: 'go-docker', options: {} }] }, null, 2));
    writeFileSync(join(this.root, 'package.json'), JSON.stringify({ name: 'fixture', private: true }));
    writeFileSync(join(this.root, '.gitignore'), 'node_modules\n.nx\ndist\n');
    // This repository's installed packages (nx, @nx/*, go-docker's own dependencies), and go-docker as
    // installed from the temporary build: a copy, so that its requires resolve in this workspace.
    const modules = join(this.root, 'node_modules');
    mkdirSync(modules);
    for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
      if (name !== 'go-docker' && name !== '.bin') symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name));
    }
    cpSync(goDockerPackage, join(modules, 'go-docker'), { recursive: true });
  }

  /** `extraFiles`: workspace-relative path → text, written over the fixture (e.g. a project.json). */
  static async create(fixture: string, goDockerPackage: string, extraFiles: Record<string, string> = {}): Promise<NxWorkspace> {
    const workspace = new NxWorkspace(fixture, goDockerPackage, extraFiles);
    // The setup generator in-process: `nx g go-docker:setup` writes the same files but then fails with
    // "task is not a function" (the generator returns its results, which Nx takes for a callback).
    await writeDockerfiles(workspace.root);
    workspace.git('init', '-q', '-b', 'main');
    workspace.commitAll('fixture');
    return workspace;
  }

  nx(...args: string[]): string {
    return this.run(process.execPath, [join(this.root, 'node_modules/nx/dist/bin/nx.js'), ...args]);
  }

  /** An nx command's exit status and both streams, for commands that should warn. */
  nxOutput(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [join(this.root, 'node_modules/nx/dist/bin/nx.js'), ...args], {
      cwd: this.root,
      encoding: 'utf8',
      env: { ...process.env, ...NX_ENV },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  git(...args: string[]): string {
    return this.run('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args]);
  }

  commitAll(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }

  private run(command: string, args: string[]): string {
    const options: ExecFileSyncOptions = { cwd: this.root, encoding: 'utf8', env: { ...process.env, ...NX_ENV }, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 };
    try {
      return execFileSync(command, args, options) as string;
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
  }
}
