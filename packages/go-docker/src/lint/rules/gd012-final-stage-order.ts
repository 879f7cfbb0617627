import { compilesGo, DockerfileModel, Stage, stageReferencedBy } from '../model/dockerfile-model';
import { basename, isNameCode } from '../model/shell-commands';
import { CopyArguments, parseCopy } from '../parser/arguments';
import { Instruction, ParsedDockerfile } from '../parser/instructions';
import { dependency, StageEffects } from '../model/step-effects';
import { Rule, TextEdit } from '../rule';
import { someContributingStage } from './gd013-cgo-disabled';
import { instructionRange, normalizePath, report } from './helpers';

const LAYER_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
const ESSENTIAL_FILES = /ca-certificates\.crt|\/etc\/ssl\/certs|ca-bundle\.crt|\/etc\/ssl\/cert\.pem|zoneinfo|\/etc\/passwd|\/etc\/group|\/etc\/nsswitch\.conf/;

export const rule: Rule = {
  id: 'GD012',
  name: 'final-stage-order',
  defaultSeverity: 'info',
  summary: 'Copy the built binary last in the final stage: no RUN/COPY/ADD/WORKDIR after it.',
  fixable: true,
  docs: `
The binary changes on every commit; certificates, users and directories almost never do. Steps after the
binary's \`COPY\` are rebuilt and re-pushed every time, and their layers cannot be shared between releases.

The binary is the \`COPY --from=<stage>\` of a stage that builds Go (directly or through other stages);
for a Dockerfile with no Go build stage (prebuilt binaries) it is the last \`COPY\` of the final stage that
is not certificates/zoneinfo/passwd, when it copies a single file without an extension (so a Node or
Python Dockerfile's \`COPY package.json ./\` is not mistaken for a binary). Fires on a RUN, COPY, ADD or WORKDIR after it, unless the step
refers to the binary (e.g. \`RUN setcap … /usr/local/bin/api\` must come after it).
Metadata such as USER, EXPOSE, ENTRYPOINT after the binary is fine (no layer).

**Fix**: moves the step (with the comments directly above it) before the binary's COPY, only when that
provably cannot change what the build does: the step must not depend on any step it crosses. Two steps
depend on each other when one may write a path the other reads or writes (a COPY writes its destination;
a RUN counts as touching every path unless all its commands are understood: package managers, account
tools, mkdir/chown/chmod/ln/cp/mv/rm and friends with their path arguments), or when one sets what the other
uses: the working directory (WORKDIR; used by RUN and relative paths), the user (USER; used by RUN and
WORKDIR), a variable (ENV/ARG; a RUN sees all of them), the shell (SHELL). ONBUILD and VOLUME are never
crossed. Otherwise the finding says which step it depends on and is left for you.

Default severity **info**: cache efficiency only.
`,
  check(context) {
    const { model, parsed } = context;
    const final = model.finalStage;
    if (!final) return;
    const binaries = binaryCopies(model, final);
    if (binaries.length === 0) return;
    const binarySet = new Set(binaries.map((b) => b.instruction));
    const first = final.instructions.indexOf(binaries[0].instruction);
    const names = binaryNames(binaries.map((b) => b.copy));
    const offending = final.instructions.slice(first + 1).filter((i) => LAYER_STEPS.has(i.keyword) && !binarySet.has(i) && !dependsOnBinary(i, names));
    // A step moves to just before the binary's COPY: it crosses every step from there to itself, and may do so
    // only when it depends on none of them (paths, working directory, user, variables, shell).
    if (offending.length === 0) return;
    // Only the steps from the binary's COPY on are ever crossed, and only until the first dependency.
    const effects = new StageEffects(final.instructions);
    let commentLines: Set<number> | undefined; // Made for the first fix: most findings have none.
    for (const instruction of offending) {
      const at = final.instructions.indexOf(instruction);
      let reason: string | undefined;
      for (let k = at - 1; k >= first && !reason; k--) reason = dependency(effects.at(at), effects.at(k));
      const message = `${instruction.keyword} after the binary's COPY (line ${binaries[0].instruction.startLine + 1}) is redone on every code change; move it before the binary`;
      context.report(
        report(instructionRange(instruction), reason ? `${message} (not fixed automatically: it ${reason})` : message, reason ? undefined : moveBefore(parsed, (commentLines ??= new Set(parsed.comments.map((c) => c.line))), instruction, binaries[0].instruction)),
      );
    }
  },
};

