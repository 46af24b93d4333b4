/**
 * A lint worker thread: it lints the files the main thread sends, in order, and replies
 * to each with its result. It stops at the first message without a file.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { LintOptions } from '../rules/types';
import { FileLinter, LintFilesResult } from './lintFiles';

export interface WorkerInput {
  allFiles: string[];
  options: LintOptions;
  includeDirs: string[];
}

/** Messages from the main thread: the next file, or none when the queue is empty. */
export type WorkerTask = { file: string } | { file: undefined };

/** Messages to the main thread: a file's result, or no result when the worker is ready. */
export type WorkerReport = { result: LintFilesResult | undefined } | { error: string };

async function runWorker(): Promise<void> {
  const port = parentPort;
  if (port === null) {
    return;
  }
  const input = workerData as WorkerInput;
  const fileLinter = await FileLinter.create(input.options, input.allFiles, input.includeDirs);
  let closed = false;
  port.on('message', (task: WorkerTask) => {
    if (closed) {
      return;
    }
    if (task.file === undefined) {
      closed = true;
      fileLinter.dispose();
      port.close();
      return;
    }
    const result: LintFilesResult = { diagnostics: [], failures: [] };
    fileLinter.lintFile(task.file, result);
    port.postMessage({ result } satisfies WorkerReport);
  });
  port.postMessage({ result: undefined } satisfies WorkerReport);
}

runWorker().catch((error: unknown) => parentPort?.postMessage({ error: (error as Error).stack ?? String(error) } satisfies WorkerReport));
