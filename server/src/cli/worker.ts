import { parentPort, workerData } from 'node:worker_threads';

import { LintOptions } from '../rules/types';
import { lintFiles } from './lintFiles';

interface WorkerInput {
  files: string[];
  options: LintOptions;
}

const input = workerData as WorkerInput;
lintFiles(input.files, input.options).then(
  (result) => parentPort?.postMessage({ result }),
  (error: unknown) => parentPort?.postMessage({ error: (error as Error).stack ?? String(error) }),
);
