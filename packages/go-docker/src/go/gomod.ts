import {
  expectArgs,
  GoFileParseError,
  parseGoDirective,
  parseModfileSyntax,
  parseReplacement,
  parseToolchainDirective,
  type Replacement,
} from './modfile-syntax';

export interface Requirement {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

export interface GoModFile {
  module: string;
  go?: string;
  toolchain?: string;
  require: Requirement[];
  replace: Replacement[];
}

/** Directives Go accepts in go.mod whose content go-docker does not need. */
const IGNORED_VERBS = new Set(['exclude', 'retract', 'godebug', 'tool', 'ignore']);

/** Parses go.mod text; malformed input throws GoFileParseError naming file and line. */
export function parseGoMod(text: string, file = 'go.mod'): GoModFile {
  const result: Partial<GoModFile> & Pick<GoModFile, 'require' | 'replace'> = { require: [], replace: [] };
  for (const entry of parseModfileSyntax(text, file)) {
    switch (entry.verb) {
      case 'module':
        if (result.module !== undefined) throw new GoFileParseError(file, entry.line, 'repeated module directive');
        expectArgs(entry, file, 1, 'module module/path');
        result.module = entry.args[0];
        break;
      case 'go':
        result.go = parseGoDirective(entry, file, result.go);
        break;
      case 'toolchain':
        result.toolchain = parseToolchainDirective(entry, file, result.toolchain);
        break;
      case 'require':
        expectArgs(entry, file, 2, 'require module/path v1.2.3');
        result.require.push({ path: entry.args[0], version: entry.args[1], indirect: /^indirect\b/.test(entry.comment), line: entry.line });
        break;
      case 'replace':
        result.replace.push(parseReplacement(entry, file));
        break;
      default:
        if (!IGNORED_VERBS.has(entry.verb)) throw new GoFileParseError(file, entry.line, `unknown directive: ${entry.verb}`);
    }
  }
  if (!result.module) throw new GoFileParseError(file, 1, 'no module directive: go.mod must start with "module module/path"');
  return result as GoModFile;
}
