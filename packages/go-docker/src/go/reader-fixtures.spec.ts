import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { go } from '../test-utils/fixtures';
import { findApplications } from './applications';
import { buildContext } from './build-constraints';
import { DiskWorkspaceFiles } from './file-system';
import { GoListDifferential } from './go-list-differential';
import { loadGoWorkspace } from './workspace';

const FIXTURES = join(__dirname, '__fixtures__');
const READER = join(FIXTURES, 'reader');
const BROKEN = join(FIXTURES, 'broken-modules');
const contexts = [buildContext('amd64', false), buildContext('arm64', true)];

/** Runs go and returns its exit status and stderr (for commands that are meant to fail). */
function goFails(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    execFileSync('go', args, { cwd, env: { ...process.env, GOFLAGS: '', GOWORK: 'off', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`go ${args.join(' ')} succeeded`);
}

describe('the reader fixtures, each quirk proven by the real go command', () => {
  const workspace = loadGoWorkspace(new DiskWorkspaceFiles(READER), { moduleCache: false });

  it('agrees with `go list -json` on every package, in linux/amd64 without cgo and linux/arm64 with cgo', () => {
    const differential = new GoListDifferential(contexts);
    differential.run(READER, ['./...'], { env: { GOWORK: 'off' } });
    differential.checkMains();
    expect(differential.disagreements).toEqual([]);
    expect(differential.compared).toBe(2 * 13);
    expect(differential.mainsChecked).toBe(2 * 5);
  });

  it('finds func main only outside strings, runes, raw strings and comments, and not with type parameters', () => {
    const commands = [...workspace.packages.values()].filter((p) => p.isCommand).map((p) => p.dir);
    expect(commands.sort()).toEqual(['brackets-main', 'cmd/cgo-only', 'cmd/optional-cgo']);
    expect(go(['list', '-f', '{{.Name}}', './strings-no-main', './generic-main'], READER, { GOWORK: 'off' }).trim().split('\n')).toEqual(['main', 'main']);
    expect(goFails(['build', '-o', '/dev/null', './strings-no-main'], READER)).toContain('function main is undeclared in the main package');
    expect(goFails(['build', '-o', '/dev/null', './generic-main'], READER)).toContain('func main must have no type parameters');
  });

  it('builds an app whose package has a !cgo fallback with cgo off, and one with an unconstrained cgo file with cgo on', () => {
    const apps = new Map(findApplications(workspace).map((a) => [a.dir, a]));
    expect(apps.get('cmd/optional-cgo')?.usesCgo).toBe(false);
    expect(apps.get('cmd/cgo-only')?.usesCgo).toBe(true);
    go(['build', '-o', '/dev/null', './cmd/optional-cgo'], READER, { GOWORK: 'off', CGO_ENABLED: '0' });
    // With cgo off go/build drops cgo.go silently and the package loses Answer.
    expect(goFails(['build', '-o', '/dev/null', './cmd/cgo-only'], READER, { CGO_ENABLED: '0' })).toContain('undefined: cgoonly.Answer');
    go(['build', '-o', '/dev/null', './cmd/cgo-only'], READER, { GOWORK: 'off', CGO_ENABLED: '1' });
  });

  it('leaves out // +build only where go/build honours it, _x.go / .x.go files, package documentation and _windows.pb.go', () => {
    expect(workspace.packages.get('plus-build')?.goFiles).toEqual(['after.go', 'both.go', 'no-blank.go']);
    expect(workspace.packages.get('hidden-files')?.sources.map((s) => s.name)).toEqual(['lib.go']);
    expect(workspace.packages.get('documentation')).toMatchObject({ name: 'real', goFiles: ['lib.go'] });
    expect(workspace.packages.get('name-suffix')?.goFiles).toEqual(['arch_arm64.go', 'lib.go']);
    expect(workspace.packages.get('embed-comment')?.embedPatterns).toEqual(['real.txt']);
  });

  it('reports a .go file whose header does not parse, as go list -e does, and leaves out only that package', () => {
    expect(go(['list', '-e', '-f', '{{.InvalidGoFiles}}', './broken-header'], READER, { GOWORK: 'off' }).trim()).toBe('[broken.go]');
    expect(workspace.problems).toEqual([{ file: 'broken-header/broken.go', line: 5, message: "expected ')', found 'EOF'" }]);
    expect(workspace.packages.has('broken-header')).toBe(false);
  });
});

describe('broken modules, each rejected as the go command rejects it', () => {
  const workspace = loadGoWorkspace(new DiskWorkspaceFiles(BROKEN), { moduleCache: false });

  it('rejects a go.mod that starts with a byte-order mark with go’s own message', () => {
    expect(goFails(['list', './...'], join(BROKEN, 'bom'))).toContain("go.mod:1: unexpected input character '\\ufeff'");
    expect(workspace.problems).toContainEqual({ file: 'bom/go.mod', line: 1, message: "unexpected input character '\\ufeff'" });
  });

  it('rejects an unterminated block, leaves that module out and loads the rest', () => {
    expect(goFails(['list', './...'], join(BROKEN, 'malformed'))).toContain('unterminated block started at');
    expect(workspace.problems).toContainEqual({ file: 'malformed/go.mod', line: 5, message: '"require (" block is never closed' });
    expect([...workspace.modules.keys()]).toEqual(['good']);
    expect(findApplications(workspace).map((a) => a.dir)).toEqual(['good/cmd/app']);
    // Text after an import is not the header's: go list accepts it, so does the reader.
    expect(go(['list', '-e', '-f', '{{.Error}}', './after-imports'], join(BROKEN, 'good'), { GOWORK: 'off' }).trim()).toBe('<nil>');
    expect(workspace.packages.has('good/after-imports')).toBe(true);
    expect(workspace.problems).toHaveLength(2);
  });
});

describe('cgo through a vendored dependency', () => {
  const VENDOR = join(FIXTURES, 'vendor-cgo');
  const apps = new Map(findApplications(loadGoWorkspace(new DiskWorkspaceFiles(VENDOR), { moduleCache: false })).map((a) => [a.dir, a]));

  it('builds an app with cgo when a vendored package has a C file without a cgo constraint (its !cgo twin is a stub)', () => {
    expect(apps.get('cmd/db')).toMatchObject({ usesCgo: true, cgoUndecided: [] });
    expect(goFails(['run', './cmd/db'], VENDOR, { CGO_ENABLED: '0' })).toContain('sqlitelike requires cgo');
    expect(go(['run', './cmd/db'], VENDOR, { GOWORK: 'off', CGO_ENABLED: '1' })).toBe('sqlite 3.45.0\n');
  });

  it('builds an app without cgo when the vendored package falls back to Go behind a !cgo constraint', () => {
    expect(apps.get('cmd/plain')).toMatchObject({ usesCgo: false, cgoUndecided: [] });
    expect(go(['run', './cmd/plain'], VENDOR, { GOWORK: 'off', CGO_ENABLED: '0' })).toBe('42\n');
  });

  it('agrees with `go list -json` on the vendored packages', () => {
    const differential = new GoListDifferential(contexts);
    differential.run(VENDOR, ['./...'], { deps: true, env: { GOWORK: 'off' } });
    expect(differential.disagreements).toEqual([]);
    expect(differential.compared).toBe(2 * 4);
  });
});
