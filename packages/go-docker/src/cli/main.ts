/**
 * The `go-docker` command. Kept light: the lint path loads only the linter (no Nx), and each command's
 * module is required on demand.
 */
import { UsageError } from './args';

const HELP = `Usage: go-docker <command> [options]

Commands:
  lint <files or dirs…>   lint Dockerfiles for Go services (go-docker lint --help)

Options:
  -h, --help              show this help
  -v, --version           print the version
`;

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version' || command === 'version') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      io.stdout(`${(require('../lint/version') as typeof import('../lint/version')).packageVersion()}\n`);
      return 0;
    }
    if (command === 'lint') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runLint } = require('./lint-command') as typeof import('./lint-command');
      return runLint(rest, io);
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Io): number {
  const name = (error as Error)?.name;
  if (error instanceof UsageError) {
    io.stderr(`go-docker: ${error.message}\nRun "go-docker --help" for usage.\n`);
  } else if (name === 'ConfigError' || name === 'MissingPathError' || name === 'UnparseableDockerfileError') {
    io.stderr(`go-docker: ${(error as Error).message}\n`);
  } else {
    // Every input has its own error above; reaching this is a defect of go-docker, not of the input.
    io.stderr(`go-docker: unexpected failure, a bug in go-docker (please report it with the file that caused it): ${(error as Error)?.message ?? String(error)}\n`);
    return 3;
  }
  return 2;
}
