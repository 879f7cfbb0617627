/**
 * The real CLI: compiles the package into a temporary install (dist + bin + package.json) and spawns
 * `node bin/go-docker.js`, checking exit codes and the shape of every format.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CORPUS_DIR } from '../lint/test-utils/corpus';

const packageRoot = resolve(__dirname, '..', '..');
let install: string;
let work: string;

function cli(args: string[], cwd = work): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(install, 'bin', 'go-docker.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CLEAN = readFileSync(join(packageRoot, 'src', 'generators', 'setup', '__fixtures__', 'golden', 'go-work', 'apps', 'api', 'Dockerfile'), 'utf8');
const IGNORE = '*\n!go.mod\n';
const DIRTY = 'FROM golang AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n';

beforeAll(() => {
  install = mkdtempSync(join(tmpdir(), 'go-docker-cli-'));
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(packageRoot, 'tsconfig.lib.json'), '--outDir', join(install, 'dist')], { stdio: 'inherit' });
  cpSync(join(packageRoot, 'bin'), join(install, 'bin'), { recursive: true });
  cpSync(join(packageRoot, 'package.json'), join(install, 'package.json'));
  work = mkdtempSync(join(tmpdir(), 'go-docker-work-'));
  writeFileSync(join(work, 'nx.json'), '{}'); // Stop config discovery from walking into the real workspace.
  mkdirSync(join(work, 'clean'));
  writeFileSync(join(work, 'clean', 'Dockerfile'), CLEAN);
  writeFileSync(join(work, 'clean', 'Dockerfile.dockerignore'), IGNORE);
  mkdirSync(join(work, 'dirty'));
  writeFileSync(join(work, 'dirty', 'Dockerfile'), DIRTY);
  writeFileSync(join(work, 'README.md'), '# not a Dockerfile\n');
}, 120_000);

afterAll(() => {
  rmSync(install, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('go-docker CLI', () => {
  it('prints help and version', () => {
    expect(cli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('go-docker <command>') });
    expect(cli(['lint', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--format') });
    expect(cli(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version);
  });

  it('exits 0 on a clean Dockerfile', () => {
    expect(cli(['lint', 'clean/Dockerfile', '--threshold', 'info'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('exits 1 with stylish findings: file:line:col, severity, id, message, docs link', () => {
    const { code, stdout } = cli(['lint', 'dirty']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^dirty\/Dockerfile:1:6 {2}warning {2}GD007 qualified-image {2}.*https:\/\/\S+GD007\.md$/m);
    expect(stdout).toMatch(/problems \(\d+ errors, \d+ warnings, \d+ infos\)/);
  });

  it('honours the threshold', () => {
    expect(cli(['lint', 'dirty', '--threshold', 'none']).code).toBe(0);
  });

  it.each([
    [['lint'], /no files or directories/],
    [['lint', '--format', 'xml', 'dirty'], /unknown format "xml"/],
    [['lint', '--bogus', 'dirty'], /unknown option --bogus/],
    [['lint', 'missing/Dockerfile'], /missing\/Dockerfile: no such file or directory/],
    [['lint', 'README.md'], /README\.md:1: not a valid Dockerfile: unknown instruction "#"|README\.md: not a valid Dockerfile/],
    [['lint', 'dirty', '--config', 'nope.json'], /nope\.json: config file not found/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 on %j with a clear message and no stack trace', (args, message) => {
    const { code, stderr } = cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with the file and the problem for a bad config file', () => {
    writeFileSync(join(work, 'bad.json'), '{"threshold": "loud"}');
    const { code, stderr } = cli(['lint', 'dirty', '--config', 'bad.json']);
    expect(code).toBe(2);
    expect(stderr).toContain('bad.json: "threshold" must be one of error, warning, info, none');
  });

  it('json: a flat array of findings', () => {
    const { code, stdout } = cli(['lint', 'dirty', '-f', 'json']);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as Record<string, unknown>[];
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'fixable', 'line', 'message', 'rule', 'severity']);
    }
  });

  it('sarif: valid 2.1.0 for code scanning', () => {
    const { stdout } = cli(['lint', 'dirty', '--format=sarif']);
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toContain('sarif');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('go-docker');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(16);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(ids).toContain(result.ruleId);
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toBeTruthy();
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uri).toBe('dirty/Dockerfile');
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endColumn).toBeGreaterThanOrEqual(region.startColumn);
    }
  });

  it('checkstyle: well-formed XML with one <file> per linted file', () => {
    const { stdout } = cli(['lint', 'dirty', 'clean', '-f', 'checkstyle', '--threshold', 'none']);
    expect(stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<checkstyle version="4.3">/);
    expect(stdout.match(/<file name="[^"]+">/g)).toEqual(['<file name="dirty/Dockerfile">', '<file name="clean/Dockerfile">']);
    const errors = stdout.match(/<error [^>]*\/>/g) ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^<error line="\d+" column="\d+" severity="(error|warning|info)" message="[^"<>]*" source="go-docker\.GD\d{3}"\/>$/);
    expect(stdout.trim().endsWith('</checkstyle>')).toBe(true);
  });

  it('writes to --output-file', () => {
    expect(cli(['lint', 'dirty', '-f', 'json', '-o', 'out.json']).stdout).toBe('');
    expect(JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')).length).toBeGreaterThan(0);
  });

  it('judges GD010 against --context', () => {
    const rules = (args: string[]) => (JSON.parse(cli(['lint', '-f', 'json', ...args]).stdout) as { rule: string }[]).map((f) => f.rule);
    expect(rules(['clean/Dockerfile'])).not.toContain('GD010');
    expect(rules(['clean/Dockerfile', '--context', 'dirty'])).not.toContain('GD010'); // Dockerfile.dockerignore wins
    expect(rules(['dirty/Dockerfile', '--context', 'clean'])).not.toContain('GD010'); // nothing there to leak
    writeFileSync(join(work, 'clean', '.env'), 'TOKEN=x\n');
    expect(rules(['dirty/Dockerfile', '--context', 'clean'])).toContain('GD010');
    writeFileSync(join(work, 'clean', '.dockerignore'), '.git\n.env\n');
    expect(rules(['dirty/Dockerfile', '--context', 'clean'])).not.toContain('GD010');
  });

  it('--fix rewrites the file and exits by what is left', () => {
    mkdirSync(join(work, 'fix'));
    writeFileSync(join(work, 'fix', 'Dockerfile'), DIRTY);
    const { stderr } = cli(['lint', 'fix', '--fix', '--ignore', 'GD010,GD009,GD011,GD005,GD001,GD003,GD002']);
    expect(stderr).toMatch(/applied \d+ fix/);
    const fixed = readFileSync(join(work, 'fix', 'Dockerfile'), 'utf8');
    expect(fixed).toContain('FROM docker.io/library/golang AS build');
    expect(fixed).toContain('CGO_ENABLED=0 go build');
    expect(cli(['lint', 'fix', '--ignore', 'GD010,GD009,GD011,GD005,GD001,GD003,GD002,GD014']).code).toBe(0);
  });

  it('lints the whole corpus without a usage or parse error', () => {
    const { code, stderr } = cli(['lint', CORPUS_DIR, '-f', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
