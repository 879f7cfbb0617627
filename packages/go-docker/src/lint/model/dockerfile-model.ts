/**
 * The Dockerfile as rules see it: global ARGs, stages with their resolved base image or base stage,
 * the variables in effect at each instruction, and the Go toolchain invocations of each stage.
 */
import { FromArguments, parseFrom, parseKeyValues } from '../parser/arguments';
import { Instruction, ParsedDockerfile } from '../parser/instructions';
import { findGoInvocations, GoInvocation, isCompile } from './go-invocations';
import { analyzeRun, RunCommand } from './shell-commands';
import { expand, overlay, VariableHistory, variableEntries, Variables } from './variables';

export interface Stage {
  index: number;
  from: Instruction;
  fromArgs: FromArguments;
  /** Lower-cased `AS` name. */
  name?: string;
  /** The FROM image after ARG expansion; undefined when it refers to a stage or cannot be resolved. */
  image?: string;
  /** True when the FROM image still depends on a value known only at build time. */
  imageUnresolved: boolean;
  /** Set when the FROM names an earlier stage. */
  baseStage?: Stage;
  /** Instructions after the FROM. */
  instructions: Instruction[];
  runs: RunCommand[];
  goInvocations: GoInvocation[];
  /** Dockerfile variables (ENV, ARG) in effect before each instruction: `variablesBefore[i]` for `instructions[i]`. */
  variablesBefore: Variables[];
  /** Variables at the end of the stage (inherited by stages built FROM it). */
  variables: Variables;
}

export interface DockerfileModel {
  parsed: ParsedDockerfile;
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Variables;
  globalArgInstructions: Instruction[];
  stages: Stage[];
  /** Stages by `AS` name (the first of a name wins). */
  stagesByName: ReadonlyMap<string, Stage>;
  finalStage?: Stage;
}

/** Platform ARGs BuildKit predefines in the global scope (usable in FROM without declaring them). */
const AUTOMATIC_PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
]);

/** The global ARGs: those declared before the first FROM, over the automatic ones (declared, value unknown). */
class GlobalArgs implements Variables {
  /** Made on the first declaration: many Dockerfiles have no global ARG. */
  private declared?: Map<string, string | undefined>;

  get(name: string): string | undefined {
    return this.declared?.get(name);
  }

  has(name: string): boolean {
    return this.declared?.has(name) === true || AUTOMATIC_PLATFORM_ARGS.has(name);
  }

  set(name: string, value: string | undefined): void {
    (this.declared ??= new Map()).set(name, value);
  }
}

export function buildModel(parsed: ParsedDockerfile): DockerfileModel {
  const globalArgs = new GlobalArgs();
  const globalArgInstructions: Instruction[] = [];
  const stages: Stage[] = [];
  const stagesByName = new Map<string, Stage>();
  let current: Stage | undefined;
  let history = new VariableHistory();
  let snapshot: Variables = history.snapshot();
  /** `go env -w` values of the stage so far (made on the first). */
  let persistent: Map<string, string> | undefined;

  for (const instruction of parsed.instructions) {
    if (instruction.keyword === 'FROM') {
      if (current) current.variables = snapshot;
      const fromArgs = parseFrom(instruction);
      const written = fromArgs.image?.value ?? '';
      const resolved = expand(written, globalArgs);
      const baseStage = resolved === undefined ? undefined : findStage(stages, stagesByName, resolved.toLowerCase());
      history = new VariableHistory(baseStage ? variableEntries(baseStage.variables) : []);
      snapshot = history.snapshot();
      persistent = undefined;
      current = {
        index: stages.length,
        from: instruction,
        fromArgs,
        name: fromArgs.stageName,
        image: baseStage || resolved === undefined || resolved === '' ? undefined : resolved,
        imageUnresolved: resolved === undefined || resolved === '',
        baseStage,
        instructions: [],
        runs: [],
        goInvocations: [],
        variablesBefore: [],
        variables: snapshot, // Until the stage ends.
      };
      stages.push(current);
      if (current.name !== undefined && !stagesByName.has(current.name)) stagesByName.set(current.name, current);
      continue;
    }
    if (!current) {
      if (instruction.keyword === 'ARG') {
        globalArgInstructions.push(instruction);
        for (const { key, value } of parseKeyValues(instruction)) {
          globalArgs.set(key, value === undefined ? globalArgs.get(key) : expand(value, globalArgs));
        }
      }
      continue;
    }
    instruction.memo.stageIndex = current.instructions.length;
    current.instructions.push(instruction);
    // One snapshot is shared by every instruction until the next ARG/ENV changes the variables.
    current.variablesBefore.push(snapshot);
    switch (instruction.keyword) {
      case 'ARG':
        for (const { key, value } of parseKeyValues(instruction)) {
          // A stage ARG without a default takes the global default, if any; build args may override either.
          history.set(key, value === undefined ? globalArgs.get(key) : expand(value, history.current()));
        }
        snapshot = history.snapshot();
        break;
      case 'ENV':
        for (const { key, value } of parseKeyValues(instruction)) history.set(key, expand(value ?? '', history.current()));
        snapshot = history.snapshot();
        break;
      case 'RUN': {
        const run = analyzeRun(instruction);
        current.runs.push(run);
        current.goInvocations.push(...findGoInvocations(run, persistent ? overlay(snapshot, persistent) : snapshot));
        for (const [k, v] of run.goEnvWrites) (persistent ??= new Map()).set(k, v);
        break;
      }
    }
  }
  if (current) current.variables = snapshot;
  return { parsed, globalArgs, globalArgInstructions, stages, stagesByName, finalStage: stages[stages.length - 1] };
}

/** The stage a reference names: an index or an `AS` name. */
function findStage(stages: Stage[], byName: ReadonlyMap<string, Stage>, reference: string): Stage | undefined {
  return isDecimal(reference) ? stages[Number(reference)] : byName.get(reference);
}

function isDecimal(text: string): boolean {
  if (text === '') return false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The stage a `COPY --from=` / `--mount=from=` value names, if it is a stage (not an image). */
export function stageReferencedBy(model: DockerfileModel, reference: string | undefined, before: Stage): Stage | undefined {
  if (reference === undefined) return undefined;
  const found = findStage(model.stages, model.stagesByName, reference.toLowerCase());
  return found && found.index < before.index ? found : undefined;
}

/** Variables in effect before one of the stage's instructions. */
export function variablesAt(stage: Stage, instruction: Instruction): Variables {
  const index = instruction.memo.stageIndex as number | undefined;
  return (index !== undefined && stage.instructions[index] === instruction ? stage.variablesBefore[index] : undefined) ?? new Map();
}

/** The stage and the stages it is built FROM, nearest first. */
export function lineage(stage: Stage): Stage[] {
  // Started as a literal: most stages have no base stage, and a first push would reserve room for many.
  const chain: Stage[] = [stage];
  for (let s = stage.baseStage; s; s = s.baseStage) chain.push(s);
  return chain;
}

/** The external image a stage ultimately starts from: undefined image when it cannot be resolved. */
export function rootImage(stage: Stage): { image?: string; unresolved: boolean } {
  let root = stage;
  while (root.baseStage) root = root.baseStage;
  return { image: root.image, unresolved: root.imageUnresolved };
}

export function runsGoToolchain(stage: Stage): boolean {
  return stage.goInvocations.length > 0;
}

export function compilesGo(stage: Stage): boolean {
  return stage.goInvocations.some(isCompile);
}

/** True when the stage, or a stage it is built FROM, compiles Go. */
export function producesGoBinary(stage: Stage): boolean {
  return lineage(stage).some(compilesGo);
}
