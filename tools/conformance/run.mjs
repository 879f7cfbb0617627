#!/usr/bin/env node
// Conformance of go-docker on real public Go monorepos (../shared/realworld/), with the real `go`
// command as the oracle. Per repository: unpack, make it an Nx 23.2.1 workspace with the packed plugin,
// `nx g go-docker:init`, `nx g go-docker:setup`, then compare with `go list`: applications found,
// each image's allow-listed context, project-graph edges, `nx show projects` / `nx graph`, our own lint
// of every generated Dockerfile, and which projects `nx show projects --affected` selects.
//
//   node tools/conformance/run.mjs [--plugin <packages/go-docker dir | .tgz>] [--repo NAME]... [--shard i/n]
//                                  [--full] [--oracle golden|live] [--affected N] [--results FILE] [--fresh] [--keep]
// Quick mode (default, `npm test`): the oracle comes from tools/conformance/golden/*.json (made by the real
// go list: node tools/conformance/golden.mjs). Full mode (`npm run conformance -- --full`): the oracle is
// go list itself, goldens are checked for staleness, and every generated image is built and started on
// the container lab (tools/conformance/images.mjs); docs/conformance.md is written from the results.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, WORK_DIR, corpusRepos, selectRepos, unpack } from './lib/corpus.mjs';
import { goListTree, mainsOf, readGolden } from './lib/oracle.mjs';
import { goldenPath } from './golden.mjs';
import { appsIncluding, applicationsFound, compareClosure, compareEdges, compareMains, contextOf, expectedAffected, imageTargets, samplePackages } from './lib/checks.mjs';
import { exec, makeWorkspace, nx, pluginTarball, pluginTemplate } from './lib/workspace.mjs';

const USAGE = `usage: node tools/conformance/run.mjs [--plugin DIR|TGZ] [--no-build] [--repo NAME]... [--shard i/n] [--full]
       [--oracle golden|live] [--affected N] [--results FILE] [--fresh] [--keep] [--report FILE]`;

