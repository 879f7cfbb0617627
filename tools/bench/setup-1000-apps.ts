// How long `nx g go-docker:setup` takes on a large monorepo, tree in memory (no disk I/O measured):
// one root go.mod, N apps under apps/ (each with a project.json, a handler file and a test file),
// importing 3 of 100 libraries of 3 packages each. Prints medians and the per-app cost at two sizes,
// so a non-linear cost shows. Run: npm run bench:setup  (or: npx ts-node tools/bench/setup-1000-apps.ts 1000)
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { applySetup } from '../../packages/go-docker/src/generators/setup/generator';
import { median } from './lib/measure';

const LIBS = 100;

function monorepo(apps: number): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('go.mod', 'module example.com/mono\n\ngo 1.26\n\nrequire github.com/google/uuid v1.6.0\n');
  tree.write('go.sum', 'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n');
  for (let l = 0; l < LIBS; l++) {
    tree.write(`libs/lib${l}/lib.go`, `package lib${l}\n\nimport "example.com/mono/libs/lib${l}/internal/a"\n\nfunc Name() string { return a.Name() }\n`);
    tree.write(`libs/lib${l}/internal/a/a.go`, `package a\n\nimport "example.com/mono/libs/lib${l}/internal/b"\n\nfunc Name() string { return b.Name }\n`);
    tree.write(`libs/lib${l}/internal/b/b.go`, `package b\n\nconst Name = "lib${l}"\n`);
    tree.write(`libs/lib${l}/lib_test.go`, `package lib${l}\n`);
  }
  for (let a = 0; a < apps; a++) {
    const libs = [a % LIBS, (a * 7 + 3) % LIBS, (a * 13 + 5) % LIBS];
    const imports = libs.map((l) => `\t"example.com/mono/libs/lib${l}"`).join('\n');
    tree.write(`apps/svc${a}/project.json`, JSON.stringify({ name: `svc${a}`, root: `apps/svc${a}`, projectType: 'application' }));
    tree.write(`apps/svc${a}/main.go`, `package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\n${imports}\n)\n\nfunc main() {\n\thttp.HandleFunc("/", handle)\n\tfmt.Println(${libs.map((l) => `lib${l}.Name()`).join(', ')})\n\t_ = http.ListenAndServe(":8080", nil)\n}\n`);
    tree.write(`apps/svc${a}/handler.go`, `package main\n\nimport (\n\t"net/http"\n\n\t"github.com/google/uuid"\n)\n\nfunc handle(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(uuid.NewString())) }\n`);
    tree.write(`apps/svc${a}/main_test.go`, `package main\n\nimport "testing"\n\nfunc TestMain(t *testing.T) {}\n`);
  }
  return tree;
}

async function timeSetup(apps: number, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const tree = monorepo(apps);
    const start = process.hrtime.bigint();
    const results = await applySetup(tree, { port: 8080 });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (results.length !== apps) throw new Error(`expected ${apps} apps, setup found ${results.length}`);
  }
  return median(times);
}

async function main(): Promise<void> {
  const apps = Number(process.argv[2] ?? 1000);
  const rounds = Number(process.argv[3] ?? 5);
  logger.info = () => undefined; // the per-app report would dominate the measurement
  await timeSetup(Math.min(apps, 50), 1); // warm up the JIT and template cache
  const small = await timeSetup(apps / 4, rounds);
  const large = await timeSetup(apps, rounds);
  console.log(`setup on ${apps / 4} apps: ${small.toFixed(0)} ms median of ${rounds} (${(small / (apps / 4)).toFixed(2)} ms/app)`);
  console.log(`setup on ${apps} apps: ${large.toFixed(0)} ms median of ${rounds} (${(large / apps).toFixed(2)} ms/app)`);
  console.log(`growth ${apps / 4} → ${apps} apps: ${(large / small).toFixed(2)}× for 4× the apps (linear = 4×)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
