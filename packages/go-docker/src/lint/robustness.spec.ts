/**
 * No input makes a lint run crash: unreadable, missing, special and binary files, directories in odd places
 * and an unwritable report each give one clear problem (exit code 2) while every other file is still linted.
 * Permission errors are real: as root they cannot happen, so those runs drop to `nobody` with setpriv.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLint } from '../cli/lint-command';
import { exitCodeOf, lintFiles, LintRunResult } from './run-lint';
import { GOOD } from './test-utils/lint-snippet';

const created: string[] = [];
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'go-docker-robust-'));
  created.push(root);
  chmodSync(root, 0o755);
  writeFileSync(join(root, '.dockerignore'), '.git\n.env\n');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const problemsOf = (result: LintRunResult) => result.problems.map((p) => p.message);

interface NobodyRun {
  cwd: string;
  paths: string[];
  fix?: boolean;
}

/** Runs lintFiles as the unprivileged user `nobody` (root reads everything, so EACCES needs another user); one process for all runs. */
function lintAsNobody(runs: NobodyRun[]): (LintRunResult & { exit: number })[] {
  const script = `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, skipProject: true, compilerOptions: { module: 'commonjs' } });
    const { lintFiles, exitCodeOf } = require(${JSON.stringify(join(__dirname, 'run-lint.ts'))});
    const results = ${JSON.stringify(runs)}.map((options) => lintFiles(options)).map((result) => ({ ...result, config: undefined, exit: exitCodeOf(result) }));
    process.stdout.write(JSON.stringify(results));`;
  const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`lint as nobody failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as (LintRunResult & { exit: number })[];
}

describe('lint runs survive bad paths', () => {
  // Both permission scenarios, run as nobody in one process.
  const unreadable = tree({ 'ok/Dockerfile': GOOD, 'ok/.dockerignore': '.git\n.env\n', 'secret/Dockerfile': GOOD, 'locked/inner/Dockerfile': GOOD });
  const readOnlyText = GOOD.replace('gcr.io/distroless/static-debian12:nonroot', 'alpine:3.20');
  const readOnly = tree({ Dockerfile: readOnlyText });
  let asNobody: (LintRunResult & { exit: number })[];
  beforeAll(() => {
    chmodSync(join(unreadable, 'secret/Dockerfile'), 0o000);
    chmodSync(join(unreadable, 'locked'), 0o000);
    chmodSync(join(readOnly, 'Dockerfile'), 0o444);
    chmodSync(readOnly, 0o555);
    asNobody = lintAsNobody([
      { cwd: unreadable, paths: ['.', 'secret/Dockerfile'] },
      { cwd: readOnly, paths: ['Dockerfile'], fix: true },
    ]);
  });

  it('reports a file it may not read and a directory it may not list, and lints the rest (EACCES)', () => {
    const result = asNobody[0];
    expect(problemsOf(result).sort()).toEqual(['locked: cannot read directory (permission denied (EACCES))', 'secret/Dockerfile: cannot read (permission denied (EACCES))']);
    expect(result.files).toEqual(['ok/Dockerfile', 'secret/Dockerfile']);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.exit).toBe(2);
  });

  it('reports a missing path (ENOENT) and still lints the others', () => {
    const root = tree({ Dockerfile: GOOD });
    const result = lintFiles({ paths: ['nope/Dockerfile', 'Dockerfile'], cwd: root });
    expect(problemsOf(result)).toEqual(['nope/Dockerfile: no such file or directory (ENOENT)']);
    expect(result.files).toEqual(['Dockerfile']);
    expect(exitCodeOf(result)).toBe(2);
  });

  it('reports binary files and never blocks on a FIFO named like a Dockerfile', () => {
    const root = tree({ 'bin/Dockerfile': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe, 0]), 'ok/Dockerfile': GOOD });
    expect(spawnSync('mkfifo', [join(root, 'pipe.Dockerfile')]).status).toBe(0);
    // Directory walks skip special files; a FIFO named on the command line is reported.
    const result = lintFiles({ paths: ['.', 'pipe.Dockerfile'], cwd: root });
    expect(problemsOf(result).sort()).toEqual(['bin/Dockerfile: not a valid Dockerfile: binary content (NUL bytes)', 'pipe.Dockerfile: not a regular file (a pipe, socket or device)']);
    expect(result.files).toContain('ok/Dockerfile');
  });

  it('walks a directory named Dockerfile instead of reading it (no EISDIR)', () => {
    const root = tree({ 'Dockerfile/Dockerfile': GOOD });
    const result = lintFiles({ paths: ['Dockerfile'], cwd: root });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual(['Dockerfile/Dockerfile']);
  });

  it('an ignore file that is a directory is a problem for that Dockerfile only', () => {
    const root = tree({ 'a/Dockerfile': GOOD, 'b/Dockerfile': GOOD });
    mkdirSync(join(root, 'a', 'Dockerfile.dockerignore'));
    const result = lintFiles({ paths: ['.'], cwd: root });
    expect(problemsOf(result)).toEqual([`a/Dockerfile: cannot read the build context's ignore file (is a directory (EISDIR))`]);
    expect(result.files).toEqual(['a/Dockerfile', 'b/Dockerfile']);
  });

  it('a directory as the report file (-o) is one clear error, exit 2, never an unexpected failure', () => {
    const root = tree({ Dockerfile: GOOD });
    const out: string[] = [];
    const err: string[] = [];
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const code = runLint(['-o', root, 'Dockerfile'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false });
      expect(code).toBe(2);
    } finally {
      process.chdir(cwd);
    }
    expect(err.join('')).toBe(`go-docker: cannot write the report to ${root}: is a directory (EISDIR)\n`);
  });

  it('a read-only Dockerfile under --fix is reported and left unchanged', () => {
    const result = asNobody[1];
    expect(result.problems).toEqual([{ file: 'Dockerfile', message: 'Dockerfile: cannot write the fixed file (permission denied (EACCES)); it was left unchanged' }]);
    expect(result.fixesApplied).toBe(0);
    expect(readFileSync(join(readOnly, 'Dockerfile'), 'utf8')).toBe(readOnlyText);
  });
});
