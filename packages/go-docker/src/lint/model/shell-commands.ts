/**
 * What a RUN instruction executes: its mounts and the simple commands of its shell script (including
 * `RUN <<EOF` script bodies and `sh -c '…'` strings), with the shell variables each command sees.
 */
import { Instruction } from '../parser/instructions';
import { parseMount, Mount } from '../parser/arguments';
import { splitCommands, tokenizeShell, Word } from '../parser/shell-words';

export interface ShellCommand {
  /** Words of the command; offsets are relative to `segment`. */
  words: Word[];
  /** Index of the command name in `words` (after env assignments and wrappers such as `env`). */
  commandIndex: number;
  /** `NAME=value` prefixes that apply to this command only. */
  assignments: ReadonlyMap<string, string>;
  /** Shell variables set earlier in the same RUN (`export A=1`, `A=1;`). */
  shellVariables: ReadonlyMap<string, string>;
  segment: Segment;
}

/** A piece of text the commands were read from, and how to map its offsets back to the source. */
export interface Segment {
  text: string;
  /** Source offset of a segment offset, or undefined when the text is not editable (JSON form, `sh -c` strings). */
  toSource?: (offset: number) => number;
}

export interface RunCommand {
  instruction: Instruction;
  mounts: Mount[];
  commands: ShellCommand[];
  /** Variables written with `go env -w`: they persist for later RUNs of the stage. */
  goEnvWrites: ReadonlyMap<string, string>;
  /** Every command's words (bare assignments included), for rules that look for assignments anywhere (`export GOOS=linux`). */
  wordGroups: { words: Word[]; segment: Segment }[];
}

const NO_VARIABLES: ReadonlyMap<string, string> = new Map();
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const TRANSPARENT_PREFIXES = new Set(['sudo', 'time', 'nice', 'nohup', 'exec', 'command', 'do', 'then', 'else', 'elif', 'if', 'while', 'until', '!', '{', '(']);
const MOUNT_FLAG = /^--mount=/i;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Cheap pre-check: could this RUN invoke `go` at all? (Most RUNs in the wild are apt-get/apk/make.) True when
 * `go` or `xx-go` occurs as a whole name: no letter, digit, `_`, `.` or `-` right before or after it.
 */
function mentionsGo(text: string): boolean {
  for (let at = text.indexOf('go'); at >= 0; at = text.indexOf('go', at + 1)) {
    if (at + 2 < text.length && isNameCode(text.charCodeAt(at + 2))) continue;
    if (at === 0 || !isNameCode(text.charCodeAt(at - 1))) return true;
    if (at >= 3 && text.startsWith('xx-', at - 3) && (at === 3 || !isNameCode(text.charCodeAt(at - 4)))) return true;
  }
  return false;
}

/** [A-Za-z0-9_.-]: a character of a command or file name, for whole-name matches. */
export function isNameCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d;
}

export function analyzeRun(instruction: Instruction): RunCommand {
  const args = instruction.args;
  if (!args.startsWith('--') && !mentionsGo(args) && !instruction.heredocs.some((h) => mentionsGo(h.body))) {
    return { instruction, mounts: [], commands: [], goEnvWrites: NO_VARIABLES, wordGroups: [] };
  }
  const tokens = tokenizeShell(args);
  // Leading `--flags` (BuildKit's RUN options) come before the command; tokenized once with it.
  let k = 0;
  while (k < tokens.length && tokens[k].kind === 'word' && (tokens[k] as Word).value.startsWith('--')) k++;
  const mounts: Mount[] = [];
  for (let f = 0; f < k; f++) {
    const flag = (tokens[f] as Word).value;
    if (MOUNT_FLAG.test(flag)) mounts.push(parseMount(flag.slice('--mount='.length)));
  }
  const run: RunCommand = { instruction, mounts, commands: [], goEnvWrites: NO_VARIABLES, wordGroups: [] };
  const commandStart = k < tokens.length ? tokens[k].start : args.length;
  const shellVariables = new ShellVariables();

  if (args.charCodeAt(commandStart) === 91 /* [ */) {
    const exec = parseExecForm(args.slice(commandStart));
    if (exec) {
      const segment: Segment = { text: exec.join(' ') };
      let offset = 0;
      const execWords = exec.map((value) => {
        const word: Word = { kind: 'word', value, start: offset, end: offset + value.length, expands: false };
        offset += value.length + 1;
        return word;
      });
      collectCommands(run, [execWords], segment, shellVariables);
      return run;
    }
  }

  const mainSegment: Segment = { text: args, toSource: (o) => instruction.sourceAt(o) };
  const groups = splitCommands(tokens, k);
  collectCommands(run, groups, mainSegment, shellVariables);

  const scriptHeredocs = groups.length === 0 || SHELLS.has(basename(groups[0][0].value));
  if (scriptHeredocs) {
    for (const heredoc of instruction.heredocs) {
      const segment: Segment = { text: heredoc.body, toSource: (o) => heredoc.bodyStart + o };
      collectCommands(run, splitCommands(tokenizeShell(heredoc.body)), segment, shellVariables);
    }
  }
  return run;
}

