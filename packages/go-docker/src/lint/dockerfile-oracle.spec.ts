/**
 * The Dockerfile parser (parser/instructions) against BuildKit's own parser: every corpus file and thousands
 * of generated ones (BOM, directives, comments, continuations, heredocs, JSON forms, flags, bad input) must
 * give the same instructions — command, joined text, lines, flags, JSON form, heredocs with their content —
 * or the same error message and line (0 disagreements).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DockerfileSyntaxError, parseDockerfile } from './parser/instructions';
import { askOracle, DockerfileAnswer } from './test-utils/buildkit-oracle';
import { corpusFiles } from './test-utils/corpus';
import { Random } from './test-utils/random';

function ours(text: string): DockerfileAnswer {
  try {
    const parsed = parseDockerfile(text);
    return {
      escape: parsed.escape,
      nodes: parsed.instructions.map((i) => ({
        value: i.keyword,
        original: i.original,
        start: i.startLine + 1,
        end: i.endLine + 1,
        flags: i.flags,
        json: i.json,
        next: null,
        heredocs: i.heredocs.length === 0 ? null : i.heredocs.map((h) => ({ name: h.name, fd: h.fd, expand: h.expand, chomp: h.stripTabs, content: h.content })),
      })),
    };
  } catch (error) {
    if (error instanceof DockerfileSyntaxError) return { error: error.message, line: error.buildkitLine };
    throw error;
  }
}

/** What both sides are compared on (BuildKit's command word is compared upper-cased). */
function comparable(answer: DockerfileAnswer): unknown {
  if (answer.error !== undefined) return { error: answer.error, line: answer.line ?? 0 };
  return {
    escape: answer.escape,
    nodes: (answer.nodes ?? []).map((n) => ({ ...n, value: n.value.toUpperCase(), next: null, flags: n.flags ?? [], heredocs: n.heredocs ?? null })),
  };
}

const DIRECTIVES = ['# syntax=docker/dockerfile:1', '# escape=`', '#escape=\\', '# ESCAPE = `', '# escape=x', '# escape= ', '# check=skip=all', '# foo=bar', '#syntax = a b ', '\t# escape=`', '# syntax=x', ''];
const KEYWORDS = ['FROM', 'RUN', 'run', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'ONBUILD RUN', 'ONBUILD COPY', 'ONBUILD ENV', 'HEALTHCHECK CMD', 'HEALTHCHECK NONE', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'USER', 'WORKDIR', 'EXPOSE', 'STOPSIGNAL', 'MAINTAINER', 'NOPE', ''];
const ARGS = [
  ' golang:1.26 AS build', ' a', ' a=1', ' a=1 b', ' a 1', ' "a b"=c', " 'x", ' "x', ' x\\ y=z', ' ["a", "b"]', ' [1]', ' ["a",]', ' [ "sh" ]', ' []', ' --mount=type=cache,target=/x',
  ' --from=build /a /b', ' --link', ' --chown="a b" x y', ' -- x', ' --', ' <<EOF', ' << EOF', ' <<-EOF', ' <<"EOF"', " <<'E O'", ' <<1', ' 2<<EOF', ' <<EOF${x:-y}', ' cat <<EOF > f',
  ' <<EOF <<END', ' <<"EOF', ' ${x', ' ${:}', ' ${x:?}', ' ${x/a/b}', ' $1', ' a<<b', ' echo hi', ' \\', ' `', ' ``', ' \\\\', ' \u00a0x', '\tx', ' é', ' #x', ' "<<EOF"', " '<<EOF'",
  ' <<E\\OF', ' <<"E"OF', ' <<EOF>f',
];
const SPACES = [' ', '\t', '\u00a0', '\v', '\f', '\r', '\u2003', '\u0085', '\ufeff', '\u0000'];
const BREAKS = ['\n', '\n', '\n', '\r\n', ' \\\n', ' `\n', '\\\n', '\\ \t\n', '\\\\\n', '\n\n', '\n# comment\n', '\n  \n'];
const BODY = ['echo hi\n', 'EOF\n', '\tEOF\n', 'EOF \n', 'END\n', '1\n', 'E O\n', 'EOF\r\n', '\t\tEND\n', 'x\n'];

