/**
 * `pyfpcast lint`: checks files and folders and prints the findings as text or JSON.
 * Exit status: 0 when nothing is at warning or above, 1 when something is, 2 on usage
 * errors and unreadable input.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { REPORT_VERSION, JsonDiagnostic } from '../report';
import { DEFAULT_LINT_OPTIONS, LintOptions, Severity } from '../rules/types';
import { collectFiles, InputError } from './files';
import { FileFailure, FileLinter, lintFiles, LintFilesResult } from './lintFiles';
import { WorkerInput, WorkerReport, WorkerTask } from './worker';

export const LINT_USAGE = `Usage: pyfpcast lint [options] PATH...

Checks C-extension sources for function-pointer signature mismatches. Folders are
searched recursively for .c and .h files (skipping .git, node_modules and build folders).

Options:
  --format text|json     Output format (default: text). JSON always includes hints.
  --target wasm32|wasm64 Target whose calling convention decides severities (default: wasm32).
  --strict               Report C-only type mismatches as warnings instead of hints.
  -I, --include-dir DIR  Also look for quoted #include files in DIR, as a compiler's -I does.
  --jobs N               Threads that lint a large run (default: the number of CPUs).
  -h, --help             Show this help.

Exit status: 0 when nothing is at warning or above, 1 when something is, 2 on usage
errors or unreadable input.`;

class UsageError extends Error {}

interface LintArguments {
  format: 'text' | 'json';
  options: LintOptions;
  jobs: number;
  includeDirs: string[];
  paths: string[];
}

function parseArguments(argv: string[]): LintArguments | 'help' {
  const parsed: LintArguments = { format: 'text', options: { ...DEFAULT_LINT_OPTIONS }, jobs: availableParallelism(), includeDirs: [], paths: [] };

  for (let index = 0; index < argv.length; index++) {
    const [flag, inlineValue] = argv[index].startsWith('--') && argv[index].includes('=') ? argv[index].split(/=(.*)/s, 2) : [argv[index], undefined];
    const value = (): string => {
      const next = inlineValue ?? argv[++index];
      if (next === undefined) {
        throw new UsageError(`option ${flag} needs a value.`);
      }
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json') {
          throw new UsageError(`invalid --format '${format}'; use text or json.`);
        }
        parsed.format = format;
        break;
      }
      case '--target': {
        const target = value();
        if (target !== 'wasm32' && target !== 'wasm64') {
          throw new UsageError(`invalid --target '${target}'; use wasm32 or wasm64.`);
        }
        parsed.options.target = target;
        break;
      }
      case '--strict':
        parsed.options.strict = true;
        break;
      case '-I':
      case '--include-dir':
        parsed.includeDirs.push(value());
        break;
      case '--jobs': {
        const jobs = Number(value());
        if (!Number.isInteger(jobs) || jobs < 1) {
          throw new UsageError('invalid --jobs value; use a whole number of at least 1.');
        }
        parsed.jobs = jobs;
        break;
      }
      default:
        if (flag.startsWith('-I') && flag.length > 2) {
          parsed.includeDirs.push(flag.slice(2));
          break;
        }
        if (flag.startsWith('-') && flag !== '-') {
          throw new UsageError(`unknown option '${flag}'; run 'pyfpcast lint --help' for the options.`);
        }
        parsed.paths.push(flag);
    }
  }
  if (parsed.paths.length === 0) {
    throw new UsageError("no paths given; name the files or folders to lint, e.g. 'pyfpcast lint src/'.");
  }
  return parsed;
}

/** Writes a log line on stderr when PYFPCAST_LOG_LEVEL is debug; stdout carries only results. */
function logDebug(message: string): void {
  if (process.env.PYFPCAST_LOG_LEVEL === 'debug') {
    process.stderr.write(`pyfpcast: ${message}\n`);
  }
}

/** Below this much source, starting worker threads costs more than it saves. */
const PARALLEL_THRESHOLD_BYTES = 512 * 1024;

/**
 * Lints the files from one queue in this thread and in `jobs - 1` worker threads. The
 * largest files go first, and each thread takes the next file when it is done, so the
 * threads finish together although a worker starts later than this thread.
 */
