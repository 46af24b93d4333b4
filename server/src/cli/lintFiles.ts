/**
 * Lints a list of files in this thread and returns their JSON diagnostics. The CLI runs
 * this directly or in worker threads, one share of the files each.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

import { SourceHost } from '../analysis/context';
import { Linter } from '../linter';
import { JsonDiagnostic, toJsonDiagnostic } from '../report';
import { LintOptions } from '../rules/types';

export interface FileFailure {
  file: string;
  message: string;
}

export interface LintFilesResult {
  diagnostics: JsonDiagnostic[];
  failures: FileFailure[];
}

export const diskHost: SourceHost = {
  readFile(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/**
 * Shows each linted file in the form its path was given on the command line. Other files,
 * such as headers in related locations, are relative when the linted paths were.
 */
function createDisplayPath(files: string[]): (path: string) => string {
  const argumentForms = new Map(files.map((file) => [resolve(file), file]));
  const relativeForm = files.some((file) => !isAbsolute(file));
  return (path: string) => argumentForms.get(path) ?? (relativeForm ? relative(process.cwd(), path) : path);
}

/** Lints files one at a time with one Linter, so that headers are parsed once per thread. */
export class FileLinter {
  private readonly displayPath: (path: string) => string;

  private constructor(
    private readonly linter: Linter,
    private readonly options: LintOptions,
    allFiles: string[],
  ) {
    this.displayPath = createDisplayPath(allFiles);
  }

  /** `allFiles` is every file of the run, in command-line form, for showing paths. */
  static async create(options: LintOptions, allFiles: string[], includeDirs: readonly string[] = []): Promise<FileLinter> {
    return new FileLinter(await Linter.create(diskHost, includeDirs.map((folder) => resolve(folder))), options, allFiles);
  }

  lintFile(file: string, into: LintFilesResult): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      into.failures.push({ file, message: `cannot read '${file}' (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path and its permissions.` });
      return;
    }
    if (text.includes('\u0000')) {
      into.failures.push({ file, message: `'${file}' contains NUL bytes and does not look like C source; remove it from the paths to lint.` });
      return;
    }
    try {
      const { document, findings } = this.linter.lint(resolve(file), text, this.options);
      into.diagnostics.push(...findings.map((finding) => toJsonDiagnostic(finding, this.displayPath)));
      document.tree.delete();
    } catch (error) {
      into.failures.push({ file, message: `internal error while analyzing '${file}': ${(error as Error).stack ?? String(error)}. Please report it with the file.` });
    }
  }

  dispose(): void {
    this.linter.dispose();
  }
}

export async function lintFiles(files: string[], options: LintOptions, includeDirs: readonly string[] = []): Promise<LintFilesResult> {
  const fileLinter = await FileLinter.create(options, files, includeDirs);
  const result: LintFilesResult = { diagnostics: [], failures: [] };
  for (const file of files) {
    fileLinter.lintFile(file, result);
  }
  fileLinter.dispose();
  return result;
}
