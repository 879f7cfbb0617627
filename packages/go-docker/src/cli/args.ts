/** Minimal argv parsing (no dependency, keeps the CLI's cold start small). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** `string` options take a value (`--format json`, `--format=json`); `boolean` ones do not. */
  type: 'string' | 'boolean';
  multiple?: boolean;
  alias?: string;
}

export interface ParsedArgs {
  options: Map<string, string[] | boolean>;
  positionals: string[];
}

export function parseArgs(argv: string[], specs: Record<string, OptionSpec>): ParsedArgs {
  const options = new Map<string, string[] | boolean>();
  const positionals: string[] = [];
  const aliases = new Map(Object.entries(specs).filter(([, s]) => s.alias).map(([name, s]) => [s.alias as string, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : arg.slice(1, eq < 0 ? undefined : eq);
    const name = aliases.get(rawName) ?? rawName;
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option ${arg.slice(0, eq < 0 ? undefined : eq)}`);
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      options.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    const previous = options.get(name);
    options.set(name, spec.multiple && Array.isArray(previous) ? [...previous, value] : [value]);
  }
  return { options, positionals };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return Array.isArray(value) ? value[value.length - 1] : undefined;
}

/** All values of a repeatable option, with comma-separated lists split. */
export function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const value = args.options.get(name);
  return Array.isArray(value) ? value.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean) : undefined;
}
