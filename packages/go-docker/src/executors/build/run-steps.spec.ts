import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayArgv, redactForDisplay, runSteps } from './run-steps';

const dir = mkdtempSync(join(tmpdir(), 'go-docker-run-'));
const quiet = { cwd: dir, quiet: true, log: () => undefined };

describe('runSteps (real processes)', () => {
  it('returns the first failing exit code and stops there; a step that may fail does not stop the rest', async () => {
    const code = await runSteps(
      [
        { argv: ['sh', '-c', 'exit 3'], mayFail: true },
        { argv: ['sh', '-c', 'touch ran-1'] },
        { argv: ['sh', '-c', 'exit 42'] },
        { argv: ['sh', '-c', 'touch ran-2'] },
      ],
      quiet,
    );
    expect(code).toBe(42);
    expect([existsSync(join(dir, 'ran-1')), existsSync(join(dir, 'ran-2'))]).toEqual([true, false]);
  });

  it('passes an injection attempt literally: no shell ever sees it', async () => {
    const hostile = `x;touch ${join(dir, 'pwned')} && echo $(id) '"`;
    await runSteps([{ argv: ['node', '-e', 'require("fs").writeFileSync("arg.txt", process.argv[1])', hostile] }], quiet);
    expect(readFileSync(join(dir, 'arg.txt'), 'utf8')).toBe(hostile);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('reports a missing program as 127', async () => {
    expect(await runSteps([{ argv: ['go-docker-no-such-program'] }], quiet)).toBe(127);
  });

  it('SIGINT stops the whole process tree the step started', async () => {
    // The step starts a grandchild that would write a file after 3 s; Ctrl-C must stop it too.
    const marker = join(dir, 'grandchild-survived');
    const run = runSteps([{ argv: ['sh', '-c', `(sleep 3; touch ${marker}) & wait`] }], quiet);
    await new Promise((r) => setTimeout(r, 500));
    process.emit('SIGINT', 'SIGINT');
    expect(await run).not.toBe(0);
    await new Promise((r) => setTimeout(r, 3500));
    expect(existsSync(marker)).toBe(false);
  });
});

describe('displayArgv', () => {
  it('quotes for display and masks secret-looking build args', () => {
    expect(displayArgv(redactForDisplay(['docker', 'build', '--build-arg', 'GITHUB_TOKEN=abc', '--build-arg', 'GOPROXY=x y', '--tag', "it's"]))).toBe(
      `docker build --build-arg 'GITHUB_TOKEN=***' --build-arg 'GOPROXY=x y' --tag 'it'\\''s'`,
    );
  });
});