function parseExecForm(text: string): string[] | undefined {
  if (!text.trimEnd().endsWith(']')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.trim());
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed as string[];
  } catch {
    // Shell form that happens to start with `[` (e.g. `[ -f x ] && …`).
  }
  return undefined;
}

/** Shell variables assigned so far in a RUN; commands share one snapshot until the next assignment. */
class ShellVariables {
  private values?: Map<string, string>;
  private snapshot?: ReadonlyMap<string, string>;

  set(key: string, value: string): void {
    (this.values ??= new Map()).set(key, value);
    this.snapshot = undefined;
  }

  current(): ReadonlyMap<string, string> {
    return (this.snapshot ??= this.values ? new Map(this.values) : NO_VARIABLES);
  }
}

function collectCommands(run: RunCommand, groups: Word[][], segment: Segment, shellVariables: ShellVariables, depth = 0): void {
  for (const words of groups) {
    run.wordGroups.push({ words, segment });
    // Made on the first assignment: most commands have none.
    let assignments: Map<string, string> | undefined;
    let k = 0;
    for (;;) {
      const word = words[k];
      if (!word) break;
      const assignment = ASSIGNMENT.exec(word.value);
      if (assignment) {
        (assignments ??= new Map()).set(assignment[1], assignment[2]);
        k++;
      } else if (TRANSPARENT_PREFIXES.has(word.value)) {
        k++;
      } else if (word.value === 'env' || word.value === '/usr/bin/env') {
        k++;
        while (words[k] && words[k].value.startsWith('-')) k++;
      } else {
        break;
      }
    }
    const name = words[k]?.value;
    if (name === undefined) {
      // Bare assignments set shell variables for the rest of the script.
      if (assignments) for (const [key, value] of assignments) shellVariables.set(key, value);
      continue;
    }
    if (name === 'export') {
      for (const word of words.slice(k + 1)) {
        const assignment = ASSIGNMENT.exec(word.value);
        if (assignment) shellVariables.set(assignment[1], assignment[2]);
      }
      continue;
    }
    run.commands.push({ words, commandIndex: k, assignments: assignments ?? NO_VARIABLES, shellVariables: shellVariables.current(), segment });

    if (isGoCommand(name) && words[k + 1]?.value === 'env' && words[k + 2]?.value === '-w') {
      for (const word of words.slice(k + 3)) {
        const assignment = ASSIGNMENT.exec(word.value);
        if (assignment) {
          // Most RUNs write none: their map is the shared empty one until the first.
          if (run.goEnvWrites === NO_VARIABLES) run.goEnvWrites = new Map();
          (run.goEnvWrites as Map<string, string>).set(assignment[1], assignment[2]);
          shellVariables.set(assignment[1], assignment[2]);
        }
      }
    }
    // `sh -c '…'`: the string is a script too (not editable: quoting would have to be rewritten).
    const c = words.findIndex((w, i) => i > k && w.value === '-c');
    if (depth < 3 && SHELLS.has(basename(name)) && c > 0 && words[c + 1]) {
      const script = words[c + 1].value;
      collectCommands(run, splitCommands(tokenizeShell(script)), { text: script }, shellVariables, depth + 1);
    }
  }
}

export function isGoCommand(name: string): boolean {
  return name === 'go' || name.endsWith('/go') || name === 'xx-go';
}
