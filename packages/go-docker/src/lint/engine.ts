/** Lints one Dockerfile's text: parse, check, apply configuration and inline suppressions. */
import { EffectiveConfig, DEFAULT_CONFIG } from './config';
import { readSuppressions } from './ignore-comments';
import { buildModel } from './model/dockerfile-model';
import { DockerfileSyntaxError, Instruction, KNOWN_INSTRUCTIONS, ParsedDockerfile, parseDockerfile, positionOf } from './parser/instructions';
import { Fix, IgnoreFile, RuleReport, Severity } from './rule';
import { RULES } from './rules';

export interface Finding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  /** 1-based; endColumn points just past the last character. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  fix?: Fix;
}

export interface LintOptions {
  /** Path shown in findings. */
  file: string;
  config?: EffectiveConfig;
  /** The build context's ignore file (GD010); null when none exists; omit when the context is unknown. */
  ignoreFile?: IgnoreFile | null;
  /** Whether a path exists in the build context directory; omit when the context is unknown. */
  contextHas?: (path: string) => boolean;
}

/** The file is not a Dockerfile or cannot be parsed; `message` names the file and the reason. */
export class UnparseableDockerfileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: not a valid Dockerfile: ${reason}`);
    this.name = 'UnparseableDockerfileError';
  }
}

export function parseChecked(text: string, file: string): ParsedDockerfile {
  if (text.includes('\u0000')) throw new UnparseableDockerfileError(file, 'binary content (NUL bytes)');
  let parsed: ParsedDockerfile;
  try {
    parsed = parseDockerfile(text);
  } catch (error) {
    if (error instanceof DockerfileSyntaxError) throw new UnparseableDockerfileError(file, error.message, error.line);
    throw error;
  }
  let first: Instruction | undefined; // The first instruction that is not an ARG: it must be a FROM.
  for (const instruction of parsed.instructions) {
    if (!KNOWN_INSTRUCTIONS.has(instruction.keyword)) throw new UnparseableDockerfileError(file, `unknown instruction "${instruction.keyword.slice(0, 40)}"`, instruction.startLine + 1);
    if (first === undefined && instruction.keyword !== 'ARG') first = instruction;
  }
  if (!first) throw new UnparseableDockerfileError(file, 'no FROM instruction');
  if (first.keyword !== 'FROM') throw new UnparseableDockerfileError(file, `${first.keyword} before the first FROM`, first.startLine + 1);
  return parsed;
}

const NO_REPORTS: RuleReport[] = [];

export function lintText(text: string, options: LintOptions): Finding[] {
  const config = options.config ?? DEFAULT_CONFIG;
  const parsed = parseChecked(text, options.file);
  const model = buildModel(parsed);
  const suppressions = readSuppressions(parsed);
  const findings: Finding[] = [];
  // A rule's reports, made when it reports the first (most rules have nothing to say about most files).
  let reports: RuleReport[] | undefined;
  const context = { parsed, model, settings: config, ignoreFile: options.ignoreFile, contextHas: options.contextHas, report: (r: RuleReport) => (reports ??= []).push(r) };
  for (const rule of RULES) {
    const severity = config.severities.get(rule.id) ?? rule.defaultSeverity;
    if (severity === 'off' || suppressions.global.has(rule.id)) continue;
    reports = undefined;
    rule.check(context);
    for (const r of reports ?? NO_REPORTS) {
      if (isSuppressed(parsed, suppressions.byInstruction, rule.id, r.start)) continue;
      const start = positionOf(parsed, r.start);
      const end = positionOf(parsed, Math.max(r.end, r.start));
      findings.push({
        file: options.file,
        rule: rule.id,
        severity,
        message: r.message,
        line: start.line + 1,
        column: start.column + 1,
        endLine: end.line + 1,
        endColumn: end.column + 1,
        fixable: r.fix !== undefined,
        fix: r.fix,
      });
    }
  }
  return sortByPosition(findings);
}

/** Findings by line, column, rule id; stable. A file has few, so an insertion sort (no comparator calls). */
function sortByPosition(findings: Finding[]): Finding[] {
  if (findings.length > 32) return findings.sort((a, b) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0));
  for (let k = 1; k < findings.length; k++) {
    const finding = findings[k];
    let at = k;
    while (at > 0 && precedes(finding, findings[at - 1])) {
      findings[at] = findings[at - 1];
      at--;
    }
    findings[at] = finding;
  }
  return findings;
}

function precedes(a: Finding, b: Finding): boolean {
  return a.line !== b.line ? a.line < b.line : a.column !== b.column ? a.column < b.column : a.rule < b.rule;
}

function isSuppressed(parsed: ParsedDockerfile, byInstruction: Map<number, Set<string>>, id: string, offset: number): boolean {
  if (byInstruction.size === 0) return false; // The common case: no inline ignore comments.
  for (const [index, ids] of byInstruction) {
    const instruction = parsed.instructions[index];
    if (ids.has(id) && offset >= instruction.start && offset <= instruction.end) return true;
  }
  return false;
}
