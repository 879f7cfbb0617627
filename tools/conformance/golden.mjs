#!/usr/bin/env node
// Regenerates (or, with --check, verifies) the oracle's golden files: what the real `go list` says about
// every repository of the corpus. Quick mode reads these so CI needs no module downloads; the full mode
// runs this with --check so a stale golden fails.
//   node tools/conformance/golden.mjs [--check] [--repo NAME]...
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOLDEN_DIR, corpusRepos, selectRepos, unpack } from './lib/corpus.mjs';
import { goListTree, readGolden } from './lib/oracle.mjs';

/** The golden record of a repo: go list's answer (given, or run on a fresh unpack). */
export function goldenFor(repo, oracle) {
  if (oracle) return { repository: repo.repository, commit: repo.commit, generatedBy: 'node tools/conformance/golden.mjs', ...oracle };
  const parent = mkdtempSync(join(tmpdir(), 'go-docker-golden-'));
  try {
    return goldenFor(repo, goListTree(unpack(repo, parent)));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

export function goldenPath(repo) {
  return join(GOLDEN_DIR, `${repo.name}.json`);
}

/** Stable text of a golden file (the Go version is recorded but not compared). */
export function goldenText(golden) {
  return `${JSON.stringify(golden, null, 1)}\n`;
}

function comparable(golden) {
  return JSON.stringify({ ...golden, goVersion: undefined });
}

async function main(argv) {
  const check = argv.includes('--check');
  const names = argv.flatMap((a, i) => (argv[i - 1] === '--repo' ? a.split(',') : []));
  mkdirSync(GOLDEN_DIR, { recursive: true });
  let stale = 0;
  for (const repo of selectRepos(corpusRepos(), names)) {
    const started = Date.now();
    const fresh = goldenFor(repo);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const mains = Object.values(fresh.packages).filter((p) => p.name === 'main' && p.listedBy).length;
    if (check) {
      const current = readGolden(goldenPath(repo));
      const same = current && comparable(current) === comparable(fresh);
      if (!same) stale++;
      console.log(`${same ? 'current' : 'STALE  '} ${repo.name} (${mains} mains, ${seconds}s)`);
    } else {
      writeFileSync(goldenPath(repo), goldenText(fresh));
      console.log(`wrote ${goldenPath(repo)} (${Object.keys(fresh.packages).length} packages, ${mains} mains, ${seconds}s)`);
    }
  }
  if (stale > 0) {
    console.error(`${stale} golden file(s) differ from what go list says now: node tools/conformance/golden.mjs`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
