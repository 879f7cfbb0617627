/**
 * What each step of a stage reads, writes and depends on, so a fix can prove that moving a step keeps the
 * build's meaning: two steps may swap only when neither touches a path the other writes, and neither changes
 * state (WORKDIR, USER, ENV/ARG, SHELL) the other uses. Everything not understood counts as touching
 * everything, so the answer errs towards "dependent".
 */
import { Flag, parseCopy, parseKeyValues, parseMount, splitFlags } from '../parser/arguments';
import { Instruction } from '../parser/instructions';
import { splitCommands, splitWords, tokenizeShell, Word } from '../parser/shell-words';
import { basename } from './shell-commands';

export interface StepEffects {
  instruction: Instruction;
  /** Absolute container paths (prefixes) the step may read; `/` means anything. */
  reads: string[];
  /** Absolute container paths (prefixes) the step may create, change or delete; `/` means anything. */
  writes: string[];
  setsCwd: boolean;
  usesCwd: boolean;
  setsUser: boolean;
  usesUser: boolean;
  setsShell: boolean;
  usesShell: boolean;
  /** ENV/ARG names the step defines. */
  setsVariables: string[];
  /** `*` when the step sees the whole environment (RUN), else the names it refers to. */
  usesVariables: Set<string> | '*';
  /** Effects we do not model (ONBUILD, VOLUME, unknown instructions): depends on everything. */
  barrier: boolean;
}

