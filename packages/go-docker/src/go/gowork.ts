import {
  expectArgs,
  GoFileParseError,
  parseGoDirective,
  parseModfileSyntax,
  parseReplacement,
  parseToolchainDirective,
  type Replacement,
} from './modfile-syntax';

export interface WorkUse {
  /** Directory as written, relative to the go.work directory. */
  path: string;
  line: number;
}

export interface GoWorkFile {
  go?: string;
  toolchain?: string;
  use: WorkUse[];
  replace: Replacement[];
}

/** Parses go.work text; malformed input throws GoFileParseError naming file and line. */
export function parseGoWork(text: string, file = 'go.work'): GoWorkFile {
  const result: GoWorkFile = { use: [], replace: [] };
  for (const entry of parseModfileSyntax(text, file)) {
    switch (entry.verb) {
      case 'go':
        result.go = parseGoDirective(entry, file, result.go);
        break;
      case 'toolchain':
        result.toolchain = parseToolchainDirective(entry, file, result.toolchain);
        break;
      case 'use':
        expectArgs(entry, file, 1, 'use ./local/directory');
        result.use.push({ path: entry.args[0], line: entry.line });
        break;
      case 'replace':
        result.replace.push(parseReplacement(entry, file));
        break;
      case 'godebug':
        break;
      default:
        throw new GoFileParseError(file, entry.line, `unknown directive: ${entry.verb}`);
    }
  }
  return result;
}
