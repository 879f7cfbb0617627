import { lineage, Stage, variablesAt } from '../model/dockerfile-model';
import { Instruction } from '../parser/instructions';
import { GoInvocation, isCompile } from '../model/go-invocations';
import { splitWords } from '../parser/shell-words';
import { RunCommand } from '../model/shell-commands';
import { expand, Variables } from '../model/variables';
import { Rule } from '../rule';
import { instructionRange, normalizePath, report } from './helpers';

export const rule: Rule = {
  id: 'GD003',
  name: 'go-cache-mounts',
  defaultSeverity: 'warning',
  summary: 'Give `go build` a cache mount on GOCACHE and the module cache, and `go mod download` one on the module cache.',
  fixable: false,
  docs: `
Without cache mounts every build recompiles the standard library and every dependency, and downloads
modules again whenever the step's layer is invalidated. BuildKit cache mounts keep them across builds.

Fires on a RUN whose \`go build\`/\`go install\` has no \`--mount=type=cache\` on GOCACHE
(\`/root/.cache/go-build\`, or the value of \`GOCACHE\` / \`$HOME\`) or on the module cache
(\`/go/pkg/mod\`, or \`GOMODCACHE\` / \`$GOPATH/pkg/mod\`), and on a \`go mod download\` without a module
cache mount. A mount on a parent directory counts. When GOCACHE/GOMODCACHE depend on a build-time value
nothing is said.

\`\`\`Dockerfile
# fine
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...
\`\`\`

Default severity **warning**: correctness is unaffected; build time is.
`,
  check(context) {
    for (const stage of context.model.stages) {
      if (stage.goInvocations.length === 0) continue;
      // Who runs each RUN matters only when neither GOCACHE nor HOME says where the build cache is.
      let rootRuns: Map<Instruction, boolean | undefined> | undefined;
      const runsAsRootUser = (run: RunCommand) => (rootRuns ??= runsAsRoot(stage)).get(run.instruction);
      const cachingInvocations = new Map<RunCommand, GoInvocation[]>();
      for (const g of stage.goInvocations) {
        if (!isCompile(g) && g.subcommand !== 'mod download') continue;
        const list = cachingInvocations.get(g.run);
        if (list) list.push(g);
        else cachingInvocations.set(g.run, [g]);
      }
      for (const run of stage.runs) {
        const invocations = cachingInvocations.get(run);
        if (invocations === undefined) continue;
        const missing = new Set<string>();
        for (const invocation of invocations) {
          const modCache = moduleCacheCandidates(invocation.env);
          if (modCache && !hasCacheMount(run, invocation.env, modCache)) missing.add(`the module cache (${modCache[0]})`);
          if (!isCompile(invocation)) continue;
          const buildCache = buildCacheCandidates(invocation.env, () => runsAsRootUser(run));
          if (buildCache && !hasCacheMount(run, invocation.env, buildCache)) missing.add(`GOCACHE (${buildCache[0]})`);
        }
        if (missing.size === 0) continue;
        const what = invocations.some(isCompile) ? `go ${invocations.find(isCompile)?.subcommand}` : 'go mod download';
        context.report(report(instructionRange(run.instruction), `\`${what}\` runs without a cache mount on ${[...missing].join(' and ')}; add \`--mount=type=cache,target=…\``));
      }
    }
  },
};

/** Accepted cache-mount targets for the module cache; undefined when it depends on a build-time value. */
function moduleCacheCandidates(env: Variables): string[] | undefined {
  if (env.has('GOMODCACHE')) return known(env.get('GOMODCACHE'), env);
  if (env.has('GOPATH')) {
    const gopath = known(env.get('GOPATH'), env);
    return gopath && gopath.map((p) => `${p.split(':')[0]}/pkg/mod`);
  }
  // golang images set GOPATH=/go; Go's own default is $HOME/go.
  const home = env.has('HOME') ? known(env.get('HOME'), env) : ['/root'];
  return home && ['/go/pkg/mod', `${home[0]}/go/pkg/mod`];
}

function buildCacheCandidates(env: Variables, runsAsRootUser: () => boolean | undefined): string[] | undefined {
  if (env.has('GOCACHE')) return known(env.get('GOCACHE'), env);
  if (env.has('HOME')) return known(env.get('HOME'), env)?.map((h) => `${h}/.cache/go-build`);
  const root = runsAsRootUser();
  if (root === undefined) return undefined;
  return root ? ['/root/.cache/go-build'] : ['*/.cache/go-build'];
}

function known(value: string | undefined, env: Variables): string[] | undefined {
  const expanded = value === undefined ? undefined : expand(value, env);
  return expanded ? [normalizePath(expanded)] : undefined;
}

/** For each RUN of the stage: whether it executes as root (undefined when the user depends on a build arg). */
function runsAsRoot(stage: Stage): Map<Instruction, boolean | undefined> {
  const result = new Map<Instruction, boolean | undefined>();
  let user: string | undefined = 'root';
  for (const s of lineage(stage).reverse()) {
    for (const instruction of s.instructions) {
      if (instruction.keyword === 'USER') {
        const value = splitWords(instruction.args)[0]?.value ?? '';
        user = expand(value, variablesAt(s, instruction));
      } else if (instruction.keyword === 'RUN' && s === stage) {
        const name = user?.split(':')[0];
        result.set(instruction, name === undefined ? undefined : name === 'root' || name === '0');
      }
    }
  }
  return result;
}

function hasCacheMount(run: RunCommand, env: Variables, candidates: string[]): boolean {
  return run.mounts.some((mount) => {
    if (mount.type !== 'cache' || !mount.target) return false;
    const target = expand(mount.target, env);
    if (target === undefined) return true; // Cannot tell where it points: say nothing.
    const t = normalizePath(target);
    return candidates.some((c) => (c.startsWith('*') ? t.endsWith(c.slice(1)) : c === t || c.startsWith(`${t}/`) || t === '/'));
  });
}

