import { join } from 'node:path';
import type { RawProjectGraphDependency } from '@nx/devkit';
import { createDependencies } from './create-dependencies';
import { ownerByRoots } from './import-edges';
import { copyFixture, GRAPH_FIXTURES_DIR, goListDeps, LAYOUTS_DIR, workspaceRelative } from './test-utils/fixture-workspace';
import { runPlugin } from './test-utils/plugin-context';

process.env.NX_DAEMON = 'false';

/**
 * The static import graph must equal the one the Go toolchain computes: `go list -deps -json` in every
 * module, each listed workspace package mapped to the project owning its folder.
 */
const fixtures: Array<[string, string]> = [
  ['go-work (go.work joins apps/ and libs/ modules)', join(LAYOUTS_DIR, 'go-work')],
  ['root-module (one go.mod, project.json per app/lib)', join(LAYOUTS_DIR, 'root-module')],
  ['replace (modules joined by replace ../, no go.work)', join(LAYOUTS_DIR, 'replace')],
  ['import-forms (aliases, dot/blank, comments, strings, ignored and test files, nested module)', join(GRAPH_FIXTURES_DIR, 'import-forms')],
  ['five-apps (one root module, cmd/* apps, packages shared by some)', join(GRAPH_FIXTURES_DIR, 'five-apps')],
  ['same-names (modules and apps whose folders share a name, a non-ASCII folder)', join(GRAPH_FIXTURES_DIR, 'same-names')],
];

function edgeKey(source: string, target: string): string {
  return `${source} -> ${target}`;
}

describe.each(fixtures)('import graph of %s', (_name, fixture) => {
  let root: string;
  let ours: RawProjectGraphDependency[];
  let fromGo: string[];

  beforeAll(async () => {
    root = copyFixture(fixture);
    const run = await runPlugin(root);
    ours = await createDependencies({}, run.dependencyContext);

    const owner = ownerByRoots(new Map(Object.values(run.projects).map((p) => [p.root, p.name as string])));
    const listed = goListDeps(root);
    const byImportPath = new Map(listed.map((p) => [p.ImportPath, p]));
    const inWorkspace = (dir: string | undefined) => dir !== undefined && (dir === root || dir.startsWith(`${root}/`));
    const projectOfDir = (dir: string) => owner(`${workspaceRelative(root, dir)}/x.go`);
    const edges = new Set<string>();
    for (const pkg of listed) {
      if (pkg.Standard || !inWorkspace(pkg.Dir)) continue;
      const source = projectOfDir(pkg.Dir as string);
      for (const path of pkg.Imports ?? []) {
        const imported = byImportPath.get(path);
        if (!imported || !inWorkspace(imported.Dir)) continue;
        const target = projectOfDir(imported.Dir as string);
        if (source && target && source !== target) edges.add(edgeKey(source, target));
      }
    }
    fromGo = [...edges].sort();
  });

  it('has exactly the project edges go list derives', () => {
    const computed = [...new Set(ours.map((d) => edgeKey(d.source, d.target)))].sort();
    expect(computed).toEqual(fromGo);
  });

  it('reports static edges that name an importing, non-test .go file of the source project', () => {
    for (const dependency of ours) {
      expect(dependency.type).toBe('static');
      const sourceFile = (dependency as { sourceFile: string }).sourceFile;
      expect(sourceFile).toMatch(/\.go$/);
      expect(sourceFile).not.toMatch(/_test\.go$/);
      expect(dependency.source).not.toBe(dependency.target);
    }
  });
});

describe('import graph expectations that go list cannot fake', () => {
  it('finds the edges each layout is known to have', async () => {
    const edgesOf = async (fixture: string) => {
      const run = await runPlugin(copyFixture(fixture));
      return [...new Set((await createDependencies({}, run.dependencyContext)).map((d) => edgeKey(d.source, d.target)))].sort();
    };
    expect(await edgesOf(join(LAYOUTS_DIR, 'go-work'))).toEqual(['api -> greeting']);
    expect(await edgesOf(join(LAYOUTS_DIR, 'root-module'))).toEqual(['migrate -> store', 'store -> internal-version', 'web -> internal-version', 'web -> store']);
    expect(await edgesOf(join(LAYOUTS_DIR, 'replace'))).toEqual(['gateway -> auth']);
    expect(await edgesOf(join(GRAPH_FIXTURES_DIR, 'import-forms'))).toEqual(['nested -> libs-beta-blank', 'tool -> alpha', 'tool -> beta-dot', 'tool -> libs-beta-blank', 'tool -> nested']);
    expect(await edgesOf(join(GRAPH_FIXTURES_DIR, 'five-apps'))).toEqual(['alpha -> internal-shared', 'bravo -> internal-shared', 'charlie -> internal-log', 'delta -> internal-log', 'echo -> internal-log', 'internal-shared -> internal-log']);
  });
});

describe('imports in files Nx does not index', () => {
  it('become implicit edges (a .gitignore pattern can hide a folder git tracks)', async () => {
    const run = await runPlugin(copyFixture(join(GRAPH_FIXTURES_DIR, 'five-apps')));
    const { projectFileMap } = run.dependencyContext.fileMap;
    projectFileMap['internal-shared'] = projectFileMap['internal-shared'].filter((f) => f.file !== 'internal/shared/shared.go');
    const edges = (await createDependencies({}, run.dependencyContext)).filter((d) => d.source === 'internal-shared');
    expect(edges).toEqual([{ type: 'implicit', source: 'internal-shared', target: 'internal-log' }]);
  });
});
