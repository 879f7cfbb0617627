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
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, REPO_ROOT, SKIPPED_DIRS, WORK_DIR, corpusRepos, selectRepos, unpack, walkFiles } from './lib/corpus.mjs';
import { goListTree, hostGoBuild, mainsOf, readGolden } from './lib/oracle.mjs';
import { goldenFor, goldenPath } from './golden.mjs';
import { affectedFromGraph, appsIncluding, applicationsFound, compareClosure, compareEdges, compareMains, contextFilesAsRead, contextOf, diff, filesNxDoesNotSee, imageTargets, imagesBuildingFrom, imagesRunBy, samplePackages } from './lib/checks.mjs';
import { exec, makeWorkspace, nx, pluginTarball, pluginTarballFromRef, pluginTemplate } from './lib/workspace.mjs';
import { addModulesToLabProxy, buildAndStart, contextAsBuildKitSeesIt, labEnv } from './lib/images.mjs';
import { buildWithUserOptions, userOptionsFor } from './lib/user-options.mjs';
import { conformanceReport } from './lib/report.mjs';

const USAGE = `usage: node tools/conformance/run.mjs [--plugin DIR|TGZ | --plugin-ref BRANCH] [--no-build] [--max-images N] [--repo NAME]... [--shard i/n] [--full]
       [--oracle golden|live] [--affected N] [--results FILE] [--fresh] [--keep] [--report FILE] [--budget-minutes M] [--jobs N] [--affected-nx N] [--report-only [--quick-results FILE]]`;

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
    else if (a === '--plugin-ref') o.pluginRef = value();
    else if (a === '--max-images') o.maxImages = Number(value());
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
    else if (a === '--report-only') o.reportOnly = true;
    else if (a === '--quick-results') o.quickResults = resolve(value());
    else if (a === '--budget-minutes') o.budgetMinutes = Number(value());
    else if (a === '--jobs') o.jobs = Number(value());
    else if (a === '--affected-nx') o.affectedNx = Number(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  o.oracle ??= o.full ? 'live' : 'golden';
  o.jobs ??= 1;
  o.affected ??= o.full ? 12 : 6;
  o.affectedNx ??= o.full ? o.affected : 1;
  o.results ??= join(WORK_DIR, `results-${o.full ? 'full' : 'quick'}.json`);
  return o;
}