interface CopyStep {
  instruction: Instruction;
  copy: CopyArguments;
}

function isEssential(copy: CopyArguments): boolean {
  return copy.sources.length > 0 && copy.sources.every(isEssentialFile);
}

/** ESSENTIAL_FILES, after a cheap look for what each of its names has in it (most sources have none). */
function isEssentialFile(path: string): boolean {
  return (path.includes('/etc/') || path.includes('ca-') || path.includes('zoneinfo')) && ESSENTIAL_FILES.test(path);
}

function binaryCopies(model: DockerfileModel, final: Stage): CopyStep[] {
  const copies: CopyStep[] = [];
  for (const instruction of final.instructions) if (instruction.keyword === 'COPY') copies.push({ instruction, copy: parseCopy(instruction) });
  if (model.stages.some(compilesGo)) {
    const buildsGo = new Map<Stage, boolean>();
    return copies.filter(({ copy }) => {
      const from = copy.from === undefined ? undefined : stageReferencedBy(model, copy.from, final);
      if (from === undefined || isEssential(copy)) return false;
      if (!buildsGo.has(from)) buildsGo.set(from, someContributingStage(model, from, compilesGo));
      return buildsGo.get(from) as boolean;
    });
  }
  const last = copies.filter(({ copy }) => !isEssential(copy) && !copy.inline).pop();
  return last && looksLikeBinary(last.copy) ? [last] : [];
}

/** A prebuilt binary is one file without an extension (`dist/linux_amd64/api`), not `package.json ./` or a directory. */
function looksLikeBinary(copy: CopyArguments): boolean {
  if (copy.sources.length !== 1) return false;
  const name = basename(normalizePath(copy.sources[0]));
  return name !== '.' && name !== '' && (!name.includes('.') || name.endsWith('.exe'));
}

function binaryNames(copies: CopyArguments[]): string[] {
  const names = new Set<string>();
  for (const copy of copies) {
    for (const source of copy.sources) {
      const name = basename(normalizePath(source));
      if (name.length > 1 && !/[*?$[]/.test(name)) names.add(name);
    }
    const destination = normalizePath(copy.destination ?? '');
    if (destination !== '/' && destination !== '.' && destination !== '') names.add(destination);
  }
  return [...names];
}

/** True when `name` occurs in `text` as a whole word or path (not as part of a longer name). */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const after = at + name.length;
    if ((at === 0 || !isNameCode(text.charCodeAt(at - 1))) && (after >= text.length || !isNameCode(text.charCodeAt(after)))) return true;
  }
  return false;
}

function dependsOnBinary(instruction: Instruction, names: string[]): boolean {
  if (instruction.keyword === 'WORKDIR') return false;
  return names.some((name) => mentions(instruction.args, name) || instruction.heredocs.some((h) => mentions(h.body, name)));
}

/** First line of an instruction including the comment lines directly above it. */
function attachedStartLine(commentLines: Set<number>, instruction: Instruction): number {
  let line = instruction.startLine;
  while (commentLines.has(line - 1)) line--;
  return line;
}

function moveBefore(parsed: ParsedDockerfile, commentLines: Set<number>, step: Instruction, target: Instruction): TextEdit[] {
  const { text, lineStarts } = parsed;
  const from = lineStarts[attachedStartLine(commentLines, step)];
  const nextLine = lineStarts[step.endLine + 1];
  const insertAt = lineStarts[attachedStartLine(commentLines, target)];
  if (nextLine !== undefined) {
    return [
      { start: insertAt, end: insertAt, text: text.slice(from, nextLine) },
      { start: from, end: nextLine, text: '' },
    ];
  }
  // The step is the last line and has no newline: take the newline before it instead.
  return [
    { start: insertAt, end: insertAt, text: `${text.slice(from)}\n` },
    { start: from - 1, end: text.length, text: '' },
  ];
}
