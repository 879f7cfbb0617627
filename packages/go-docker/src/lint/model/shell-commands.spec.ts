import { parseDockerfile } from '../parser/instructions';
import { analyzeRun } from './shell-commands';

/** The command names analyzeRun finds in the first RUN of `FROM x` + `run`. */
function commandNames(run: string): string[] {
  const instruction = parseDockerfile(`FROM x\n${run}\n`).instructions[1];
  return analyzeRun(instruction).commands.map((c) => c.words[c.commandIndex].value);
}

describe('RUN commands', () => {
  it('reads the commands of a RUN that runs go or xx-go, by whatever path', () => {
    expect(commandNames('RUN go build -o /app .')).toEqual(['go']);
    expect(commandNames('RUN xx-go build ./cmd/api && xx-verify /app')).toEqual(['xx-go', 'xx-verify']);
    expect(commandNames('RUN apk add git;/usr/local/go/bin/go version')).toEqual(['apk', '/usr/local/go/bin/go']);
    expect(commandNames('RUN CGO_ENABLED=0 go\tbuild')).toEqual(['go']);
  });

  it('skips a RUN that names go only inside longer names (nothing to read there)', () => {
    expect(commandNames('RUN gofmt -l . && cargo build')).toEqual([]);
    expect(commandNames('RUN cp go.mod go.sum /src/ && make go-lint')).toEqual([]);
    expect(commandNames('RUN axx-go build && django-admin migrate')).toEqual([]);
    expect(commandNames('RUN echo ago_ goo')).toEqual([]);
  });

  it('reads a RUN with flags, and go in a heredoc script', () => {
    expect(commandNames('RUN --mount=type=cache,target=/root/.cache make build')).toEqual(['make']);
    expect(commandNames('RUN <<EOF\napk add git\ngo build .\nEOF')).toEqual(['apk', 'go']);
  });
});
