/**
 * Lint configuration: `go-docker.lint.json` (found upward from the cwd, or `--config`) and/or
 * nx.json `plugins: [{ plugin: "go-docker", options: { lint: {…} } }]`. Later sources override earlier ones:
 * nx.json < config file < command-line flags.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RuleSettings, Severity, SEVERITIES } from './rule';
import { findRule } from './rules';

export type Threshold = Severity | 'none';
export type RuleLevel = Severity | 'off';

/** The shape of a config file / nx.json plugin options `lint` object. */
export interface LintConfig {
  /** Rule ids (or names) to turn off. */
  ignore?: string[];
  /** Severity overrides per rule id or name: "error" | "warning" | "info" | "off". */
  rules?: Record<string, RuleLevel>;
  /** Registries FROM images may come from (GD007). */
  trustedRegistries?: string[];
  /** Extra image repositories accepted as minimal runtime bases (GD006). */
  minimalBases?: string[];
  /** Lowest severity that makes the lint fail (exit 1). Default "warning". */
  threshold?: Threshold;
}

export interface EffectiveConfig extends RuleSettings {
  severities: Map<string, RuleLevel>;
  threshold: Threshold;
}

export const CONFIG_FILE_NAME = 'go-docker.lint.json';
export const DEFAULT_THRESHOLD: Threshold = 'warning';

export const DEFAULT_CONFIG: EffectiveConfig = {
  severities: new Map(),
  threshold: DEFAULT_THRESHOLD,
  trustedRegistries: [],
  minimalBases: [],
};

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const KEYS = new Set(['ignore', 'rules', 'trustedRegistries', 'minimalBases', 'threshold']);
const LEVELS = new Set<string>([...SEVERITIES, 'off']);
const THRESHOLDS = new Set<string>([...SEVERITIES, 'none']);

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Checks an untrusted object against LintConfig; rule names are normalised to ids. */
export function validateConfig(raw: unknown, source: string): LintConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(source, 'the configuration must be a JSON object');
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KEYS.has(key) && key !== '$schema') throw new ConfigError(source, `unknown key "${key}" (allowed: ${[...KEYS].join(', ')})`);
  }
  const config: LintConfig = {};
  const ruleId = (name: string, where: string) => {
    const rule = findRule(name);
    if (!rule) throw new ConfigError(source, `${where}: unknown rule "${name}" (rules are GD001…GD016 or their names)`);
    return rule.id;
  };
  if (input.ignore !== undefined) {
    if (!isStringArray(input.ignore)) throw new ConfigError(source, '"ignore" must be an array of rule ids');
    config.ignore = input.ignore.map((id) => ruleId(id, '"ignore"'));
  }
  if (input.rules !== undefined) {
    if (typeof input.rules !== 'object' || input.rules === null || Array.isArray(input.rules)) throw new ConfigError(source, '"rules" must be an object of rule id → "error" | "warning" | "info" | "off"');
    config.rules = {};
    for (const [name, level] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof level !== 'string' || !LEVELS.has(level)) throw new ConfigError(source, `"rules.${name}" must be one of error, warning, info, off (got ${JSON.stringify(level)})`);
      config.rules[ruleId(name, `"rules"`)] = level as RuleLevel;
    }
  }
  for (const key of ['trustedRegistries', 'minimalBases'] as const) {
    if (input[key] === undefined) continue;
    if (!isStringArray(input[key])) throw new ConfigError(source, `"${key}" must be an array of strings`);
    config[key] = input[key] as string[];
  }
  if (input.threshold !== undefined) {
    if (typeof input.threshold !== 'string' || !THRESHOLDS.has(input.threshold)) throw new ConfigError(source, `"threshold" must be one of error, warning, info, none (got ${JSON.stringify(input.threshold)})`);
    config.threshold = input.threshold as Threshold;
  }
  return config;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, `invalid JSON: ${(error as Error).message}`);
  }
}

export function findUpward(start: string, name: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The `lint` options of the go-docker plugin entry in nx.json, if any. */
function nxJsonConfig(nxJsonPath: string): LintConfig | undefined {
  const nxJson = readJson(nxJsonPath) as { plugins?: unknown };
  if (!Array.isArray(nxJson?.plugins)) return undefined;
  for (const [index, entry] of nxJson.plugins.entries()) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { plugin, options } = entry as { plugin?: unknown; options?: { lint?: unknown } };
    if (plugin !== 'go-docker' || options?.lint === undefined) continue;
    return validateConfig(options.lint, `${nxJsonPath} plugins[${index}].options.lint`);
  }
  return undefined;
}

export interface LoadedConfig {
  config: LintConfig;
  /** Files the configuration came from (for messages and cache inputs). */
  sources: string[];
}

/** Loads nx.json plugin options and the config file (explicit path, or found upward from `cwd`). */
export function loadConfig(cwd: string, explicitPath?: string): LoadedConfig {
  const sources: string[] = [];
  const layers: LintConfig[] = [];
  const nxJson = findUpward(cwd, 'nx.json');
  if (nxJson) {
    const fromNx = nxJsonConfig(nxJson);
    if (fromNx) {
      layers.push(fromNx);
      sources.push(nxJson);
    }
  }
  const file = explicitPath ? resolve(cwd, explicitPath) : findUpward(cwd, CONFIG_FILE_NAME);
  if (explicitPath && !existsSync(file as string)) throw new ConfigError(file as string, 'config file not found');
  if (file) {
    layers.push(validateConfig(readJson(file), file));
    sources.push(file);
  }
  return { config: mergeConfigs(...layers), sources };
}

export function mergeConfigs(...layers: LintConfig[]): LintConfig {
  const merged: LintConfig = {};
  for (const layer of layers) {
    if (layer.ignore) merged.ignore = [...new Set([...(merged.ignore ?? []), ...layer.ignore])];
    if (layer.rules) merged.rules = { ...merged.rules, ...layer.rules };
    if (layer.trustedRegistries) merged.trustedRegistries = layer.trustedRegistries;
    if (layer.minimalBases) merged.minimalBases = layer.minimalBases;
    if (layer.threshold) merged.threshold = layer.threshold;
  }
  return merged;
}

export function toEffectiveConfig(config: LintConfig): EffectiveConfig {
  const severities = new Map<string, RuleLevel>(Object.entries(config.rules ?? {}));
  for (const id of config.ignore ?? []) severities.set(id, 'off');
  return {
    severities,
    threshold: config.threshold ?? DEFAULT_THRESHOLD,
    trustedRegistries: config.trustedRegistries ?? [],
    minimalBases: config.minimalBases ?? [],
  };
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** True when a finding of this severity makes the lint fail under the threshold. */
export function meetsThreshold(severity: Severity, threshold: Threshold): boolean {
  return threshold !== 'none' && RANK[severity] >= RANK[threshold];
}
