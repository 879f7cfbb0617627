import { lineage, runsGoToolchain } from '../model/dockerfile-model';
import { parseKeyValues } from '../parser/arguments';
import { Instruction } from '../parser/instructions';
import { Rule } from '../rule';
import { argumentRange, instructionRange, report, segmentRange } from './helpers';

const PLATFORM_VARIABLES = new Set(['GOOS', 'GOARCH', 'GOARM']);
const PLATFORM_ASSIGNMENT = /^(GOOS|GOARCH|GOARM)=([\s\S]*)$/;
/** BuildKit's automatic platform ARGs: a default in a stage replaces the real value. */
const AUTOMATIC_PLATFORM_ARGS = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);
const REPLACEMENT: Record<string, string> = { GOOS: '$TARGETOS', GOARCH: '$TARGETARCH', GOARM: '${TARGETVARIANT#v}' };

export const rule: Rule = {
  id: 'GD004',
  name: 'no-hardcoded-goos-goarch',
  defaultSeverity: 'error',
  summary: 'Take GOOS/GOARCH/GOARM from `$TARGETOS`/`$TARGETARCH`/`$TARGETVARIANT`, not literals; never give those a default.',
  fixable: true,
  docs: `
\`docker buildx build --platform linux/amd64,linux/arm64\` runs the build stage once per target platform
and passes \`TARGETOS\`/\`TARGETARCH\`. A literal \`GOARCH=amd64\` silently puts an amd64 binary into the
arm64 image, which then fails with \`exec format error\`.

Fires, in stages that run the Go toolchain, on GOOS/GOARCH/GOARM given a literal value by \`ENV\`, an
\`ARG\` default (also a global default the stage re-declares), an inline assignment
(\`GOOS=linux go build\`, \`export\`, \`env\`) or \`go env -w\`.

Also fires, in every build stage, on a default for one of BuildKit's automatic platform ARGs
(\`ARG TARGETARCH=amd64\`, likewise TARGETOS, TARGETPLATFORM, TARGETVARIANT, BUILDPLATFORM, BUILDOS,
BUILDARCH, BUILDVARIANT): the default wins over the platform being built, so every image gets the same
binary. **Fix**: removes the default (\`ARG TARGETARCH\`).

\`\`\`Dockerfile
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/api ./cmd/api
\`\`\`

Default severity **error**: it produces a wrong image for every other platform.
`,
  check(context) {
    const seen = new Set<Instruction | number>();
    const globalDefaults = context.model.globalArgs;
    for (const stage of context.model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'ARG') continue;
        for (const { key, value, word } of parseKeyValues(instruction)) {
          if (!AUTOMATIC_PLATFORM_ARGS.has(key) || value === undefined) continue;
          const range = argumentRange(instruction, word);
          // Only a default written on one line is removed mechanically (a continuation inside it would be lost).
          const fix = range.end - range.start === word.end - word.start && instruction.args.slice(word.start, word.start + key.length + 1) === `${key}=` ? [{ start: range.start + key.length, end: range.end, text: '' }] : undefined;
          context.report(report(range, `${key} has a default ("${value}") in stage ${stage.name ?? stage.index}; BuildKit then uses it instead of the platform being built — declare it without one: ARG ${key}`, fix));
        }
      }
      if (!runsGoToolchain(stage)) continue;
      for (const s of lineage(stage)) {
        for (const instruction of s.instructions) {
          if ((instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') || seen.has(instruction)) continue;
          seen.add(instruction);
          for (const { key, value, word } of parseKeyValues(instruction)) {
            if (!PLATFORM_VARIABLES.has(key)) continue;
            const effective = value ?? (instruction.keyword === 'ARG' ? globalDefaults.get(key) : undefined);
            if (!isLiteral(effective)) continue;
            context.report(report(argumentRange(instruction, word), message(key, effective as string)));
          }
        }
      }
      for (const run of stage.runs) {
        for (const { words, segment } of run.wordGroups) {
          for (const word of words) {
            const m = word.value.startsWith('GO') ? PLATFORM_ASSIGNMENT.exec(word.value) : null;
            if (!m || !isLiteral(m[2])) continue;
            // Nested `sh -c` words have no source offset: key them apart from real offsets.
            const at = segment.toSource ? segment.toSource(word.start) : -1 - word.start;
            if (seen.has(at)) continue;
            seen.add(at);
            context.report(report(segmentRange(segment, word) ?? instructionRange(run.instruction), message(m[1], m[2])));
          }
        }
      }
    }
  },
};

function isLiteral(value: string | undefined): boolean {
  return value !== undefined && value !== '' && !value.includes('$');
}

function message(key: string, value: string): string {
  return `${key} is hardcoded to "${value}"; use ${key}=${REPLACEMENT[key]} so each target platform gets its own binary`;
}
