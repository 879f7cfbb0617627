import { splitCommands, splitWords, tokenizeShell } from './shell-words';

const values = (text: string) => splitWords(text).map((w) => w.value);

describe('shell words', () => {
  it('splits simple arguments on blanks, with offsets', () => {
    expect(splitWords(' golang:1.26  AS build').map((w) => [w.value, w.start, w.end])).toEqual([
      ['golang:1.26', 1, 12],
      ['AS', 14, 16],
      ['build', 17, 22],
    ]);
  });

  it('agrees with the full tokenizer on quoted and escaped words', () => {
    expect(values(`A="x y" B='$z' C=a\\ b \${D:-e f}`)).toEqual(['A=x y', 'B=$z', 'C=a b', '${D:-e f}']);
  });

  it('splits on blanks only where nothing else groups words; a ${…} with white space inside is one word', () => {
    expect(splitWords('a $B c${D}').map((w) => [w.value, w.expands])).toEqual([
      ['a', false],
      ['$B', true],
      ['c${D}', true],
    ]);
    expect(values('X=${Y:-a b} Z')).toEqual(['X=${Y:-a b}', 'Z']);
    expect(values('${A}${B:-x\u00a0y} ${C')).toEqual(['${A}${B:-x\u00a0y}', '${C']);
    expect(values('a;b c&&d')).toEqual(['a;b', 'c&&d']);
  });

  it('keeps -ldflags="-s -w" as one word and finds commands and heredocs', () => {
    const tokens = tokenizeShell('CGO_ENABLED=0 go build -ldflags="-s -w" . && echo "$(date)" > x 2>&1; cat <<-EOF');
    expect(splitCommands(tokens).map((c) => c.map((w) => w.value))).toEqual([
      ['CGO_ENABLED=0', 'go', 'build', '-ldflags=-s -w', '.'],
      ['echo', '$(date)'],
      ['cat'],
    ]);
    expect(tokens.find((t) => t.kind === 'heredoc')).toMatchObject({ name: 'EOF', stripTabs: true });
  });

  it('keeps a last backslash inside an unterminated double quote as a backslash', () => {
    expect(tokenizeShell('echo "a\\').map((t) => (t.kind === 'word' ? t.value : t.kind))).toEqual(['echo', 'a\\']);
  });

  it('never throws on unbalanced input', () => {
    expect(() => tokenizeShell(`"unterminated 'x $(y \${z \``)).not.toThrow();
  });
});
