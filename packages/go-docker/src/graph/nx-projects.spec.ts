import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_FIXTURES_DIR } from './test-utils/fixture-workspace';
import { installablePackage, NxWorkspace } from './test-utils/nx-workspace';

/** Docker's grammar for one repository path component (distribution/reference). */
const DOCKER_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;

interface GraphFile {
  graph: { nodes: Record<string, { data: { root: string } }>; dependencies: Record<string, Array<{ target: string }>> };
}

/** The project names and graph the real `nx` reports for fixture workspaces with go-docker registered. */
describe('project names and a broken file, with the real nx', () => {
  let goDocker: string;
  beforeAll(() => {
    goDocker = installablePackage();
  });

  describe('modules and applications sharing a folder name', () => {
    let workspace: NxWorkspace;
    beforeAll(async () => {
      workspace = await NxWorkspace.create(join(GRAPH_FIXTURES_DIR, 'same-names'), goDocker);
    });

    it('names each from its path where folder names clash, also with a name project.json declares', () => {
      const projects = (JSON.parse(workspace.nx('show', 'projects', '--json')) as string[]).sort();
      expect(projects).toEqual(['apps', 'apps-billing-api', 'apps-jobs-worker', 'apps-search-api', 'cafe', 'client-pkg', 'pkg', 'tests-antithesis-pkg', 'worker']);
      for (const name of projects) expect(name).toMatch(DOCKER_COMPONENT);
      workspace.nx('graph', '--file=graph.json');
      const { graph } = JSON.parse(readFileSync(join(workspace.root, 'graph.json'), 'utf8')) as GraphFile;
      const roots = Object.fromEntries(Object.entries(graph.nodes).map(([name, node]) => [name, node.data.root]));
      expect(roots).toMatchObject({ pkg: 'pkg', 'client-pkg': 'client/pkg', 'tests-antithesis-pkg': 'tests/antithesis/pkg', cafe: 'café', 'apps-jobs-worker': 'apps/jobs/worker', worker: 'web' });
    });

    it('gives every application its own docker-build, as setup assigned them', () => {
      const withBuild = (JSON.parse(workspace.nx('show', 'projects', '--withTarget', 'docker-build', '--json')) as string[]).sort();
      expect(withBuild).toEqual(['apps-billing-api', 'apps-jobs-worker', 'apps-search-api', 'cafe']);
    });

    it('draws the import edges between the projects', () => {
      const { graph } = JSON.parse(readFileSync(join(workspace.root, 'graph.json'), 'utf8')) as GraphFile;
      expect(graph.dependencies.cafe.map((d) => d.target).sort()).toEqual(['client-pkg', 'pkg']);
    });
  });

  describe('a malformed go.mod beside good modules', () => {
    let workspace: NxWorkspace;
    beforeAll(async () => {
      workspace = await NxWorkspace.create(join(GRAPH_FIXTURES_DIR, 'five-apps'), goDocker);
      mkdirSync(join(workspace.root, 'tools/broken'), { recursive: true });
      writeFileSync(join(workspace.root, 'tools/broken/go.mod'), 'module example.com/broken\n\ngo 1.26\n\nrequire (\n\texample.com/x v1.0.0\n');
      writeFileSync(join(workspace.root, 'tools/broken/main.go'), 'package main\n\nfunc main() {}\n');
      workspace.commitAll('broken module');
    });

    it('warns once with file:line and keeps every other project', () => {
      const { status, stdout, stderr } = workspace.nxOutput('show', 'projects', '--json');
      expect(status).toBe(0);
      expect((JSON.parse(stdout) as string[]).sort()).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'five', 'internal-log', 'internal-shared']);
      const warnings = stderr.split('\n').filter((line) => line.includes('tools/broken/go.mod'));
      expect(warnings).toEqual([expect.stringMatching(/go-docker: tools\/broken\/go\.mod:5: .*left out of the project graph/)]);
    });

    it('lets every other nx command work', () => {
      workspace.nx('graph', '--file=graph.json');
      expect(workspace.nx('show', 'project', 'alpha', '--json')).toContain('docker-build');
      expect(workspace.nxOutput('affected', '-t', 'docker-lint', '--base=HEAD~1', '--head=HEAD').status).toBe(0);
    });
  });
});
