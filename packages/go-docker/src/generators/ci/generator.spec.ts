import { join } from 'node:path';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import type { Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { ciGenerator } from './generator';

const LAYOUTS = join(__dirname, '../../__fixtures__/layouts');

/** A tree holding a fixture layout, as a workspace would. */
function treeWith(layout: string): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const copy = (dir: string) => {
    for (const name of readdirSync(join(LAYOUTS, layout, dir))) {
      const path = dir ? `${dir}/${name}` : name;
      if (statSync(join(LAYOUTS, layout, path)).isDirectory()) copy(path);
      else tree.write(path, readFileSync(join(LAYOUTS, layout, path)));
    }
  };
  copy('');
  return tree;
}

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number>;
  env?: Record<string, string>;
}

function workflowOf(tree: Tree, name = 'go-docker') {
  const text = tree.read(`.github/workflows/${name}.yml`, 'utf-8');
  if (text === null) throw new Error('workflow not written');
  const workflow = parse(text) as { name: string; on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0].steps;
  const step = (action: string) => steps.find((s) => s.uses?.startsWith(`${action}@`));
  return { text, workflow, steps, step };
}

describe('ci generator', () => {
  it('runs nx affected -t docker-lint docker-build with full history and Nx base/head SHAs', async () => {
    const tree = treeWith('go-work');
    await ciGenerator(tree, {});
    const { workflow, steps, step } = workflowOf(tree);
    expect(workflow.name).toBe('go-docker');
    expect(workflow.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
    expect(step('actions/checkout')?.with).toEqual({ 'fetch-depth': 0 });
    const order = (action: string) => steps.findIndex((s) => s.uses?.startsWith(`${action}@`) || s.run?.includes(action));
    expect(order('nrwl/nx-set-shas')).toBeGreaterThan(order('npm ci'));
    const affected = steps.find((s) => s.run?.includes('nx affected'));
    expect(affected?.run).toBe('npx nx affected -t docker-lint docker-build docker-tag --configuration=ci');
    expect(order('nx affected')).toBeGreaterThan(order('nrwl/nx-set-shas'));
    expect(order('nx affected')).toBeGreaterThan(order('docker/setup-buildx-action'));
    expect(order('nx affected')).toBeGreaterThan(order('docker/login-action'));
    // buildx's type=gha cache needs the Actions runtime token in the environment of run steps.
    expect(order('nx affected')).toBeGreaterThan(order('crazy-max/ghaction-github-runtime'));
    expect(order('crazy-max/ghaction-github-runtime')).toBeGreaterThanOrEqual(0);
    expect(affected?.env).toEqual({ GO_DOCKER_PUSH: "${{ github.event_name == 'push' }}", GO_DOCKER_REGISTRY: 'ghcr.io/${{ github.repository_owner }}' });
  });

  it('logs in to the registry with a secret, only for pushes', async () => {
    const tree = treeWith('go-work');
    await ciGenerator(tree, { registry: 'registry.example.com', registryUsername: 'robot', registryPasswordSecret: 'REGISTRY_TOKEN' });
    const login = workflowOf(tree).step('docker/login-action');
    expect(login?.if).toBe("github.event_name == 'push'");
    expect(login?.with).toEqual({ registry: 'registry.example.com', username: 'robot', password: '${{ secrets.REGISTRY_TOKEN }}' });
  });

  it('uploads the lint SARIF even when the build fails, with the permission to', async () => {
    const tree = treeWith('go-work');
    await ciGenerator(tree, {});
    const { workflow, step } = workflowOf(tree);
    const upload = step('github/codeql-action/upload-sarif');
    expect(upload?.with).toEqual({ sarif_file: 'dist/go-docker/sarif', category: 'go-docker-lint' });
    expect(upload?.if).toContain('always()');
    expect(workflow.permissions['security-events']).toBe('write');
  });

  it('sets up QEMU only when a Go application uses cgo', async () => {
    const pureGo = treeWith('go-work');
    await ciGenerator(pureGo, {});
    expect(workflowOf(pureGo).step('docker/setup-qemu-action')).toBeUndefined();

    const withCgo = treeWith('root-module');
    await ciGenerator(withCgo, {});
    expect(workflowOf(withCgo).step('docker/setup-qemu-action')).toBeDefined();

    const forced = treeWith('go-work');
    await ciGenerator(forced, { qemu: 'always' });
    expect(workflowOf(forced).step('docker/setup-qemu-action')).toBeDefined();
  });

  it("follows nx.json's defaultBase and a custom name", async () => {
    const tree = treeWith('replace');
    tree.write('nx.json', JSON.stringify({ defaultBase: 'trunk' }));
    await ciGenerator(tree, { name: 'images' });
    const { workflow, step } = workflowOf(tree, 'images');
    expect(workflow.name).toBe('images');
    expect(workflow.on.push).toEqual({ branches: ['trunk'] });
    expect(step('nrwl/nx-set-shas')?.with).toEqual({ 'main-branch-name': 'trunk' });
  });

  it('is idempotent', async () => {
    const tree = treeWith('root-module');
    await ciGenerator(tree, {});
    const first = workflowOf(tree).text;
    await ciGenerator(tree, {});
    expect(workflowOf(tree).text).toBe(first);
    expect(tree.listChanges().filter((c) => c.path.startsWith('.github/')).map((c) => c.path)).toEqual(['.github/workflows/go-docker.yml']);
  });
});
