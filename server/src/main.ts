/**
 * The pyfpcast program: `pyfpcast lint` checks files from the command line, and
 * `pyfpcast server` (or `--stdio`, `--node-ipc`, `--socket=PORT`) runs the language server.
 */
import { LINT_USAGE, runLint } from './cli/lint';
import { startServer } from './lsp/server';

const VERSION = '0.1.0';

const USAGE = `pyfpcast ${VERSION}: function-pointer signature checks for CPython C extensions

Usage:
  pyfpcast lint [options] PATH...   Check files and folders (see 'pyfpcast lint --help').
  pyfpcast server [--stdio | --node-ipc | --socket=PORT]
                                    Run the language server (stdio by default).
  pyfpcast --version                Print the version.

${LINT_USAGE.split('\n').slice(4, 12).join('\n')}`;

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc'];

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;

  if (command === 'lint') {
    return runLint(rest);
  }
  if (command === 'server' || TRANSPORT_FLAGS.includes(command) || command?.startsWith('--socket=') || command?.startsWith('--clientProcessId')) {
    startServer();
    // The server keeps the process alive until the client asks it to exit.
    return new Promise<number>(() => undefined);
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command === undefined ? 2 : 0;
  }
  process.stderr.write(`pyfpcast: unknown command '${command}'; use 'lint' or 'server' (see 'pyfpcast --help').\n`);
  return 2;
}
