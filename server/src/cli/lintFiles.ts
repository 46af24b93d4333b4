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
  const given = new Map(files.map((file) => [resolve(file), file]));
  const relativeForm = files.some((file) => !isAbsolute(file));
  return (path: string) => given.get(path) ?? (relativeForm ? relative(process.cwd(), path) : path);
}

export async function lintFiles(files: string[], options: LintOptions): Promise<LintFilesResult> {
  const linter = await Linter.create(diskHost);
  const diagnostics: JsonDiagnostic[] = [];
  const failures: FileFailure[] = [];
  const displayPath = createDisplayPath(files);

  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      failures.push({ file, message: `cannot read '${file}' (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path and its permissions.` });
      continue;
    }
    if (text.includes('\u0000')) {
      failures.push({ file, message: `'${file}' contains NUL bytes and does not look like C source; remove it from the paths to lint.` });
      continue;
    }
    try {
      const { document, findings } = linter.lint(resolve(file), text, options);
      diagnostics.push(...findings.map((finding) => toJsonDiagnostic(finding, displayPath)));
      document.tree.delete();
    } catch (error) {
      failures.push({ file, message: `internal error while analyzing '${file}': ${(error as Error).stack ?? String(error)}. Please report it with the file.` });
    }
  }
  linter.dispose();
  return { diagnostics, failures };
}
