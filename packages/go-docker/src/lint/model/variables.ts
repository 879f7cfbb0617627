/**
 * Variables known while reading a Dockerfile. A name mapped to `undefined` is declared (e.g. `ARG TARGETOS`)
 * but its value is only known at build time, so anything depending on it cannot be decided.
 */
export interface Variables {
  get(name: string): string | undefined;
  has(name: string): boolean;
}

/** One name's values, each with the version that set it. */
interface History {
  versions: number[];
  values: (string | undefined)[];
}

const NO_HISTORIES: ReadonlyMap<string, History> = new Map();

/**
 * The ENV/ARG variables of a stage as they change instruction by instruction, with O(1) snapshots: each name
 * keeps its history of (version, value), and a snapshot answers for the version it was taken at (binary
 * search). Copying a map per ENV/ARG instead made files with many ENV lines quadratic in time and memory.
 */
export class VariableHistory {
  /** Made on the first `set`: many stages declare no variables. */
  private histories?: Map<string, History>;
  private version = 0;
  private live?: Variables;

  constructor(initial?: Iterable<[string, string | undefined]>) {
    if (initial) for (const [key, value] of initial) this.set(key, value);
  }

  set(key: string, value: string | undefined): void {
    this.version++;
    this.histories ??= new Map();
    const history = this.histories.get(key);
    if (history) {
      history.versions.push(this.version);
      history.values.push(value);
    } else {
      // Most names are set once: arrays of one, not the room for many that a first push reserves.
      this.histories.set(key, { versions: [this.version], values: [value] });
    }
  }

  /** The variables as they are now, unaffected by later changes. */
  snapshot(): Variables {
    return new VariableSnapshot(this, this.version);
  }

  /** A live view of the current variables. */
  current(): Variables {
    return (this.live ??= { get: (name) => this.valueAt(name, this.version), has: (name) => this.hasAt(name, this.version) });
  }

  /** Every variable of the snapshot at `version`, e.g. to start another stage from it. */
  entriesAt(version: number): [string, string | undefined][] {
    const entries: [string, string | undefined][] = [];
    for (const [key, history] of this.histories ?? NO_HISTORIES) {
      const at = indexAt(history.versions, version);
      if (at >= 0) entries.push([key, history.values[at]]);
    }
    return entries;
  }

  valueAt(name: string, version: number): string | undefined {
    const history = this.histories?.get(name);
    const at = history === undefined ? -1 : indexAt(history.versions, version);
    return at < 0 ? undefined : history?.values[at];
  }

  hasAt(name: string, version: number): boolean {
    const history = this.histories?.get(name);
    return history !== undefined && indexAt(history.versions, version) >= 0;
  }
}

/** Index of the last version at or before `version` (binary search), -1 when none. */
function indexAt(versions: number[], version: number): number {
  let lo = 0;
  let hi = versions.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (versions[mid] <= version) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
}

class VariableSnapshot implements Variables {
  constructor(
    private readonly history: VariableHistory,
    readonly version: number,
  ) {}

  get(name: string): string | undefined {
    return this.history.valueAt(name, this.version);
  }

  has(name: string): boolean {
    return this.history.hasAt(name, this.version);
  }

  entries(): [string, string | undefined][] {
    return this.history.entriesAt(this.version);
  }
}

/** Variables from `base`, with `overrides` taking precedence (no copying). */
export function overlay(base: Variables, ...overrides: ReadonlyMap<string, string | undefined>[]): Variables {
  const layers = overrides.filter((o) => o.size > 0);
  if (layers.length === 0) return base;
  return {
    get: (name) => {
      for (let k = layers.length - 1; k >= 0; k--) if (layers[k].has(name)) return layers[k].get(name);
      return base.get(name);
    },
    has: (name) => layers.some((l) => l.has(name)) || base.has(name),
  };
}

/** All variables of a snapshot (a Map, or one taken from a VariableHistory). */
export function variableEntries(variables: Variables): [string, string | undefined][] {
  if (variables instanceof Map) return [...variables.entries()];
  if (variables instanceof VariableSnapshot) return variables.entries();
  throw new Error('variables of unknown kind');
}

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}`.
 * Returns undefined when the result depends on something unknown (a declared-only or undeclared variable, an unsupported
 * modifier such as `${VAR#v}`, a command substitution).
 */
export function expand(text: string, variables: Variables): string | undefined {
  if (!text.includes('$')) return text;
  if (/\$\(|`|\$\{[^}]*[#%/^,]/.test(text)) return undefined;
  let unknown = false;
  const result = text.replace(REFERENCE, (_m, braced: string | undefined, modifier: string | undefined, word: string | undefined, plain: string | undefined) => {
    const name = (braced ?? plain) as string;
    const declared = variables.has(name);
    const value = variables.get(name);
    // Declared-only, or not declared at all (the image or the builder may set it): we cannot know the value.
    if ((declared && value === undefined) || (!declared && modifier === undefined)) {
      unknown = true;
      return '';
    }
    const isSet = declared && (modifier?.startsWith(':') ? value !== '' : true);
    if (modifier?.endsWith('-')) return isSet ? (value as string) : (word ?? '');
    if (modifier?.endsWith('+')) return isSet ? (word ?? '') : '';
    return value ?? '';
  });
  if (unknown || result.includes('$')) return undefined;
  return result;
}

/** True when the text refers to a variable (so it is not a literal the user hardcoded). */
export function hasVariable(text: string): boolean {
  return /\$/.test(text);
}
