import type { SetupGeneratorSchema } from '../generators/setup/schema';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '@nx/devkit';
import { createNodes } from './create-nodes';
import { buildGoModel, loadGoModel } from './go-model';
import { copyFixture, LAYOUTS_DIR } from './test-utils/fixture-workspace';
import { runPlugin } from './test-utils/plugin-context';
import { writeDockerfiles } from './test-utils/setup-dockerfiles';
import { snapshotFromDisk } from './workspace-snapshot';

process.env.NX_DAEMON = 'false';

async function fixtureWithDockerfiles(layout: string, options: SetupGeneratorSchema = {}): Promise<string> {
  const root = copyFixture(join(LAYOUTS_DIR, layout));
  await writeDockerfiles(root, options);
  return root;
}

describe('createNodes on a go.work workspace', () => {
  let projects: Awaited<ReturnType<typeof runPlugin>>['projects'];
  beforeAll(async () => {
    ({ projects } = await runPlugin(await fixtureWithDockerfiles('go-work')));
  });

  it('infers one project per module, and one for a package no application builds inside an application', () => {
    // apps/worker/testonly is imported by tests only: as its own project, a change to it affects no image.
    expect(Object.keys(projects).sort()).toEqual(['api', 'apps-worker-testonly', 'greeting', 'worker']);
    expect(projects['apps-worker-testonly']).toMatchObject({ root: 'apps/worker/testonly', projectType: 'library' });
    expect(projects.api).toMatchObject({ root: 'apps/api', projectType: 'application' });
    expect(projects.greeting).toMatchObject({ root: 'libs/greeting', projectType: 'library' });
    expect(projects.greeting.targets).toEqual({});
  });

  it('gives docker-build exactly the files that change the image, through a project named input', () => {
    expect(projects.api.targets?.['docker-build']).toEqual({
      executor: 'go-docker:build',
      cache: true,
      inputs: ['goDockerImage', { env: 'GO_DOCKER_PUSH' }, { env: 'GO_DOCKER_REGISTRY' }, '{projectRoot}/VERSION', '{projectRoot}/package.json', { runtime: 'git tag --merged HEAD' }],
      outputs: ['{workspaceRoot}/dist/docker/{projectRoot}'],
      options: { file: 'apps/api/Dockerfile', context: '.' },
      configurations: { ci: { cacheFrom: ['type=gha,scope=apps__api'], cacheTo: ['type=gha,mode=max,scope=apps__api'] } },
      metadata: { description: expect.stringContaining('apps/api/Dockerfile'), technologies: ['docker', 'go'] },
    });
    // go.work uses every module of the workspace: two globs name all their go.mod / go.sum files.
    expect(projects.api.namedInputs?.goDockerImage).toEqual([
      '{workspaceRoot}/go.work',
      '{workspaceRoot}/**/go.mod',
      '{workspaceRoot}/**/go.sum',
      '{workspaceRoot}/apps/api/*.go',
      '!{workspaceRoot}/apps/api/*_test.go',
      '{workspaceRoot}/libs/greeting/*.go',
      '!{workspaceRoot}/libs/greeting/*_test.go',
      '{workspaceRoot}/libs/greeting/internal/format/*.go',
      '!{workspaceRoot}/libs/greeting/internal/format/*_test.go',
      '{workspaceRoot}/apps/api/Dockerfile',
      '{workspaceRoot}/apps/api/Dockerfile.dockerignore',
    ]);
  });

  it('lists the module files one by one when go.work leaves a module out', async () => {
    const root = await fixtureWithDockerfiles('go-work');
    mkdirSync(join(root, 'tools/gen'), { recursive: true });
    writeFileSync(join(root, 'tools/gen/go.mod'), 'module example.com/tools/gen\n\ngo 1.26\n');
    const inputs = (await runPlugin(root)).projects.api.namedInputs?.goDockerImage;
    expect(inputs?.slice(0, 5)).toEqual([
      '{workspaceRoot}/go.work',
      '{workspaceRoot}/apps/api/go.mod',
      '{workspaceRoot}/apps/api/go.sum',
      '{workspaceRoot}/apps/worker/go.mod',
      '{workspaceRoot}/libs/greeting/go.mod',
    ]);
    expect(inputs).not.toContain('{workspaceRoot}/tools/gen/go.mod');
  });

  it('gives docker-lint the Dockerfile, its ignore file, the lint config and the linter version', () => {
    expect(projects.worker.targets?.['docker-lint']).toEqual({
      executor: 'go-docker:lint',
      cache: true,
      // The root .dockerignore counts too: BuildKit falls back to it at the context root (here the workspace root).
      inputs: [
        '{workspaceRoot}/apps/worker/Dockerfile',
        '{workspaceRoot}/apps/worker/Dockerfile.dockerignore',
        '{workspaceRoot}/.dockerignore',
        '{workspaceRoot}/go-docker.lint.json',
        '{workspaceRoot}/nx.json',
        { externalDependencies: ['go-docker'] },
      ],
      outputs: ['{workspaceRoot}/dist/go-docker/sarif/apps__worker.sarif'],
      options: { dockerfile: 'apps/worker/Dockerfile', context: '.' },
      configurations: { ci: { format: 'sarif', outputFile: 'dist/go-docker/sarif/apps__worker.sarif' } },
      metadata: { description: expect.any(String), technologies: ['docker', 'go'] },
    });
  });
});

