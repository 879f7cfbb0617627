import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const LAYOUTS_DIR = join(__dirname, '../../__fixtures__/layouts');
export const GRAPH_FIXTURES_DIR = join(__dirname, '../__fixtures__');

/** A private copy of a fixture, so tests may add files and Go may write caches without touching the repo. */
export function copyFixture(source: string, prefix = 'go-docker-graph-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** Folders holding a go.mod, workspace-relative (the same folders Go would consider). */
export function goModuleDirs(root: string, dir = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !/^(node_modules|vendor|testdata|[._].*)$/.test(entry.name)) found.push(...goModuleDirs(root, path));
    else if (entry.name === 'go.mod') found.push(dir || '.');
  }
  return found;
}

export interface GoListPackage {
  ImportPath: string;
  Dir?: string;
  Standard?: boolean;
  Imports?: string[];
}

/** `go list -deps -json ./...` in every module (a go.work above a module governs it, as in a real build). */
export function goListDeps(root: string): GoListPackage[] {
  const packages: GoListPackage[] = [];
  for (const moduleDir of goModuleDirs(root)) {
    const out = execFileSync('go', ['list', '-deps', '-json', './...'], {
      cwd: join(root, moduleDir),
      encoding: 'utf8',
      env: { ...process.env, CGO_ENABLED: '1', GOTOOLCHAIN: 'local' },
      maxBuffer: 64 * 1024 * 1024,
    });
    // The output is a stream of JSON objects, one per package, each starting at column 0.
    for (const chunk of out.split(/\n(?=\{)/)) if (chunk.trim()) packages.push(JSON.parse(chunk) as GoListPackage);
  }
  return packages;
}

/** Project names from project.json files (name field) by root. */
export function projectJsonNames(root: string, dir = ''): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
      projectJsonNames(root, path).forEach((name, projectRoot) => names.set(projectRoot, name));
    } else if (entry.name === 'project.json') {
      names.set(dir || '.', (JSON.parse(readFileSync(join(root, path), 'utf8')) as { name: string }).name);
    }
  }
  return names;
}

export function workspaceRelative(root: string, absolute: string): string {
  return relative(root, absolute).split('\\').join('/') || '.';
}
