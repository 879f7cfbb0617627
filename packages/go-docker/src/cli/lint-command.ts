/** `go-docker lint`: lint Dockerfiles, print findings, return the exit code. */
import { writeFileSync } from 'node:fs';
import { LintConfig, RuleLevel, Threshold } from '../lint/config';
import { format, FORMATS, isFormat } from '../lint/formatters';
import { describeFsError } from '../lint/fs-errors';
import { exitCodeOf, lintFiles } from '../lint/run-lint';
import { findRule } from '../lint/rules';
import { listOption, parseArgs, stringOption, UsageError } from './args';

export const LINT_HELP = `Usage: go-docker lint [options] <files or directories…>

Lints Dockerfiles for Go services (rules GD001–GD016). Directories are searched for
Dockerfile, Containerfile, Dockerfile.* and *.Dockerfile in any letter case (not *.dockerignore).

Options:
  -f, --format <name>          stylish (default), json, sarif, checkstyle
  -o, --output-file <path>     write the report to a file instead of stdout
      --fix                    rewrite what is mechanical and safe (GD004, GD007, GD008, GD012, GD013, GD016)
      --threshold <level>      lowest severity that fails: error, warning (default), info, none
  -c, --config <path>          config file (default: go-docker.lint.json found upward from the cwd)
      --context <dir>          build context for GD010 (default: the Dockerfile's directory)
      --ignore <ids>           turn rules off, e.g. --ignore GD002,GD008 (repeatable)
      --rule <id=level>        override a rule's severity, e.g. --rule GD008=warning (repeatable)
      --trusted-registry <r>   registries FROM images may use (repeatable, comma-separated)
      --no-color               plain stylish output
  -h, --help                   show this help

Exit codes: 0 no findings at or above the threshold, 1 findings, 2 usage error, a path that
cannot be read (missing, permission denied, not a regular file), a file that is not a valid
Dockerfile, or a report that cannot be written; every other file is still linted.
Inline: "# go-docker ignore=GD007,GD014 # reason" above an instruction;
        "# go-docker global ignore=GD010" anywhere for the whole file.
`;

const SPECS = {
  format: { type: 'string', alias: 'f' },
  'output-file': { type: 'string', alias: 'o' },
  fix: { type: 'boolean' },
  threshold: { type: 'string' },
  config: { type: 'string', alias: 'c' },
  context: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  'trusted-registry': { type: 'string', multiple: true },
  'trusted-registries': { type: 'string', multiple: true },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', alias: 'h' },
} as const;

const THRESHOLDS = ['error', 'warning', 'info', 'none'];

function overridesFrom(args: ReturnType<typeof parseArgs>): LintConfig {
  const overrides: LintConfig = {};
  const ruleId = (name: string) => {
    const rule = findRule(name);
    if (!rule) throw new UsageError(`unknown rule "${name}"`);
    return rule.id;
  };
  const ignore = listOption(args, 'ignore');
  if (ignore) overrides.ignore = ignore.map(ruleId);
  const rules = listOption(args, 'rule');
  if (rules) {
    overrides.rules = {};
    for (const entry of rules) {
      const [name, level] = entry.split('=');
      if (!['error', 'warning', 'info', 'off'].includes(level)) throw new UsageError(`--rule ${entry}: the level must be error, warning, info or off`);
      overrides.rules[ruleId(name)] = level as RuleLevel;
    }
  }
  const trusted = [...(listOption(args, 'trusted-registry') ?? []), ...(listOption(args, 'trusted-registries') ?? [])];
  if (trusted.length > 0) overrides.trustedRegistries = trusted;
  const threshold = stringOption(args, 'threshold');
  if (threshold !== undefined) {
    if (!THRESHOLDS.includes(threshold)) throw new UsageError(`--threshold must be one of ${THRESHOLDS.join(', ')}`);
    overrides.threshold = threshold as Threshold;
  }
  return overrides;
}

export function runLint(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean }): number {
  const args = parseArgs(argv, SPECS);
  if (args.options.get('help')) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const formatName = stringOption(args, 'format') ?? 'stylish';
  if (!isFormat(formatName)) throw new UsageError(`unknown format "${formatName}" (one of ${FORMATS.join(', ')})`);
  if (args.positionals.length === 0) throw new UsageError('no files or directories given (try: go-docker lint Dockerfile)');

  const result = lintFiles({
    paths: args.positionals,
    cwd: process.cwd(),
    context: stringOption(args, 'context'),
    configPath: stringOption(args, 'config'),
    overrides: overridesFrom(args),
    fix: args.options.get('fix') === true,
  });
  if (result.files.length === 0 && result.problems.length === 0) throw new UsageError(`no Dockerfiles found in ${args.positionals.join(', ')}`);

  const outputFile = stringOption(args, 'output-file');
  const color = formatName === 'stylish' && !outputFile && io.isTTY && !args.options.get('no-color') && !process.env.NO_COLOR;
  const report = format(formatName, { findings: result.findings, files: result.files, color });
  let reportWritten = true;
  if (outputFile) {
    try {
      writeFileSync(outputFile, report);
    } catch (error) {
      io.stderr(`go-docker: cannot write the report to ${outputFile}: ${describeFsError(error)}\n`);
      reportWritten = false;
    }
  } else io.stdout(report);
  for (const problem of result.problems) io.stderr(`go-docker: ${problem.message}\n`);
  if (result.fixesApplied > 0) io.stderr(`go-docker: applied ${result.fixesApplied} fix${result.fixesApplied === 1 ? '' : 'es'}\n`);
  return reportWritten ? exitCodeOf(result) : 2;
}