describe('createNodes where project.json files define the projects', () => {
  it('adds targets to the project at the app folder and infers only what nobody defines', async () => {
    const root = await fixtureWithDockerfiles('root-module');
    const { projects } = await runPlugin(root);
    // internal/version is built by web and migrate, the root module's own package by none of them.
    expect(Object.keys(projects).sort()).toEqual(['internal-version', 'migrate', 'mono', 'sqlite-probe', 'store', 'web']);
    expect(projects.mono).toMatchObject({ root: '.', projectType: 'library' });
    expect(projects['internal-version']).toMatchObject({ root: 'internal/version', projectType: 'library' });
    expect(Object.keys(projects.mono.targets ?? {})).toEqual([]);
    for (const app of ['web', 'migrate', 'sqlite-probe']) expect(Object.keys(projects[app].targets ?? {}).sort()).toEqual(['docker-build', 'docker-lint', 'docker-run', 'docker-tag', 'nx-release-publish']);
    expect(projects.web.namedInputs?.goDockerImage).toEqual([
      '{workspaceRoot}/go.mod',
      '{workspaceRoot}/apps/web/*.go',
      '!{workspaceRoot}/apps/web/*_test.go',
      '{workspaceRoot}/internal/version/*.go',
      '!{workspaceRoot}/internal/version/*_test.go',
      '{workspaceRoot}/libs/store/*.go',
      '!{workspaceRoot}/libs/store/*_test.go',
      '{workspaceRoot}/apps/web/Dockerfile',
      '{workspaceRoot}/apps/web/Dockerfile.dockerignore',
    ]);
    // cgo packages also read C sources.
    expect(projects['sqlite-probe'].namedInputs?.goDockerImage).toContain('{workspaceRoot}/cmd/sqlite-probe/*.c');
  });

  it('covers embedded files and local replaces in the image inputs', async () => {
    const { projects } = await runPlugin(await fixtureWithDockerfiles('replace'));
    expect(projects.gateway.namedInputs?.goDockerImage).toEqual(
      expect.arrayContaining(['{workspaceRoot}/apps/gateway/static', '{workspaceRoot}/apps/gateway/static/**', '{workspaceRoot}/libs/auth/*.go', '{workspaceRoot}/libs/auth/go.mod']),
    );
    expect(projects.gateway.namedInputs?.goDockerImage).not.toEqual(expect.arrayContaining([expect.stringContaining('standalone')]));
  });

  it('gives only apps with a Dockerfile targets', async () => {
    const { projects } = await runPlugin(copyFixture(join(LAYOUTS_DIR, 'go-work')));
    expect(projects.api.targets).toEqual({});
  });
});

