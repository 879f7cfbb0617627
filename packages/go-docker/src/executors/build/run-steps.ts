import { spawn } from 'node:child_process';
import type { Step } from './request';

/** Quotes an argument for display only: processes are always spawned with argv arrays, never a shell. */
export function displayArgv(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Build-arg values whose name looks secret are masked in what is printed (they should be secrets). */
export function redactForDisplay(argv: string[]): string[] {
  return argv.map((arg, i) => (argv[i - 1] === '--build-arg' && /^[^=]*(TOKEN|PASSWORD|PASSWD|SECRET|_KEY|APIKEY|CREDENTIAL)[^=]*=/i.test(arg) ? `${arg.split('=')[0]}=***` : arg));
}

export interface RunOptions {
  cwd: string;
  quiet: boolean;
  log: (line: string) => void;
}

/**
 * Runs steps in order, streaming their output, and returns the first failing exit code (0 if all pass).
 * Each step runs in its own process group so Ctrl-C / SIGTERM stop the whole tree it started.
 */
export async function runSteps(steps: Step[], options: RunOptions): Promise<number> {
  for (const step of steps) {
    options.log(`$ ${displayArgv(redactForDisplay(step.argv))}`);
    const code = await runOne(step, options);
    if (code !== 0 && !step.mayFail) return code;
  }
  return 0;
}

function runOne(step: Step, options: RunOptions): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.argv[0], step.argv.slice(1), {
      cwd: options.cwd,
      env: { ...process.env, ...step.env },
      stdio: options.quiet || step.mayFail ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    let captured = '';
    const keep = (chunk: Buffer) => (captured = (captured + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // Forward Ctrl-C / SIGTERM to the step's process group so the engine can cancel cleanly; whatever
    // of the group outlives it (background jobs ignore SIGINT) is killed once the step has exited.
    let interrupted = false;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // the group is gone
      }
    };
    const forward = (signal: NodeJS.Signals) => () => {
      interrupted = true;
      killGroup(signal);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const done = (code: number) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (code !== 0 && !step.mayFail && captured) process.stderr.write(captured);
      resolve(code);
    };
    child.on('error', (error) => {
      captured += `${step.argv[0]}: ${error.message}\n`;
      done(127);
    });
    // 'exit' comes before 'close', which waits for every holder of the output pipes (the leftovers too).
    child.on('exit', () => {
      if (interrupted) killGroup('SIGKILL');
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 + 2 : 1)));
  });
}