async function lintInParallel(files: string[], options: LintOptions, jobs: number, includeDirs: string[]): Promise<LintFilesResult> {
  const sizes = new Map(
    files.map((file) => {
      try {
        return [file, statSync(file).size] as const;
      } catch {
        return [file, 0] as const;
      }
    }),
  );
  const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const workerScript = join(__dirname, 'worker.js');
  const workerCount = Math.min(jobs, files.length) - 1;
  if (workerCount < 1 || total < PARALLEL_THRESHOLD_BYTES || !existsSync(workerScript)) {
    logDebug(`linting ${files.length} files (${total} bytes) in this thread`);
    return lintFiles(files, options, includeDirs);
  }

  logDebug(`linting ${files.length} files (${total} bytes) in this thread and ${workerCount} worker ${workerCount === 1 ? 'thread' : 'threads'}`);
  const queue = [...files].sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0));
  const merged: LintFilesResult = { diagnostics: [], failures: [] };
  const input: WorkerInput = { allFiles: files, options, includeDirs };

  const workers = Array.from(
    { length: workerCount },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerScript, { workerData: input });
        worker.on('message', (report: WorkerReport) => {
          if ('error' in report) {
            reject(new Error(report.error));
            void worker.terminate();
            return;
          }
          if (report.result !== undefined) {
            merged.diagnostics.push(...report.result.diagnostics);
            merged.failures.push(...report.result.failures);
          } else {
            // The worker is ready: one extra file keeps it busy while this thread lints a
            // file of its own and cannot reply to the worker's next request.
            worker.postMessage({ file: queue.shift() } satisfies WorkerTask);
          }
          worker.postMessage({ file: queue.shift() } satisfies WorkerTask);
        });
        worker.once('error', reject);
        worker.once('exit', () => resolve());
      }),
  );

  const fileLinter = await FileLinter.create(options, files, includeDirs);
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    fileLinter.lintFile(file, merged);
    // Let waiting workers take their next file before this thread takes another.
    await new Promise((resolve) => setImmediate(resolve));
  }
  fileLinter.dispose();
  await Promise.all(workers);
  return merged;
}

function countBySeverity(diagnostics: JsonDiagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const diagnostic of diagnostics) {
    counts[diagnostic.severity]++;
  }
  return counts;
}

function compareDiagnostics(a: JsonDiagnostic, b: JsonDiagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

function formatText(diagnostics: JsonDiagnostic[], options: LintOptions, fileCount: number): string {
  const lines: string[] = [];
  const printed = diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint' || options.strict);
  for (const diagnostic of printed) {
    lines.push(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.rule}]`);
    for (const related of diagnostic.related) {
      lines.push(`${related.file}:${related.line}:${related.column}: note: ${related.message}`);
    }
  }
  const counts = countBySeverity(diagnostics);
  const hidden = diagnostics.length - printed.length;
  const hiddenNote = hidden > 0 ? `; ${hidden} C-only type ${hidden === 1 ? 'mismatch' : 'mismatches'} hidden (use --strict or --format json)` : '';
  const infoNote = counts.info > 0 ? `, ${counts.info} ${counts.info === 1 ? 'info' : 'infos'}` : '';
  lines.push(
    `Checked ${fileCount} ${fileCount === 1 ? 'file' : 'files'}: ${counts.error} ${counts.error === 1 ? 'error' : 'errors'}, ` +
      `${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'}${infoNote}${hiddenNote}.`,
  );
  return lines.join('\n') + '\n';
}

function reportFailures(failures: FileFailure[]): void {
  for (const failure of failures) {
    process.stderr.write(`pyfpcast: ${failure.message}\n`);
  }
}

export async function runLint(argv: string[]): Promise<number> {
  let parsed: LintArguments | 'help';
  let files: string[];
  try {
    parsed = parseArguments(argv);
    if (parsed === 'help') {
      process.stdout.write(LINT_USAGE + '\n');
      return 0;
    }
    files = collectFiles(parsed.paths);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`pyfpcast: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const result = await lintInParallel(files, parsed.options, parsed.jobs, parsed.includeDirs);
  const diagnostics = result.diagnostics.sort(compareDiagnostics);
  reportFailures(result.failures);

  if (parsed.format === 'json') {
    const counts = countBySeverity(diagnostics);
    const report = { version: REPORT_VERSION, diagnostics, summary: { files: files.length, errors: counts.error, warnings: counts.warning, infos: counts.info, hints: counts.hint } };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    process.stdout.write(formatText(diagnostics, parsed.options, files.length));
  }

  if (result.failures.length > 0) {
    return 2;
  }
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning') ? 1 : 0;
}