export function parseOptions(argv) {
  const o = { plugin: join(REPO_ROOT, 'packages', 'go-docker'), build: true, repos: [], shard: undefined, full: false, oracle: undefined, affected: undefined, results: undefined, fresh: false, keep: false, report: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--plugin') o.plugin = value();
    else if (a === '--no-build') o.build = false;
    else if (a === '--repo') o.repos.push(...value().split(',').filter(Boolean));
    else if (a === '--shard') o.shard = value();
    else if (a === '--full') o.full = true;
    else if (a === '--quick') o.full = false;
    else if (a === '--oracle') o.oracle = value();
    else if (a === '--affected') o.affected = Number(value());
    else if (a === '--results') o.results = resolve(value());
    else if (a === '--report') o.report = resolve(value());
    else if (a === '--fresh') o.fresh = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  o.oracle ??= o.full ? 'live' : 'golden';
  o.affected ??= o.full ? 12 : 3;
  o.results ??= join(WORK_DIR, `results-${o.full ? 'full' : 'quick'}.json`);
  return o;
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

function step(result) {
  return { ok: result.ok, seconds: Number(result.seconds.toFixed(1)), ...(result.ok ? {} : { exit: result.status, output: tail(result.output, 25) }) };
}

/** Everything about one repository; never throws for a failure of the plugin (that is a result). */
export function checkRepo(repo, { template, oracleMode, affectedSamples, keep }) {
  const started = Date.now();
  const r = { repo: repo.name, repository: repo.repository, commit: repo.commit, steps: {}, failures: [] };
  const fail = (kind, message) => r.failures.push({ kind, message });
  const parent = join(WORK_DIR, 'runs', repo.name);
  const root = unpack(repo, parent);
  try {
    const oracle = oracleMode === 'live' ? goListTree(root) : readGolden(goldenPath(repo));
    if (!oracle) throw new Error(`no golden file ${goldenPath(repo)}: node tools/conformance/golden.mjs --repo ${repo.name}`);
    const goMains = mainsOf(oracle);
    makeWorkspace(root, template);

    const init = nx(root, ['g', 'go-docker:init', '--no-interactive']);
    r.steps.init = step(init);
    if (!init.ok) fail('nx', `nx g go-docker:init failed:\n${tail(init.output)}`);
    const setup = nx(root, ['g', 'go-docker:setup', '--no-interactive']);
    r.steps.setup = step(setup);
    if (!setup.ok) fail('nx', `nx g go-docker:setup failed:\n${tail(setup.output)}`);
    r.setupWarnings = setup.output.split('\n').filter((l) => /^\s*(warning:|kept:)|WARN/.test(l)).map((l) => l.trim()).slice(0, 50);

    const found = applicationsFound(root, setup.output);
    const mains = compareMains(found, oracle);
    r.mains = { found: found.length, goList: goMains.length, matched: goMains.length - mains.missing.length, missing: mains.missing, extra: mains.extra };
    r.apps = found;
    if (mains.missing.length) fail('mains', `${mains.missing.length} package main dir(s) go list reports, setup did not find: ${mains.missing.join(', ')}`);
    if (mains.extra.length) fail('mains', `${mains.extra.length} app dir(s) setup found that go list does not report as package main: ${mains.extra.join(', ')}`);
    const kept = found.filter((a) => a.outcome === 'kept-foreign' || a.outcome === 'kept-edited');
    if (kept.length) r.keptDockerfiles = kept.map((a) => a.dir);

    const show = nx(root, ['show', 'projects', '--json']);
    r.steps.showProjects = step(show);
    if (!show.ok) fail('nx', `nx show projects failed:\n${tail(show.output)}`);
    else r.projects = JSON.parse(show.stdout.slice(show.stdout.indexOf('['))).length;
    mkdirSync(join(root, '.conformance'), { recursive: true });
    const graphFile = join(root, '.conformance', 'graph.json');
    const graphRun = nx(root, ['graph', `--file=${graphFile}`]);
    r.steps.graph = step(graphRun);
    let graph;
    if (!graphRun.ok || !existsSync(graphFile)) fail('nx', `nx graph --file failed:\n${tail(graphRun.output)}`);
    else graph = JSON.parse(readFileSync(graphFile, 'utf8')).graph;
    const clash = /multiple (locations|projects)|same name|conflict|clash/i.exec(`${setup.output}\n${show.output}\n${graphRun.output}`);
    if (clash) r.nameClash = tail(`${show.output}\n${graphRun.output}`, 6);

    const targets = graph ? imageTargets(graph) : [];
    const targetsByFile = new Map(targets.map((t) => [t.file, t]));
    r.imageTargets = targets.length;
    r.closures = [];
    for (const app of found) {
      if (app.outcome === 'kept-foreign' || app.outcome === 'kept-edited') continue;
      const dockerfile = app.dir === '.' ? 'Dockerfile' : `${app.dir}/Dockerfile`;
      if (!existsSync(join(root, dockerfile))) continue;
      const context = contextOf(root, dockerfile, targetsByFile);
      if (!context) {
        fail('closure', `${dockerfile}: no build context (no docker-build target, no command in the header)`);
        continue;
      }
      const c = compareClosure(root, app, context, oracle);
      if (c.skipped) continue;
      const bad = c.missingPackages.length + c.extraPackages.length + c.missingFiles.length + c.missingModuleFiles.length;
      if (bad) {
        r.closures.push({ app: app.dir, ...c });
        fail('closure', `${app.dir} (context ${context}): ${[
          c.missingPackages.length && `missing packages ${c.missingPackages.join(', ')}`,
          c.extraPackages.length && `extra packages ${c.extraPackages.join(', ')}`,
          c.missingFiles.length && `missing files ${c.missingFiles.slice(0, 8).join(', ')}${c.missingFiles.length > 8 ? ` (+${c.missingFiles.length - 8})` : ''}`,
          c.missingModuleFiles.length && `missing module files ${c.missingModuleFiles.join(', ')}`,
        ].filter(Boolean).join('; ')}`);
      }
      if (!targetsByFile.has(dockerfile)) fail('targets', `${dockerfile}: no docker-build target in the project graph`);
    }

    if (graph) {
      r.edges = compareEdges(graph, oracle);
      if (r.edges.missing.length) fail('edges', `${r.edges.missing.length} project edge(s) go list's imports imply, missing from the graph: ${r.edges.missing.slice(0, 15).join(', ')}`);
      if (r.edges.extra.length) fail('edges', `${r.edges.extra.length} graph edge(s) no import (build or test) explains: ${r.edges.extra.slice(0, 15).join(', ')}`);
    }

    const generated = found.filter((a) => a.outcome !== 'kept-foreign' && a.outcome !== 'kept-edited').map((a) => (a.dir === '.' ? 'Dockerfile' : `${a.dir}/Dockerfile`)).filter((f) => existsSync(join(root, f)));
    if (generated.length) {
      const lint = exec(process.execPath, [join(root, 'node_modules', 'go-docker', 'bin', 'go-docker.js'), 'lint', ...generated], root);
      r.steps.lint = step(lint);
      if (!lint.ok) fail('lint', `go-docker lint of ${generated.length} generated Dockerfile(s) failed:\n${tail(lint.output, 20)}`);
    }

    r.affected = [];
    if (graph && affectedSamples > 0) {
      for (const pkg of samplePackages(oracle, affectedSamples)) {
        const file = pkg === '.' ? oracle.packages[pkg].goFiles[0] : `${pkg}/${oracle.packages[pkg].goFiles[0]}`;
        const run = nx(root, ['show', 'projects', '--affected', `--files=${file}`, '--json']);
        if (!run.ok) {
          fail('nx', `nx show projects --affected --files=${file} failed:\n${tail(run.output)}`);
          break;
        }
        const withImage = new Set(targets.map((t) => t.project));
        const selected = JSON.parse(run.stdout.slice(run.stdout.indexOf('['))).filter((p) => withImage.has(p)).sort();
        const expected = expectedAffected(pkg, targets, oracle);
        const apps = appsIncluding(pkg, oracle);
        const withoutTarget = apps.filter((a) => !targets.some((t) => t.file === (a === '.' ? 'Dockerfile' : `${a}/Dockerfile`)));
        const entry = { pkg, file, selected, expected, appsBuildingIt: apps.length, appsWithoutImageTarget: withoutTarget, seconds: Number(run.seconds.toFixed(1)) };
        r.affected.push(entry);
        const missing = expected.filter((p) => !selected.includes(p));
        const extra = selected.filter((p) => !expected.includes(p));
        if (missing.length || extra.length)
          fail('affected', `change to ${file}: ${[missing.length && `not selected ${missing.join(', ')}`, extra.length && `selected but their images do not build from it: ${extra.join(', ')}`].filter(Boolean).join('; ')}`);
        if (withoutTarget.length) fail('affected', `change to ${file}: ${withoutTarget.length} app(s) building from it have no image target to select: ${withoutTarget.slice(0, 10).join(', ')}`);
      }
    }
  } catch (error) {
    fail('harness', error.stack ?? String(error));
  } finally {
    if (!keep) rmSync(parent, { recursive: true, force: true });
  }
  r.seconds = Number(((Date.now() - started) / 1000).toFixed(1));
  r.ok = r.failures.length === 0;
  return r;
}

function loadResults(path, fresh) {
  if (fresh || !existsSync(path)) return { repos: {} };
  return JSON.parse(readFileSync(path, 'utf8'));
}

function saveResults(path, results) {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 1)}\n`);
}

export function summaryLine(r) {
  const m = r.mains ?? { found: '?', goList: '?' };
  const counts = {};
  for (const f of r.failures) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  const kinds = Object.entries(counts).map(([k, n]) => `${k}:${n}`).join(' ');
  return `${r.ok ? 'PASS' : 'FAIL'} ${r.repo.padEnd(36)} mains ${String(m.found).padStart(3)}/${String(m.goList).padEnd(3)} ${String(r.seconds).padStart(6)}s ${kinds}`;
}

async function main(argv) {
  const o = parseOptions(argv);
  const repos = selectRepos(corpusRepos(), o.repos, o.shard);
  const t0 = Date.now();
  const tarball = pluginTarball(o.plugin, { build: o.build });
  const template = pluginTemplate(tarball);
  console.log(`conformance: plugin ${tarball} (${((Date.now() - t0) / 1000).toFixed(0)}s to build, pack, install), ${repos.length} repositories, oracle ${o.oracle}`);
  const results = loadResults(o.results, o.fresh);
  const pluginId = template.split('template-plugin-').pop();
  for (const repo of repos) {
    const previous = results.repos[repo.name];
    if (previous && previous.plugin === pluginId && previous.oracle === o.oracle) {
      console.log(`${summaryLine(previous)} (kept from ${o.results}; --fresh reruns)`);
      continue;
    }
    const r = checkRepo(repo, { template, oracleMode: o.oracle, affectedSamples: o.affected, keep: o.keep });
    r.plugin = pluginId;
    r.oracle = o.oracle;
    results.repos[repo.name] = r;
    saveResults(o.results, results);
    console.log(summaryLine(r));
    for (const f of r.failures) console.log(`    [${f.kind}] ${f.message.split('\n').join('\n      ')}`);
  }
  const picked = repos.map((repo) => results.repos[repo.name]);
  const failed = picked.filter((r) => !r.ok);
  console.log(`conformance: ${picked.length - failed.length} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)}s); results in ${o.results}`);
  if (failed.length) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exitCode = 2;
  });
}