function list(items, max = 8) {
  return `${items.slice(0, max).join(', ')}${items.length > max ? ` (+${items.length - max} more)` : ''}`;
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

function step(result) {
  return { ok: result.ok, seconds: Number(result.seconds.toFixed(1)), ...(result.ok ? {} : { exit: result.status, output: tail(result.output, 25) }) };
}

/** Everything about one repository; never throws for a failure of the plugin (that is a result). */
export function checkRepo(repo, { template, oracleMode, affectedSamples, affectedByNx, keep, onWorkspace }) {
  const started = Date.now();
  const r = { repo: repo.name, repository: repo.repository, commit: repo.commit, steps: {}, failures: [] };
  const fail = (kind, message) => r.failures.push({ kind, message });
  // A directory of its own per run: several harness runs (other plugins, the full mode) may run at once.
  mkdirSync(join(WORK_DIR, 'runs'), { recursive: true });
  const parent = mkdtempSync(join(WORK_DIR, 'runs', `${repo.name}-`));
  try {
    const root = unpack(repo, parent);
    if (keep) r.workspace = root;
    const oracle = oracleMode === 'live' ? goListTree(root) : readGolden(goldenPath(repo));
    if (!oracle) throw new Error(`no golden file ${goldenPath(repo)}: node tools/conformance/golden.mjs --repo ${repo.name}`);
    if (oracleMode === 'live') {
      const golden = readGolden(goldenPath(repo));
      r.goldenCurrent = Boolean(golden) && JSON.stringify({ ...golden, goVersion: undefined }) === JSON.stringify({ ...goldenFor(repo, oracle), goVersion: undefined });
      if (!r.goldenCurrent) fail('golden', `${goldenPath(repo)} differs from what go list says now: node tools/conformance/golden.mjs --repo ${repo.name}`);
    }
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
    // nx graph --file exits 0 and writes a partial graph when project-graph plugins fail: its errors count.
    const graphErrors = /\b\w*Error\b|Failed to process/.test(graphRun.output);
    if (!graphRun.ok || graphErrors || !existsSync(graphFile)) fail('nx', `nx graph --file ${graphRun.ok ? 'reported errors' : 'failed'}:\n${tail(graphRun.output)}`);
    if (existsSync(graphFile)) graph = JSON.parse(readFileSync(graphFile, 'utf8')).graph;
    const clash = /multiple (locations|projects)|same name|conflict|clash/i.exec(`${setup.output}\n${show.output}\n${graphRun.output}`);
    if (clash) r.nameClash = tail(`${show.output}\n${graphRun.output}`, 6);

    const invisible = filesNxDoesNotSee(root, oracle);
    if (invisible?.length) fail('affected', `${invisible.length} Go file(s) the applications build from are not in Nx's file map (ignored for Nx: their changes select nothing and change no hash): ${list(invisible)}`);

    const targets = graph ? imageTargets(graph) : [];
    const targetsByFile = new Map(targets.map((t) => [t.file, t]));
    r.imageTargets = targets.length;
    r.closures = [];
    const noTarget = [];
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
          c.missingPackages.some((d) => !oracle.packages[d].vendored) && `missing packages ${list(c.missingPackages.filter((d) => !oracle.packages[d].vendored))}`,
          c.missingPackages.some((d) => oracle.packages[d].vendored) && `missing ${c.missingPackages.filter((d) => oracle.packages[d].vendored).length} vendored packages (${list(c.missingPackages.filter((d) => oracle.packages[d].vendored), 3)})`,
          c.extraPackages.length && `extra packages ${list(c.extraPackages)}`,
          c.missingFiles.filter((f) => !f.includes('vendor/')).length && `missing files ${list(c.missingFiles.filter((f) => !f.includes('vendor/')))}`,
          c.missingModuleFiles.length && `missing module files ${c.missingModuleFiles.join(', ')}`,
        ].filter(Boolean).join('; ')}`);
      }
      if (!targetsByFile.has(dockerfile)) noTarget.push(dockerfile);
    }
    if (noTarget.length) fail('targets', `${noTarget.length} generated Dockerfile(s) without a go-docker:build target in the project graph: ${list(noTarget)}`);

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
      const samples = samplePackages(oracle, affectedSamples);
      for (const [index, pkg] of samples.entries()) {
        const file = pkg === '.' ? oracle.packages[pkg].goFiles[0] : `${pkg}/${oracle.packages[pkg].goFiles[0]}`;
        // The first affectedByNx samples ask Nx itself; the others read the same answer off the graph
        // (the file's project and its dependents), checked against Nx on the samples it answered.
        const fromGraph = affectedFromGraph(graph, file);
        let affected = fromGraph;
        let seconds = 0;
        if (index < affectedByNx) {
          const run = nx(root, ['show', 'projects', '--affected', `--files=${file}`, '--json']);
          if (!run.ok) {
            fail('nx', `nx show projects --affected --files=${file} failed:\n${tail(run.output)}`);
            break;
          }
          affected = JSON.parse(run.stdout.slice(run.stdout.indexOf('['))).sort();
          seconds = run.seconds;
          if (JSON.stringify(affected) !== JSON.stringify(fromGraph)) fail('harness', `nx show projects --affected --files=${file} says ${affected.join(', ')}; the graph's dependents say ${fromGraph.join(', ')}`);
        }
        // What a plain `nx affected -t docker-build` builds, image by image, against the images whose app builds from pkg.
        const ran = imagesRunBy(graph, affected, 'docker-build').map((t) => t.file);
        const expected = imagesBuildingFrom(pkg, targets, oracle).map((t) => t.file);
        const apps = appsIncluding(pkg, oracle);
        const withoutTarget = apps.filter((a) => !targets.some((t) => t.file === (a === '.' ? 'Dockerfile' : `${a}/Dockerfile`)));
        const notBuilt = expected.filter((f) => !ran.includes(f));
        const needless = ran.filter((f) => !expected.includes(f));
        r.affected.push({ pkg, file, affectedProjects: affected.length, imagesBuilt: ran.length, imagesExpected: expected.length, notBuilt, needless, appsWithoutImageTarget: withoutTarget, askedNx: index < affectedByNx, seconds: Number(seconds.toFixed(1)) });
        if (notBuilt.length || needless.length)
          fail(
            'affected',
            `change to ${file}: nx affected -t docker-build builds ${ran.length} image(s), ${expected.length} build from it; ${[
              notBuilt.length && `not built: ${list(notBuilt)}`,
              needless.length && `built needlessly: ${list(needless)}`,
            ].filter(Boolean).join('; ')}`,
          );
        if (withoutTarget.length) fail('affected', `change to ${file}: ${withoutTarget.length} app(s) building from it have no image target to select: ${withoutTarget.slice(0, 10).join(', ')}`);
      }
    }
    if (onWorkspace) onWorkspace({ root, oracle, found, targets, result: r });
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
  if (o.reportOnly) {
    const path = o.report ?? join(REPO_ROOT, 'docs', 'conformance.md');
    const results = loadResults(o.results, false);
    // Repositories the full run has not reached yet are shown with the quick checks of another results file.
    if (o.quickResults) for (const [name, r] of Object.entries(loadResults(o.quickResults, false).repos)) results.repos[name] ??= { ...r, quickOnly: true };
    writeFileSync(path, conformanceReport(corpusRepos(), withCauses(results)));
    console.log(`conformance: wrote ${path} from ${o.results}`);
    return;
  }
  const lab = o.full ? labEnv() : undefined;
  const tarball = o.pluginRef ? pluginTarballFromRef(o.pluginRef) : pluginTarball(o.plugin, { build: o.build });
  const template = pluginTemplate(tarball);
  console.log(`conformance: plugin ${tarball} (${((Date.now() - t0) / 1000).toFixed(0)}s to build, pack, install), ${repos.length} repositories, oracle ${o.oracle}${o.full ? ', building and starting images' : ''}`);
  const results = loadResults(o.results, o.fresh);
  results.images ??= {};
  const pluginId = template.split('template-plugin-').pop();
  const deadline = o.budgetMinutes ? t0 + o.budgetMinutes * 60_000 : Infinity;
  if (o.jobs > 1 && !o.full && repos.length > 1) await runInParallel(repos, o, tarball, results);
  else for (const repo of repos) {
    const previous = results.repos[repo.name];
    const reusable = previous && previous.plugin === pluginId && previous.oracle === o.oracle && !previous.failures.some((f) => f.kind === 'harness');
    const imagesDone = (r) =>
      !o.full ||
      ((r.imageJobs ?? []).every((job) => {
        const image = results.images[repo.name]?.[job.dockerfile];
        return image?.plugin === pluginId && (image.built ? image.started || image.startCause !== undefined : image.hostBuild !== undefined);
      }) &&
        userOptionsFor(repo.name).every((entry) => results.options?.[repo.name]?.[entry.app]?.plugin === pluginId));
    if (reusable && imagesDone(previous)) {
      console.log(`${summaryLine(previous)} (kept from ${o.results}; --fresh reruns)`);
      continue;
    }
    if (Date.now() > deadline) {
      console.log(`conformance: time budget spent; ${repo.name} and later repositories left for the next run`);
      break;
    }
    const onWorkspace = o.full ? (w) => buildImages(w, repo, results, { lab, pluginId, deadline, maxImages: o.maxImages, save: () => saveResults(o.results, results) }) : undefined;
    const r = checkRepo(repo, { template, oracleMode: o.oracle, affectedSamples: o.affected, affectedByNx: o.affectedNx, keep: o.keep, onWorkspace });
    r.plugin = pluginId;
    r.oracle = o.oracle;
    results.repos[repo.name] = r;
    saveResults(o.results, results);
    console.log(summaryLine(r));
    for (const f of r.failures) console.log(`    [${f.kind}] ${f.message.split('\n').join('\n      ')}`);
  }
  const picked = repos.map((repo) => results.repos[repo.name]).filter(Boolean);
  const failed = picked.filter((r) => !r.ok);
  if (o.full || o.report) {
    const path = o.report ?? join(REPO_ROOT, 'docs', 'conformance.md');
    writeFileSync(path, conformanceReport(corpusRepos(), withCauses(results)));
    console.log(`conformance: wrote ${path}`);
  }
  console.log(`conformance: ${((Date.now() - t0) / 1000).toFixed(0)}s; results in ${o.results}`);
  if (picked.length < repos.length) console.log(`conformance: ${repos.length - picked.length} repositories not run (see above)`);
  console.log(`conformance: ${picked.length - failed.length} passed, ${failed.length + repos.length - picked.length} failed`);
  if (failed.length || picked.length < repos.length) process.exitCode = 1;
}

