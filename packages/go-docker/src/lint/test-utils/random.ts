/** A seeded random source, so generated differential cases are the same on every run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** 0 ≤ n < max. */
  int(max: number): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state % max;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `count` picks from `items`, joined. */
  join(items: readonly string[], min: number, max: number, separator = ''): string {
    const n = min + this.int(max - min + 1);
    return Array.from({ length: n }, () => this.pick(items)).join(separator);
  }
}
