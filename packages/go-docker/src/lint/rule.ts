/** What a rule module exports and what it gets to look at. */
import { DockerfileModel } from './model/dockerfile-model';
import { ParsedDockerfile } from './parser/instructions';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Replace source text [start, end) with `text` (an insertion when start === end). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  edits: TextEdit[];
}

export interface RuleReport {
  /** Source offsets of what the finding is about, [start, end). */
  start: number;
  end: number;
  message: string;
  fix?: Fix;
}

/** The build context's ignore file, as GD010 needs it. */
export interface IgnoreFile {
  path: string;
  content: string;
}

export interface RuleSettings {
  /** Registries images may come from (GD007); empty means any qualified registry is fine. */
  trustedRegistries: string[];
  /** Extra image repositories (prefixes) accepted as minimal runtime bases (GD006). */
  minimalBases: string[];
}

export interface RuleContext {
  parsed: ParsedDockerfile;
  model: DockerfileModel;
  settings: RuleSettings;
  /** The applicable ignore file; null when there is none; undefined when the context is not known. */
  ignoreFile?: IgnoreFile | null;
  /** Whether a path exists in the build context directory (before the ignore file); undefined when the context is not known. */
  contextHas?: (path: string) => boolean;
  report(report: RuleReport): void;
}

export interface Rule {
  /** Stable id, e.g. `GD007`. */
  id: string;
  /** Stable kebab-case name, e.g. `qualified-image`. */
  name: string;
  defaultSeverity: Severity;
  /** One line: what the rule wants. */
  summary: string;
  /** Markdown: why, when it fires, how to fix, why the default severity. */
  docs: string;
  fixable: boolean;
  check(context: RuleContext): void;
}