/**
 * --jobs N: the repositories split into N groups (largest tarballs first, round robin), each checked by
 * a child run of this script with its own results file; their results are merged into ours.
 */
async function runInParallel(repos, o, tarball, results) {
  const bySize = [...repos].sort((a, b) => statSync(join(CORPUS_DIR, b.file)).size - statSync(join(CORPUS_DIR, a.file)).size);
  const groups = Array.from({ length: Math.min(o.jobs, repos.length) }, () => []);
  bySize.forEach((repo, i) => groups[i % groups.length].push(repo.name));
  const children = groups.map((names, i) => {
    const shardResults = `${o.results}.job${i + 1}.json`;
    const args = [fileURLToPath(import.meta.url), '--plugin', tarball, '--repo', names.join(','), '--results', shardResults, '--oracle', o.oracle, '--affected', String(o.affected), '--affected-nx', String(o.affectedNx)];
    if (o.fresh) args.push('--fresh');
    if (o.keep) args.push('--keep');
    return new Promise((done) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      // A repository's block (its summary line and the indented lines after it) is printed whole.
      let pending = '';
      let block = [];
      const flush = () => {
        if (block.length) process.stdout.write(`${block.join('\n')}\n`);
        block = [];
      };
      const take = (data) => {
        const lines = (pending + data).split('\n');
        pending = lines.pop();
        for (const line of lines) {
          if (/^(PASS|FAIL) /.test(line)) flush();
          if (line.startsWith('conformance:')) continue;
          block.push(line);
        }
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('close', () => {
        take('\n');
        flush();
        if (existsSync(shardResults)) Object.assign(results.repos, JSON.parse(readFileSync(shardResults, 'utf8')).repos);
        done();
      });
    });
  });
  await Promise.all(children);
  saveResults(o.results, results);
}

