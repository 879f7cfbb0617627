import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_FIXTURES_DIR, LAYOUTS_DIR } from './test-utils/fixture-workspace';
import { installablePackage, NxWorkspace } from './test-utils/nx-workspace';

/**
 * What the real `nx` does after a commit, in a git repository of a fixture workspace:
 * - `nx show projects --affected --withTarget docker-build`: Nx's project-level answer (touched files →
 *   owning projects → their dependents through graph edges);
 * - `nx affected -t docker-build`: which docker-build tasks really execute (cache misses) once the cache
 *   holds the previous commit's builds. Target inputs decide that.
 */
interface Outcome {
  affected: string[];
  executed: string[];
}

function outcomeOf(workspace: NxWorkspace, change: () => void): Outcome {
  change();
  workspace.commitAll('change');
  try {
    const affected = (JSON.parse(workspace.nx('show', 'projects', '--affected', '--withTarget', 'docker-build', '--base=HEAD~1', '--head=HEAD', '--json')) as string[]).sort();
    const log = workspace.nx('affected', '-t', 'docker-build', '--base=HEAD~1', '--head=HEAD', '--outputStyle=static').replace(/\x1b\[[0-9;]*m/g, '');
    const scheduled = [...log.matchAll(/> nx run ([\w.-]+):docker-build(.*)$/gm)];
    // `nx affected -t` schedules exactly the affected projects; the cache then skips those whose inputs held.
    expect(scheduled.map((m) => m[1]).sort()).toEqual(affected);
    const executed = scheduled.filter((m) => !/cache/.test(m[2])).map((m) => m[1]).sort();
    return { affected, executed };
  } finally {
    workspace.git('reset', '-q', '--hard', 'HEAD~1');
  }
}

const append = (workspace: NxWorkspace, path: string, text: string) => () => appendFileSync(join(workspace.root, path), text);
const create = (workspace: NxWorkspace, path: string, text: string) => () => writeFileSync(join(workspace.root, path), text);

describe('nx affected with go-docker, for real', () => {
  let goDocker: string;
  beforeAll(() => {
    goDocker = installablePackage();
  });

  describe('go.work layout', () => {
    let workspace: NxWorkspace;
    beforeAll(async () => {
      workspace = await NxWorkspace.create(join(LAYOUTS_DIR, 'go-work'), goDocker);
      // Fill the cache with every image of the base commit.
      workspace.nx('run-many', '-t', 'docker-build');
    });

    it('a library file rebuilds exactly the apps that import it, transitively', () => {
      expect(outcomeOf(workspace, append(workspace, 'libs/greeting/internal/format/format.go', '\n// changed\n'))).toEqual({ affected: ['api'], executed: ['api'] });
    });

    it('go.work rebuilds every app of the modules it uses', () => {
      expect(outcomeOf(workspace, append(workspace, 'go.work', '\n// changed\n'))).toEqual({ affected: ['api', 'worker'], executed: ['api', 'worker'] });
    });

    it("a module's go.mod rebuilds every app of the go.work (the build loads them all)", () => {
      expect(outcomeOf(workspace, append(workspace, 'libs/greeting/go.mod', '\n// changed\n'))).toEqual({ affected: ['api', 'worker'], executed: ['api', 'worker'] });
    });

    it('one app rebuilds only that app', () => {
      expect(outcomeOf(workspace, append(workspace, 'apps/worker/main.go', '\n// changed\n'))).toEqual({ affected: ['worker'], executed: ['worker'] });
    });

    it("a library's _test.go file affects its dependents' project, but their images come from the cache", () => {
      const test = 'package greeting\n\nimport "testing"\n\nfunc TestHello(t *testing.T) {}\n';
      expect(outcomeOf(workspace, create(workspace, 'libs/greeting/greeting_test.go', test))).toEqual({ affected: ['api'], executed: [] });
    });

    it("an app's own _test.go file rebuilds nothing", () => {
      expect(outcomeOf(workspace, append(workspace, 'apps/api/main_test.go', '\n// changed\n'))).toEqual({ affected: ['api'], executed: [] });
    });

    it('a Markdown file outside every project affects nothing', () => {
      expect(outcomeOf(workspace, create(workspace, 'README.md', '# fixture\n'))).toEqual({ affected: [], executed: [] });
    });

    it("a Markdown file in a library affects its dependents' project, but rebuilds nothing", () => {
      expect(outcomeOf(workspace, create(workspace, 'libs/greeting/README.md', '# greeting\n'))).toEqual({ affected: ['api'], executed: [] });
    });
  });

  describe('root module layout (project.json per app and lib)', () => {
    let workspace: NxWorkspace;
    beforeAll(async () => {
      workspace = await NxWorkspace.create(join(LAYOUTS_DIR, 'root-module'), goDocker);
      workspace.nx('run-many', '-t', 'docker-build');
    });

    it('a package without a project.json (internal/version, a project of its own) rebuilds the apps importing it', () => {
      expect(outcomeOf(workspace, append(workspace, 'internal/version/version.go', '\n// changed\n'))).toEqual({ affected: ['migrate', 'web'], executed: ['migrate', 'web'] });
    });

    it('a library with its own project rebuilds its dependents', () => {
      expect(outcomeOf(workspace, append(workspace, 'libs/store/store.go', '\n// changed\n'))).toEqual({ affected: ['migrate', 'web'], executed: ['migrate', 'web'] });
    });

    it('go.mod rebuilds every app of the module', () => {
      expect(outcomeOf(workspace, append(workspace, 'go.mod', '\n// changed\n'))).toEqual({ affected: ['migrate', 'sqlite-probe', 'web'], executed: ['migrate', 'sqlite-probe', 'web'] });
    });

    it('a root Markdown file belongs to the root module project, which no app imports: nothing is affected', () => {
      expect(outcomeOf(workspace, create(workspace, 'README.md', '# mono\n'))).toEqual({ affected: [], executed: [] });
    });
  });

  describe('five apps under one root go.mod, no project.json', () => {
    let workspace: NxWorkspace;
    beforeAll(async () => {
      workspace = await NxWorkspace.create(join(GRAPH_FIXTURES_DIR, 'five-apps'), goDocker);
      workspace.nx('run-many', '-t', 'docker-build');
    });

    it('a package two apps import builds exactly those two images', () => {
      expect(outcomeOf(workspace, append(workspace, 'internal/shared/shared.go', '\n// changed\n'))).toEqual({ affected: ['alpha', 'bravo'], executed: ['alpha', 'bravo'] });
    });

    it('a package every app imports builds all five', () => {
      const all = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
      expect(outcomeOf(workspace, append(workspace, 'internal/log/log.go', '\n// changed\n'))).toEqual({ affected: all, executed: all });
    });

    it('one app builds only that app', () => {
      expect(outcomeOf(workspace, append(workspace, 'cmd/delta/main.go', '\n// changed\n'))).toEqual({ affected: ['delta'], executed: ['delta'] });
    });

    it('a test of the shared package affects its two apps, which come from the cache', () => {
      const test = 'package shared\n\nimport "testing"\n\nfunc TestGreet(t *testing.T) {}\n';
      expect(outcomeOf(workspace, create(workspace, 'internal/shared/shared_test.go', test))).toEqual({ affected: ['alpha', 'bravo'], executed: [] });
    });
  });

  describe('five apps under one root go.mod with a project.json at the root', () => {
    it('a package two apps import still builds exactly those two images', async () => {
      const workspace = await NxWorkspace.create(join(GRAPH_FIXTURES_DIR, 'five-apps'), goDocker, { 'project.json': '{ "name": "five", "targets": {} }\n' });
      workspace.nx('run-many', '-t', 'docker-build');
      expect(outcomeOf(workspace, append(workspace, 'internal/shared/shared.go', '\n// changed\n'))).toEqual({ affected: ['alpha', 'bravo'], executed: ['alpha', 'bravo'] });
    });
  });

  describe('replace layout (no go.work)', () => {
    let workspace: NxWorkspace;
    beforeAll(async () => {
      workspace = await NxWorkspace.create(join(LAYOUTS_DIR, 'replace'), goDocker);
      workspace.nx('run-many', '-t', 'docker-build');
    });

    it('a replaced library rebuilds the app that replaces it, not the standalone app', () => {
      expect(outcomeOf(workspace, append(workspace, 'libs/auth/auth.go', '\n// changed\n'))).toEqual({ affected: ['gateway'], executed: ['gateway'] });
    });

    it('an embedded file rebuilds its app', () => {
      expect(outcomeOf(workspace, append(workspace, 'apps/gateway/static/index.html', '<p>changed</p>\n'))).toEqual({ affected: ['gateway'], executed: ['gateway'] });
    });
  });
});
