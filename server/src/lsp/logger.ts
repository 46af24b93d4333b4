import type { Connection } from 'vscode-languageserver/node';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

const LEVELS: LogLevel[] = ['debug', 'info', 'warning', 'error'];

/**
 * Logs through the LSP connection (window/logMessage), never on stdout, which carries the
 * protocol. The level comes from PYFPCAST_LOG_LEVEL and defaults to info.
 */
export class Logger {
  private readonly minimum: number;

  constructor(
    private readonly connection: Connection,
    level: string | undefined = process.env.PYFPCAST_LOG_LEVEL,
  ) {
    const index = LEVELS.indexOf((level ?? 'info') as LogLevel);
    this.minimum = index < 0 ? 1 : index;
  }

  debug(message: string): void {
    if (this.minimum <= 0) {
      this.connection.console.log(message);
    }
  }

  info(message: string): void {
    if (this.minimum <= 1) {
      this.connection.console.info(message);
    }
  }

  warn(message: string): void {
    if (this.minimum <= 2) {
      this.connection.console.warn(message);
    }
  }

  error(message: string): void {
    this.connection.console.error(message);
  }
}
