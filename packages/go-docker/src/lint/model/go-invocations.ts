/** `go build`, `go install`, `go mod download`… found in RUN commands, with the flags rules care about. */
import { flagNameEnd } from '../parser/arguments';
import { Word } from '../parser/shell-words';
import { isGoCommand, RunCommand, ShellCommand } from './shell-commands';
import { overlay, Variables } from './variables';

export interface GoInvocation {
  run: RunCommand;
  command: ShellCommand;
  goWord: Word;
  /** `build`, `install`, `mod download`, `test`, … */
  subcommand: string;
  subcommandWord: Word;
  /** Words after the subcommand. */
  args: Word[];
  /** The flags among `args` (goFlags), read once for every rule that asks. */
  flags: GoFlag[];
  /** What the go command sees: Dockerfile ENV/ARG, shell variables, `go env -w`, inline assignments. */
  env: Variables;
}

/** Go build flags that take a value (so `-o out` consumes `out`). */
const VALUE_FLAGS = new Set([
  'o', 'ldflags', 'gcflags', 'asmflags', 'tags', 'mod', 'modfile', 'p', 'buildmode', 'compiler', 'gccgoflags',
  'installsuffix', 'pkgdir', 'overlay', 'pgo', 'toolexec', 'C', 'buildvcs', 'covermode', 'coverpkg',
]);

export interface GoFlag {
  name: string;
  value?: string;
  /** The word holding the flag name (and the value when written `-name=value`). */
  flagWord: Word;
  /** The word holding the value when written `-name value`. */
  valueWord?: Word;
}

/** `-name`, `--name`, `-name=value` words (Go's flag package), with the value of `-o out` taken from the next word. */
export function goFlags(args: Word[]): GoFlag[] {
  const flags: GoFlag[] = [];
  for (let k = 0; k < args.length; k++) {
    const word = args[k].value;
    if (word.length < 2 || word.charCodeAt(0) !== 0x2d) continue;
    const from = word.charCodeAt(1) === 0x2d ? 2 : 1;
    const end = flagNameEnd(word, from, true);
    if (end < 0) continue;
    const name = word.slice(from, end);
    if (end < word.length || !VALUE_FLAGS.has(name)) {
      flags.push({ name, value: end < word.length ? word.slice(end + 1) : undefined, flagWord: args[k] });
    } else {
      flags.push({ name, value: args[k + 1]?.value, flagWord: args[k], valueWord: args[k + 1] });
      k++;
    }
  }
  return flags;
}

export function findGoInvocations(run: RunCommand, dockerfileEnv: Variables): GoInvocation[] {
  const found: GoInvocation[] = [];
  for (const command of run.commands) {
    const goWord = command.words[command.commandIndex];
    if (!isGoCommand(goWord.value)) continue;
    const rest = command.words.slice(command.commandIndex + 1);
    const sub = rest.findIndex((w) => !w.value.startsWith('-'));
    if (sub < 0) continue;
    let subcommand = rest[sub].value;
    let argsFrom = sub + 1;
    if (subcommand === 'mod' && rest[sub + 1]) {
      subcommand = `mod ${rest[sub + 1].value}`;
      argsFrom++;
    }
    const env = overlay(dockerfileEnv, command.shellVariables, command.assignments);
    const args = rest.slice(argsFrom);
    found.push({ run, command, goWord, subcommand, subcommandWord: rest[sub], args, flags: goFlags(args), env });
  }
  return found;
}

export function isCompile(invocation: GoInvocation): boolean {
  return invocation.subcommand === 'build' || invocation.subcommand === 'install';
}

/** Compiles the sources of the build context: `go build`, or `go install` of local packages (not `go install tool@v1`). */
export function compilesLocalCode(invocation: GoInvocation): boolean {
  if (invocation.subcommand === 'build') return true;
  return invocation.subcommand === 'install' && !invocation.args.some((a) => !a.value.startsWith('-') && a.value.includes('@'));
}
