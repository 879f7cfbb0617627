// Imported first by the build executor: when its modules started loading, and a stopwatch for the
// phases before the engine starts (printed on every run, so the target's own overhead stays visible).
import { performance } from 'node:perf_hooks';

const loadStarted = performance.now();

export class Stopwatch {
  private readonly phases: Array<[string, number]> = [];
  private last: number;

  constructor(private readonly started: number) {
    this.last = started;
  }

  /** Ends the current phase under `name`. */
  lap(name: string): void {
    const now = performance.now();
    this.phases.push([name, now - this.last]);
    this.last = now;
  }

  /** "0.012 s (load 0.004, engine 0.001, …)": the phases so far, the total without the `exclude`d ones. */
  summary(exclude?: string): string {
    const own = this.phases.filter(([name]) => name !== exclude);
    const total = own.reduce((sum, [, ms]) => sum + ms, 0) / 1000;
    return `${total.toFixed(3)} s (${own.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(3)}`).join(', ')})`;
  }
}

/** A stopwatch whose first phase is the loading of the executor's modules. */
export function stopwatchFromLoad(): Stopwatch {
  return new Stopwatch(loadStarted);
}
