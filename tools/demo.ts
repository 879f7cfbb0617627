// See tools/demo.sh. Prints each command it runs in the sample workspace, then what setup wrote.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishPlugin, startLocalRegistry } from '../e2e/src/support/local-registry';
import { childEnv, findFiles, run, workspaceWithLayout } from '../e2e/src/support/nx-workspace';

async function main(): Promise<void> {
  console.log('Starting a local npm registry and publishing go-docker to it…');
  const registry = await startLocalRegistry();
  try {
    publishPlugin(registry);
    const env = childEnv(registry.env);
    console.log('Creating an Nx workspace with a sample Go monorepo (go.work, apps/api, apps/worker, libs/greeting)…');
    const ws = workspaceWithLayout('demo', 'go-work', env);
    for (const args of [['nx', 'add', 'go-docker'], ['nx', 'g', 'go-docker:setup', '--port=8080']]) {
      console.log(`\n$ npx ${args.join(' ')}`);
      process.stdout.write(run('npx', args, ws, env));
    }
    for (const path of findFiles(ws, (name) => name.startsWith('Dockerfile')).filter((p) => p.startsWith('apps/api/'))) {
      console.log(`\n----- ${path}\n${readFileSync(join(ws, path), 'utf8')}`);
    }
    console.log(`The workspace is at ${ws}; try: cd ${ws} && npx nx g go-docker:setup --help`);
  } finally {
    registry.process.kill();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
