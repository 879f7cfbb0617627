// Generates a synthetic Go monorepo for graph benchmarks: N modules joined by go.work, a fifth of them
// applications (with a Dockerfile), the rest libraries; each module has filesPerModule files
// (go.mod, Go sources importing other modules' packages, one _test.go).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateGoWorkspace(root, { modules, filesPerModule = 10 }) {
  const uses = [];
  const sourcesPerModule = Math.max(1, filesPerModule - 2);
  for (let i = 0; i < modules; i++) {
    const isApp = i % 5 === 4;
    const dir = isApp ? `apps/app${i}` : `libs/lib${i}`;
    const path = `example.com/${dir}`;
    uses.push(`./${dir}`);
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'go.mod'), `module ${path}\n\ngo 1.26\n`);
    // Imports go to lower-numbered libraries only, so the graph has no cycles.
    const libsBelow = [];
    for (let j = i - 1; j >= 0 && libsBelow.length < 3; j -= 3) if (j % 5 !== 4) libsBelow.push(`example.com/libs/lib${j}`);
    for (let f = 0; f < sourcesPerModule; f++) {
      const imports = ['fmt', ...(f === 0 ? libsBelow : [])];
      const pkg = isApp ? 'main' : `lib${i}`;
      const body = isApp && f === 0 ? 'func main() { fmt.Println(Name0()) }\n' : '';
      const uses_ = f === 0 ? libsBelow.map((p) => `var _ = ${p.split('/').pop()}.Name0\n`).join('') : '';
      writeFileSync(
        join(root, dir, `file${f}.go`),
        `// Package ${pkg} is generated.\npackage ${pkg}\n\nimport (\n${imports.map((p) => `\t"${p}"\n`).join('')})\n\n${uses_}var _ = fmt.Sprint\n\n// Name${f} names the file.\nfunc Name${f}() string { return "${dir}/${f}" }\n${body}`,
      );
    }
    writeFileSync(join(root, dir, `file_test.go`), `package ${isApp ? 'main' : `lib${i}`}\n\nimport "testing"\n\nfunc TestName(t *testing.T) {}\n`);
    if (isApp) {
      writeFileSync(join(root, dir, 'Dockerfile'), `# Build context: the workspace root.\n#   docker buildx build -f ${dir}/Dockerfile .\nFROM scratch\n`);
      writeFileSync(join(root, dir, 'Dockerfile.dockerignore'), '*\n');
    }
  }
  writeFileSync(join(root, 'go.work'), `go 1.26\n\nuse (\n${uses.map((u) => `\t${u}\n`).join('')})\n`);
}