/** Full mode, inside a checked workspace: build and start every generated image not yet done. */
function buildImages({ root, oracle, found, targets, result }, repo, results, { lab, pluginId, deadline, maxImages, save }) {
  const byFile = new Map(targets.map((t) => [t.file, t]));
  result.imageJobs = found
    .filter((a) => a.outcome !== 'kept-foreign' && a.outcome !== 'kept-edited')
    .map((a) => (a.dir === '.' ? 'Dockerfile' : `${a.dir}/Dockerfile`))
    .map((dockerfile) => ({ dockerfile, context: byFile.get(dockerfile)?.context ?? contextOf(root, dockerfile, byFile) ?? '.' }));
  const done = (results.images[repo.name] ??= {});
  // Images kept from an earlier run of this plugin get what later runs work out too: it needs only the tree.
  for (const [dockerfile, outcome] of Object.entries(done)) {
    if (outcome.plugin !== pluginId) continue;
    if (outcome.built && !outcome.started && outcome.startCause === undefined) Object.assign(outcome, missingFileCause(root, outcome.reason));
    if (!outcome.built && outcome.hostBuild === undefined) Object.assign(outcome, notBuiltCause(root, oracle, dockerfile, outcome, []));
  }
  const todo = result.imageJobs.filter((job) => done[job.dockerfile]?.plugin !== pluginId).slice(0, maxImages ?? Infinity);
  const optionsLeft = userOptionsFor(repo.name).some((entry) => results.options?.[repo.name]?.[entry.app]?.plugin !== pluginId);
  if (todo.length === 0 && !optionsLeft) return;
  const proxyProblems = addModulesToLabProxy(root, oracle);
  if (proxyProblems.length) result.proxyProblems = proxyProblems;
  for (const job of todo) {
    if (Date.now() > deadline) break;
    const seen = contextAsBuildKitSeesIt(root, job, lab);
    const contextCheck = seen.error ? { error: seen.error } : diff(contextFilesAsRead(root, job.dockerfile, job.context), seen.files.filter((f) => !/^(\.git|node_modules|\.nx|\.conformance)\//.test(f)));
    if (contextCheck.error || contextCheck.missing.length || contextCheck.extra.length) result.failures.push({ kind: 'harness', message: `${job.dockerfile}: the allow-list as read here differs from BuildKit's context: ${JSON.stringify(contextCheck).slice(0, 600)}` });
    const outcome = buildAndStart(root, { repo: repo.name, ...job }, lab);
    if (!outcome.built) Object.assign(outcome, notBuiltCause(root, oracle, job.dockerfile, outcome, proxyProblems));
    else if (!outcome.started) Object.assign(outcome, missingFileCause(root, outcome.reason));
    done[job.dockerfile] = { ...outcome, context: job.context, plugin: pluginId, at: new Date().toISOString() };
    save();
    console.log(`    image ${job.dockerfile}: ${outcome.built ? 'built' : 'NOT BUILT'}${outcome.built ? `, ${outcome.started ? 'started' : 'NOT STARTED'}` : ''} (${outcome.reason})`);
  }
  // The images of tools/conformance/user-options.json, once every generated image is done: they change the workspace.
  if (todo.some((job) => done[job.dockerfile]?.plugin !== pluginId)) return;
  const withOptions = (results.options ??= {})[repo.name] ??= {};
  for (const entry of userOptionsFor(repo.name)) {
    if (withOptions[entry.app]?.plugin === pluginId || Date.now() > deadline) continue;
    const outcome = buildWithUserOptions(root, entry, targets, lab);
    withOptions[entry.app] = { ...outcome, plugin: pluginId, at: new Date().toISOString() };
    save();
    console.log(`    image ${entry.app} with ${JSON.stringify(entry.options)}: ${outcome.built ? 'built' : 'NOT BUILT'}${outcome.built ? `, ${outcome.started ? 'checks pass' : 'CHECK FAILED'}` : ''} (${outcome.reason})`);
  }
}

/** Results with the cause of every unbuilt image filled in from the golden oracle (results written before it was kept). */
function withCauses(results) {
  for (const [name, images] of Object.entries(results.images ?? {})) {
    const oracle = readGolden(goldenPath({ name }));
    if (!oracle) continue;
    for (const [dockerfile, outcome] of Object.entries(images)) {
      // Causes are worked out again unless the host's go build decided them (older results carry older wording).
      if (!outcome.built && outcome.hostBuild === undefined) Object.assign(outcome, causeOutsideThePlugin({ dockerfile }, oracle, outcome, results.repos[name]?.proxyProblems ?? []));
    }
  }
  return results;
}

/** Why an image did not build, with the host's own go build of the same package as the oracle. */
function notBuiltCause(root, oracle, dockerfile, outcome, proxyProblems) {
  const hostBuild = hostGoBuild(root, oracle, dirOfDockerfile(dockerfile));
  return { hostBuild, ...causeOutsideThePlugin({ dockerfile }, oracle, { ...outcome, hostBuild }, proxyProblems) };
}

/**
 * A started image that stopped on a missing file: is that file in the repository (a runtime file the image
 * could ship: the runtimeFiles option) or nowhere in it (another program writes it, or its user supplies it)?
 */
function missingFileCause(root, reason) {
  const path = /(?:open|stat|read) ([^\s:]+): no such file or directory/.exec(reason ?? '')?.[1];
  if (!path) return { startCause: 'other' };
  const name = path.split('/').pop();
  const inTree = walkFiles(root, (_rel, fileName) => fileName === name, (dirName) => dirName === '.conformance' || SKIPPED_DIRS.has(dirName));
  return inTree.length
    ? { startCause: 'runtime-file', startCauseText: `reads ${path} at run time, a file of the repository (${inTree.slice(0, 2).join(', ')}): the runtimeFiles option ships it` }
    : { startCause: 'not-in-repository', startCauseText: `reads ${path} at run time, a file the repository does not contain (another program writes it, or its user supplies it)` };
}

function dirOfDockerfile(dockerfile) {
  return dockerfile === 'Dockerfile' ? '.' : dockerfile.slice(0, -'/Dockerfile'.length);
}

/**
 * Why an image did not build, where it is known: the host's `go build` of the same package fails too, or go
 * list reports an error on a package of the app (an embed of a build output that is not in the repository), or the
 * app's packages need a module the machine's Go module proxy refuses (403), so the lab's proxy lacks it.
 */
function causeOutsideThePlugin(job, oracle, outcome, proxyProblems) {
  const dir = dirOfDockerfile(job.dockerfile);
  // The host's own go build (the oracle) fails too: the image cannot build from this tree either.
  if (outcome.hostBuild && !outcome.hostBuild.ok) return { cause: 'go', causeText: `go build fails the same way outside Docker: ${outcome.hostBuild.error}` };
  const broken = [dir, ...(oracle.packages[dir]?.deps ?? [])].filter((p) => oracle.packages[p]?.error);
  if (broken.length) return { cause: 'go', causeText: `go build fails the same way outside Docker: go list reports ${broken.map((p) => `${p}: ${oracle.packages[p].error}`).join('; ').slice(0, 300)}` };
  // The module the lab's proxy lacked (404 in the build), when filling it from the machine's proxy met a 403.
  const missing = /go: (\S+@\S+): reading http\S+: 404 Not Found/.exec(outcome.log ?? '')?.[1];
  // The download step names only the modules of the packages the app imports, and the build fetches only what
  // those import: a module the build still asks for is one its packages need, so the host's go build needs it too.
  if (missing && /: 403 Forbidden/.test(proxyProblems.join(' '))) return { cause: 'proxy', causeText: `the app's packages need ${missing}, which this machine's Go module proxy refuses (403): \`go build\` outside Docker needs it the same way` };
  return {};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exitCode = 2;
  });
}