function generated(count: number): string[] {
  const random = new Random(424242);
  return Array.from({ length: count }, () => {
    let text = random.int(10) === 0 ? '\ufeff' : '';
    const directives = random.int(3);
    for (let k = 0; k < directives; k++) text += `${random.pick(DIRECTIVES)}\n`;
    const lines = 1 + random.int(6);
    for (let k = 0; k < lines; k++) {
      const indent = random.int(4) === 0 ? random.pick(SPACES) : '';
      let args = random.join(ARGS, 0, 3);
      if (random.int(4) === 0) args = args.replace(' ', random.pick(SPACES));
      text += indent + random.pick(KEYWORDS) + args + random.pick(BREAKS);
      if (random.int(3) === 0) text += random.join(BODY, 0, 3);
    }
    if (random.int(4) === 0) text = text.replace(/\n$/, '');
    return text;
  });
}

const HAND_PICKED = [
  '',
  '# only a comment\n',
  '\ufeffFROM scratch\n',
  'FROM a\nRUN << EOF\necho\nEOF\n',
  'FROM a\nRUN <<1\necho\n1\n',
  'FROM a\nRUN <<-EOF\n\techo\n\tEOF\n',
  'FROM a\nRUN <<EOF\nunterminated\n',
  'FROM a\nCOPY <<a <<b /x\n1\na\n2\nb\n',
  '# escape=`\nFROM a\nRUN a `\n  b\n',
  '# escape=`\n# escape=`\nFROM a\n',
  '# escape=ab\nFROM a\n',
  'FROM a\nENV x\n',
  'FROM a\nENV a=1 b\n',
  'FROM a\nCMD [1, 2]\n',
  `FROM a\nRUN ${'x'.repeat(70000)}\n`,
  `${'x'.repeat(70000)}\n`,
  'FROM a\nRUN a \\\n\n  b\n',
  'FROM a\nRUN a \\\n# comment\n  b\n',
  'FROM a\r\nRUN a \\\r\n  b\r\n',
  '\\\nFROM a\n',
  'FROM a\nONBUILD RUN <<EOF\nx\nEOF\n',
  'FROM a\nHEALTHCHECK CMD ["a", 1]\n',
];

describe('Dockerfiles: ours vs the BuildKit parser', () => {
  it('agrees on every corpus file', () => {
    const files = corpusFiles();
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const answers = askOracle<DockerfileAnswer>(texts.map((content) => ({ kind: 'dockerfile', content })));
    const disagreements = texts.flatMap((text, k) => (JSON.stringify(comparable(ours(text))) === JSON.stringify(comparable(answers[k])) ? [] : [basename(files[k])]));
    expect(disagreements).toEqual([]);
    expect(texts.length).toBeGreaterThanOrEqual(290);
  });

  it('agrees on every generated and hand-picked Dockerfile', () => {
    const cases = [...HAND_PICKED, ...generated(10_000)];
    const answers = askOracle<DockerfileAnswer>(cases.map((content) => ({ kind: 'dockerfile', content })));
    const disagreements: string[] = [];
    cases.forEach((text, k) => {
      const expected = JSON.stringify(comparable(answers[k]));
      const actual = JSON.stringify(comparable(ours(text)));
      if (expected !== actual) disagreements.push(`${JSON.stringify(text.slice(0, 300))}\n  go:   ${expected.slice(0, 600)}\n  ours: ${actual.slice(0, 600)}`);
    });
    expect(disagreements.slice(0, 10)).toEqual([]);
    // Not vacuous: both parsed files and every kind of error occur.
    const errors = new Set(answers.map((a) => (a.error ?? 'ok').replace(/".*"|'.*'/g, '…').slice(0, 40)));
    expect(errors.size).toBeGreaterThan(8);
    const heredocs = answers.flatMap((a) => (a.nodes ?? []).flatMap((n) => n.heredocs ?? []));
    expect(new Set(heredocs.map((h) => `${h.chomp} ${h.expand} ${h.fd > 0}`)).size).toBeGreaterThanOrEqual(4);
  });
});