const ANYTHING = '/';
const NO_PATHS: string[] = [];
const NO_FLAGS: Flag[] = [];
/** A first character that starts a word as itself: not a flag, quote, escape, expansion, comment or blank. */
const PLAIN_START = /^[A-Za-z0-9/.[_]/;
const METADATA = new Set(['EXPOSE', 'LABEL', 'ENTRYPOINT', 'CMD', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER']);
/** Where package managers install: any of it may change. */
const SYSTEM_PATHS = ['/etc', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib64', '/usr/libexec', '/usr/share', '/usr/include', '/lib', '/lib64', '/bin', '/sbin', '/var', '/opt', '/tmp', '/root', '/run'];
const PACKAGE_MANAGERS = new Set(['apk', 'apt-get', 'apt', 'dpkg', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper', 'update-ca-certificates', 'apk-static']);
const ACCOUNT_COMMANDS = new Set(['adduser', 'addgroup', 'useradd', 'groupadd', 'usermod', 'groupmod', 'deluser', 'delgroup', 'userdel', 'groupdel']);
const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow', '/home'];
/** Commands whose non-option arguments are the paths they touch (after a leading owner/mode for some). */
const FILE_COMMANDS = new Set(['mkdir', 'chown', 'chmod', 'chgrp', 'touch', 'rm', 'rmdir', 'ln', 'cp', 'mv', 'install', 'setcap']);
const LEADING_NON_PATH = new Set(['chown', 'chmod', 'chgrp', 'setcap']);
/** Commands with no effect on the filesystem. */
const PURE_COMMANDS = new Set(['true', 'false', ':', 'echo', 'printf', 'set', 'exit', 'sleep', 'test', '[']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const VARIABLE_REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Effects of the instructions of a stage (its instructions after FROM), each worked out when first asked for
 * (a check that stops at the first dependency needs few), with WORKDIR followed statically from the stage's start.
 */
export class StageEffects {
  /** The working directory before each instruction (undefined while it is the base image's, unknown). */
  private readonly cwds: (string | undefined)[] = [];
  private readonly known: StepEffects[] = [];

  constructor(private readonly instructions: Instruction[]) {
    let cwd: string | undefined;
    for (const instruction of instructions) {
      this.cwds.push(cwd);
      if (instruction.keyword === 'WORKDIR') cwd = resolvePath(cwd, instruction.args.trim());
    }
  }

  /** Effects of `instructions[index]`. */
  at(index: number): StepEffects {
    return (this.known[index] ??= stepEffects(this.instructions[index], this.cwds[index]));
  }
}

/** Effects of the instructions of a stage from index `from` on (`result[i]` is `instructions[from + i]`'s). */
export function stageEffects(instructions: Instruction[], from = 0): StepEffects[] {
  const effects = new StageEffects(instructions);
  const result: StepEffects[] = [];
  for (let i = from; i < instructions.length; i++) result.push(effects.at(i));
  return result;
}

function blank(instruction: Instruction): StepEffects {
  return {
    instruction,
    reads: [],
    writes: [],
    setsCwd: false,
    usesCwd: false,
    setsUser: false,
    usesUser: false,
    setsShell: false,
    usesShell: false,
    setsVariables: [],
    usesVariables: new Set(),
    barrier: false,
  };
}

function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('$')) return names;
  VARIABLE_REFERENCE.lastIndex = 0;
  for (let m = VARIABLE_REFERENCE.exec(text); m; m = VARIABLE_REFERENCE.exec(text)) names.add(m[1]);
  return names;
}

/** Absolute, normalized path; undefined when it depends on an unknown WORKDIR or a variable. */
export function resolvePath(cwd: string | undefined, path: string): string | undefined {
  if (path === '' || path.includes('$') || path.includes('`')) return undefined;
  const joined = path.startsWith('/') ? path : cwd === undefined ? undefined : `${cwd}/${path}`;
  if (joined === undefined) return undefined;
  if (isCleanAbsolute(joined)) return joined;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** True for `/` and `/a/b`: absolute, no empty, `.` or `..` segment, no trailing slash (resolvePath's own output). */
function isCleanAbsolute(path: string): boolean {
  if (path === '/') return true;
  if (path.charCodeAt(0) !== 0x2f) return false;
  let segmentStart = 1;
  for (let k = 1; k <= path.length; k++) {
    if (k < path.length && path.charCodeAt(k) !== 0x2f) continue;
    const length = k - segmentStart;
    if (length === 0) return false;
    if (path.charCodeAt(segmentStart) === 0x2e && (length === 1 || (length === 2 && path.charCodeAt(segmentStart + 1) === 0x2e))) return false;
    segmentStart = k + 1;
  }
  return true;
}

/** A path as a prefix for overlap checks: up to the first glob or variable, resolved; `/` when unknown. */
function pathPrefix(cwd: string | undefined, path: string): string {
  const cut = path.search(/[*?[$`{]/);
  const literal = cut < 0 ? path : path.slice(0, cut).replace(/[^/]*$/, '');
  if (literal === '' && cut >= 0) return cwd ?? ANYTHING;
  return resolvePath(cwd, literal === '' ? '.' : literal) ?? ANYTHING;
}

export function stepEffects(instruction: Instruction, cwd: string | undefined): StepEffects {
  const effects = blank(instruction);
  const { keyword, args } = instruction;
  if (METADATA.has(keyword)) {
    effects.usesVariables = referencedVariables(args);
    return effects;
  }
  switch (keyword) {
    case 'ENV':
    case 'ARG':
      effects.setsVariables = parseKeyValues(instruction).map((kv) => kv.key);
      effects.usesVariables = referencedVariables(args);
      return effects;
    case 'USER':
      effects.setsUser = true;
      effects.usesVariables = referencedVariables(args);
      return effects;
    case 'SHELL':
      effects.setsShell = true;
      return effects;
    case 'WORKDIR': {
      const path = args.trim();
      effects.setsCwd = true;
      effects.usesCwd = !path.startsWith('/');
      effects.usesUser = true; // BuildKit creates the directory as the current user.
      effects.usesVariables = referencedVariables(args);
      effects.writes = [pathPrefix(cwd, path)];
      return effects;
    }
    case 'COPY':
    case 'ADD':
      return copyEffects(effects, cwd);
    case 'RUN':
      return runEffects(effects, cwd);
    default:
      effects.barrier = true;
      return effects;
  }
}

function copyEffects(effects: StepEffects, cwd: string | undefined): StepEffects {
  const instruction = effects.instruction;
  const copy = parseCopy(instruction);
  const destination = copy.destination ?? '';
  effects.usesVariables = referencedVariables(instruction.args);
  effects.usesCwd = !destination.startsWith('/');
  effects.writes = [pathPrefix(cwd, destination)];
  // --chown/--chmod by name look up the image's account files.
  const owner = copy.flags.find((f) => f.name === 'chown');
  if (owner && /[^0-9:]/.test(owner.value ?? '')) effects.reads.push('/etc/passwd', '/etc/group');
  return effects;
}

function runEffects(effects: StepEffects, initialCwd: string | undefined): StepEffects {
  const instruction = effects.instruction;
  effects.usesCwd = true;
  effects.usesUser = true;
  effects.usesVariables = '*';
  const { flags, commandText } = runFlags(instruction.args);
  effects.usesShell = !commandText.trimStart().startsWith('[');
  const paths = new Set<string>();
  for (const flag of flags) {
    if (flag.name !== 'mount') continue;
    const target = parseMount(flag.value ?? '').target;
    if (target) paths.add(pathPrefix(initialCwd, target));
  }
  const scripts = [commandText, ...instruction.heredocs.map((h) => h.body)];
  const exec = execForm(commandText);
  let cwd = initialCwd;
  const touch = (word: string) => paths.add(pathPrefix(cwd, word));
  const understood = (words: Word[]): boolean => {
    let k = 0;
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k].value)) k++;
    const name = words[k] ? basename(words[k].value) : undefined;
    if (name === undefined) return true;
    const args = words.slice(k + 1).map((w) => w.value);
    if (name === 'cd') {
      cwd = args[0] === undefined ? undefined : resolvePath(cwd, args[0]);
      return true;
    }
    if (PURE_COMMANDS.has(name)) return true;
    if (SHELLS.has(name) && args.includes('-c')) return true; // The script's own commands are listed after it.
    if (PACKAGE_MANAGERS.has(name)) {
      SYSTEM_PATHS.forEach((p) => paths.add(p));
      args.filter((a) => a.startsWith('/')).forEach(touch);
      return true;
    }
    if (ACCOUNT_COMMANDS.has(name)) {
      ACCOUNT_FILES.forEach((p) => paths.add(p));
      for (const arg of args) {
        const path = arg.startsWith('/') ? arg : arg.startsWith('--') && arg.includes('=/') ? arg.slice(arg.indexOf('=') + 1) : undefined;
        if (path) touch(path);
      }
      return true;
    }
    if (FILE_COMMANDS.has(name)) {
      let operands = args.filter((a) => !a.startsWith('-'));
      if (LEADING_NON_PATH.has(name)) operands = operands.slice(1);
      operands.forEach(touch);
      return true;
    }
    return false;
  };
  let known = true;
  if (exec) known = understood(exec.map((value) => ({ kind: 'word', value, start: 0, end: 0, expands: false })));
  else {
    for (const script of scripts) {
      const tokens = tokenizeShell(script);
      for (let t = 0; t < tokens.length; t++) {
        const token = tokens[t];
        if (token.kind === 'op' && token.op === 'redir') {
          const target = tokens[t + 1];
          if (target?.kind === 'word' && !target.value.startsWith('&') && !target.value.startsWith('/dev/')) touch(target.value);
        }
      }
      for (const words of splitCommands(tokens)) {
        if (!understood(words)) known = false;
        // `sh -c '…'`: its script's commands count too.
        const c = words.findIndex((w) => w.value === '-c');
        if (c > 0 && SHELLS.has(basename(words[0].value)) && words[c + 1]) {
          for (const inner of splitCommands(tokenizeShell(words[c + 1].value))) if (!understood(inner)) known = false;
        }
      }
    }
  }
  const touched = known ? [...paths] : [ANYTHING];
  effects.reads = touched;
  effects.writes = touched;
  return effects;
}

/** A RUN's `--flags` and the command text after them. */
function runFlags(args: string): { flags: Flag[]; commandText: string } {
  // Most RUNs start with a plain command name: no flags, and the command is all of the text (splitting it into
  // words, quotes and all, only to find that out would cost more than the rest of the step's analysis).
  if (PLAIN_START.test(args)) return { flags: NO_FLAGS, commandText: args };
  const { flags, rest } = splitFlags(splitWords(args));
  return { flags, commandText: rest.length > 0 ? args.slice(rest[0].start) : '' };
}

function execForm(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function overlaps(a: string, b: string): boolean {
  return a === ANYTHING || b === ANYTHING || a === b || isUnder(a, b) || isUnder(b, a);
}

/** True when `path` is below `directory` (`/app/bin` below `/app`), without making `${directory}/`. */
function isUnder(path: string, directory: string): boolean {
  return path.length > directory.length && path.charCodeAt(directory.length) === 0x2f && path.startsWith(directory);
}

/** The first path of `as` that overlaps one of `bs` (then of `more`), as the message names it. */
function sharedPath(as: string[], bs: string[], more: string[] = NO_PATHS): string | undefined {
  for (const a of as) {
    for (const b of bs) if (overlaps(a, b)) return a === ANYTHING ? b : a;
    for (const b of more) if (overlaps(a, b)) return a === ANYTHING ? b : a;
  }
  return undefined;
}

function usesVariable(effects: StepEffects, names: string[]): string | undefined {
  if (effects.usesVariables === '*') return names[0];
  const used = effects.usesVariables;
  return names.find((n) => used.has(n));
}

/**
 * Why the two steps must keep their order, or undefined when swapping them cannot change the build.
 * The reason reads after "the step …", e.g. "may read /app, which the COPY on line 4 writes".
 */
export function dependency(step: StepEffects, other: StepEffects): string | undefined {
  if (step.barrier || other.barrier) return `${describe(other)} has effects that are not analysed`;
  if (other.setsCwd && step.usesCwd) return `depends on the working directory ${describe(other)} sets`;
  if (step.setsCwd && other.usesCwd) return `sets the working directory ${describe(other)} uses`;
  if (other.setsUser && step.usesUser) return `runs as the user ${describe(other)} sets`;
  if (step.setsUser && other.usesUser) return `sets the user ${describe(other)} runs as`;
  if (other.setsShell && step.usesShell) return `uses the shell ${describe(other)} sets`;
  if (step.setsShell && other.usesShell) return `sets the shell ${describe(other)} uses`;
  const usedByStep = other.setsVariables.length > 0 ? usesVariable(step, other.setsVariables) : undefined;
  if (usedByStep) return `uses ${usedByStep}, which ${describe(other)} sets`;
  const usedByOther = step.setsVariables.length > 0 ? usesVariable(other, step.setsVariables) : undefined;
  if (usedByOther) return `sets ${usedByOther}, which ${describe(other)} uses`;
  const written = sharedPath(other.writes, step.reads, step.writes);
  if (written) return `may use ${written === ANYTHING ? 'any path' : written}, which ${describe(other)} may change`;
  const changed = sharedPath(step.writes, other.reads);
  if (changed) return `may change ${changed === ANYTHING ? 'any path' : changed}, which ${describe(other)} may use`;
  return undefined;
}

/** "the COPY on line 4": made only when there is a dependency to explain (most pairs of steps have none). */
function describe(effects: StepEffects): string {
  return `the ${effects.instruction.keyword} on line ${effects.instruction.startLine + 1}`;
}