describe('createNodes options', () => {
  it('uses the target names configured in nx.json', async () => {
    const { projects } = await runPlugin(await fixtureWithDockerfiles('go-work'), { lintTargetName: 'lint-image', buildTargetName: 'image', tagTargetName: 'retag', runTargetName: 'start' });
    expect(Object.keys(projects.api.targets ?? {}).sort()).toEqual(['image', 'lint-image', 'nx-release-publish', 'retag', 'start']);
    expect(projects.api.targets?.retag).toMatchObject({ executor: 'go-docker:tag', cache: false, dependsOn: ['image'], options: { file: 'apps/api/Dockerfile', tags: ['{gitShortSha}'] } });
  });

  it('gives each application of a module its own project, with the plain target names', async () => {
    const root = await fixtureWithDockerfiles('root-module');
    // Without project.json files the root module holds all three apps: each still gets a project.
    for (const dir of ['apps/web', 'cmd/migrate', 'cmd/sqlite-probe']) rmSync(join(root, dir, 'project.json'));
    const { projects } = await runPlugin(root);
    expect(Object.keys(projects.mono.targets ?? {})).toEqual([]);
    for (const [name, dir] of [['web', 'apps/web'], ['migrate', 'cmd/migrate'], ['sqlite-probe', 'cmd/sqlite-probe']]) {
      expect(projects[name]).toMatchObject({ root: dir, projectType: 'application' });
      expect(Object.keys(projects[name].targets ?? {}).sort()).toEqual(['docker-build', 'docker-lint', 'docker-run', 'docker-tag', 'nx-release-publish']);
    }
    expect(projects.web.targets?.['docker-build'].inputs).toEqual(['goDockerImage', { env: 'GO_DOCKER_PUSH' }, { env: 'GO_DOCKER_REGISTRY' }, '{projectRoot}/VERSION', '{projectRoot}/package.json', { runtime: 'git tag --merged HEAD' }]);
  });

  it('compiles on the host first for a Dockerfile written with the prebuilt strategy', async () => {
    const root = await fixtureWithDockerfiles('replace', { strategy: 'prebuilt' });
    const { projects } = await runPlugin(root);
    expect(projects.gateway.targets?.['go-build']).toMatchObject({
      executor: 'go-docker:go-build',
      cache: true,
      inputs: ['goDockerImage'],
      outputs: ['{workspaceRoot}/dist/apps/gateway'],
      options: { main: 'apps/gateway', name: 'gateway' },
    });
    expect(projects.gateway.targets?.['docker-build']).toMatchObject({
      dependsOn: ['go-build'],
      inputs: ['{workspaceRoot}/apps/gateway/Dockerfile', '{workspaceRoot}/apps/gateway/Dockerfile.dockerignore', { dependentTasksOutputFiles: '**/*' }, { env: 'GO_DOCKER_PUSH' }, { env: 'GO_DOCKER_REGISTRY' }, '{projectRoot}/VERSION', '{projectRoot}/package.json', { runtime: 'git tag --merged HEAD' }],
      options: { file: 'apps/gateway/Dockerfile', context: '.' },
    });
  });
});

describe('createNodes with a broken Go file', () => {
  it('warns once with file:line, leaves that module out and keeps every other project', async () => {
    const root = await fixtureWithDockerfiles('replace');
    appendFileSync(join(root, 'libs/auth/go.mod'), '\nrequire (\n  broken\n)\n');
    const warnings: string[] = [];
    const warn = jest.spyOn(logger, 'warn').mockImplementation((message: string) => void warnings.push(message));
    try {
      const [, run] = createNodes;
      const configFiles = ['apps/gateway/go.mod', 'apps/standalone/go.mod', 'libs/auth/go.mod'];
      const context = { workspaceRoot: root, nxJsonConfiguration: {} };
      const results = await run(configFiles, {}, context);
      await run(configFiles, {}, context);
      const roots = results.flatMap(([, result]) => Object.keys(result.projects ?? {})).sort();
      expect(roots).toEqual(['apps/gateway', 'apps/standalone']);
      expect(warnings).toEqual([expect.stringMatching(/^go-docker: libs\/auth\/go\.mod:6: .* \(left out of the project graph until fixed\)$/)]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('the source summary cache', () => {
  it('reads only the files whose hash changed since the last run', async () => {
    const root = copyFixture(join(LAYOUTS_DIR, 'go-work'));
    const dataDirectory = mkdtempSync(join(tmpdir(), 'go-docker-data-'));
    const first = buildGoModel(root, snapshotFromDisk(root), dataDirectory);
    expect(first.cacheStats).toEqual({ hits: 0, misses: 6 });
    expect(buildGoModel(root, snapshotFromDisk(root), dataDirectory).cacheStats).toEqual({ hits: 6, misses: 0 });
    writeFileSync(join(root, 'libs/greeting/greeting.go'), 'package greeting\n\nimport "strings"\n');
    const third = buildGoModel(root, snapshotFromDisk(root), dataDirectory);
    expect(third.cacheStats).toEqual({ hits: 5, misses: 1 });
    expect(third.workspace.packages.get('libs/greeting')?.imports).toEqual(['strings']);
  });

  it('hands createDependencies the model createNodes built when the Go files did not change', async () => {
    const root = copyFixture(join(LAYOUTS_DIR, 'go-work'));
    const dataDirectory = mkdtempSync(join(tmpdir(), 'go-docker-data-'));
    const snapshot = snapshotFromDisk(root);
    const first = loadGoModel(root, snapshot, dataDirectory);
    expect(loadGoModel(root, snapshot, dataDirectory).workspace).toBe(first.workspace);
  });
});

describe('the package entry point', () => {
  it('exposes the plugin in the batched form under both names Nx reads, and createDependencies', async () => {
    const entry = await import('../index');
    expect(entry.createNodes).toBe(createNodes);
    expect(entry.createNodesV2).toBe(createNodes);
    expect(entry.createNodes[0]).toBe('**/{go.mod,go.work}');
    expect(typeof entry.createDependencies).toBe('function');
  });
});
