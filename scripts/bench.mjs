/**
 * Measures pyfpcast against bare tree-sitter parsing and prints one table.
 *
 * Inputs: the bundled sample extension (sample/), a generated 100,000-line extension
 * file, and the same generated units split over 20 files. For each input it times the
 * bare parse, the in-process lint and the CLI as a child process, and for the large file
 * also an incremental re-lint after a one-character edit. Run with `npm run bench`,
 * which builds first. The script makes no assertions about speed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { generateExtension } from './bench-source.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { createCParser } = require(join(root, 'server/out/parser/parser.js'));
const { Linter } = require(join(root, 'server/out/linter.js'));
const { collectFiles } = require(join(root, 'server/out/cli/files.js'));
const { diskHost } = require(join(root, 'server/out/cli/lintFiles.js'));

const REPETITIONS = 5;
const GENERATED_LINES = 100_000;
const PART_COUNT = 20;
const LINT_OPTIONS = { target: 'wasm32', strict: false };
const CLI = join(root, 'server/bin/pyfpcast.js');

let peakRss = 0;

function sampleRss() {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

/** Runs `measure` once untimed to warm up the JIT, then REPETITIONS times, and returns the times in ms. */
async function repeat(measure, { warmUp = true } = {}) {
  if (warmUp) {
    await measure();
  }
  const times = [];
  for (let run = 0; run < REPETITIONS; run++) {
    times.push(await measure());
    sampleRss();
  }
  return times;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed(action) {
  const start = performance.now();
  action();
  return performance.now() - start;
}

/** Times `parser.parse` over every file of the input and returns the total for one pass in ms. */
function parsePass(parser, input) {
  let total = 0;
  for (const file of input.files) {
    let tree;
    total += timed(() => {
      tree = parser.parse(file.text);
    });
    tree.delete();
  }
  return total;
}

/**
 * Lints every file of the input with a new Linter, as one CLI run does, so headers are
 * parsed once per pass and not served from an earlier pass's cache. Linter.create is
 * outside the timed region. Returns the time in ms and the number of findings.
 */
async function lintPass(input) {
  const linter = await Linter.create(diskHost);
  let total = 0;
  let findings = 0;
  for (const file of input.files) {
    let result;
    total += timed(() => {
      result = linter.lint(file.path, file.text, LINT_OPTIONS);
    });
    findings += result.findings.length;
    result.document.tree.delete();
  }
  linter.dispose();
  return { ms: total, findings };
}

/** Lints the file, changes one character near its middle and times the re-lint that reuses the first result. */
async function incrementalPass(file) {
  const linter = await Linter.create(diskHost);
  const first = linter.lint(file.path, file.text, LINT_OPTIONS);

  // Turns one `return 0;` near the middle into `return 1;`, an edit inside a function body.
  const editAt = file.text.indexOf('return 0;', file.text.length >> 1) + 'return '.length;
  const edited = file.text.slice(0, editAt) + '1' + file.text.slice(editAt + 1);

  let second;
  const ms = timed(() => {
    second = linter.lint(file.path, edited, LINT_OPTIONS, first.document);
  });
  second.document.tree.delete();
  linter.dispose();
  return ms;
}

/** Runs the CLI once on the paths and returns the wall time in ms and the finding count. */
function cliPass(paths, extraArguments = []) {
  const start = performance.now();
  const child = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...extraArguments, ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  // Exit status 1 means findings at warning or above; 2 or a signal means the run failed.
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`pyfpcast lint failed on ${paths.join(' ')} (exit status ${child.status}, signal ${child.signal}): ${child.stderr}`);
  }
  const report = JSON.parse(child.stdout);
  return { ms, findings: report.diagnostics.length };
}

function readInput(label, paths) {
  const files = collectFiles(paths).map((path) => {
    const absolute = resolve(path);
    return { path: absolute, text: readFileSync(absolute, 'utf8') };
  });
  const lines = files.reduce((sum, file) => sum + file.text.split('\n').length - 1, 0);
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  return { label, paths, files, lines, bytes };
}

function formatTimes(times) {
  return `${median(times).toFixed(1)} / ${Math.min(...times).toFixed(1)}`;
}

function printTable(header, rows) {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows) {
    console.log(line(row));
  }
}

async function main() {
  const cpuList = cpus();
  console.log(`Machine: ${cpuList.length} x ${cpuList[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${process.platform} ${process.arch}`);
  console.log(`Load average at start (1, 5, 15 min): ${loadavg().map((load) => load.toFixed(2)).join(', ')}`);
  console.log(`Repetitions: ${REPETITIONS} after one untimed warm-up run (CLI and startup rows: no warm-up).`);
  console.log('');

  // Startup first, while the process has not yet loaded the tree-sitter runtime or grammar.
  const startupStart = performance.now();
  const startupLinter = await Linter.create(diskHost);
  const startupMs = performance.now() - startupStart;
  startupLinter.dispose();
  const laterCreates = await repeat(
    async () => {
      const start = performance.now();
      const linter = await Linter.create(diskHost);
      const ms = performance.now() - start;
      linter.dispose();
      return ms;
    },
    { warmUp: false },
  );

  const folder = mkdtempSync(join(tmpdir(), 'pyfpcast-bench-'));
  try {
    const generated = generateExtension(GENERATED_LINES, PART_COUNT);
    const singlePath = join(folder, 'bench_ext.c');
    writeFileSync(singlePath, generated.single);
    const partsFolder = join(folder, 'parts');
    mkdirSync(partsFolder);
    generated.parts.forEach((text, index) => {
      writeFileSync(join(partsFolder, `bench_ext_part${String(index).padStart(2, '0')}.c`), text);
    });

    const inputs = [
      readInput('sample/', [join(root, 'sample')]),
      readInput('generated, 1 file', [singlePath]),
      readInput(`generated, ${PART_COUNT} files`, [partsFolder]),
    ];

    const parser = await createCParser();
    const results = [];
    for (const input of inputs) {
      const parse = await repeat(() => parsePass(parser, input));
      let findings = 0;
      const lint = await repeat(async () => {
        const pass = await lintPass(input);
        findings = pass.findings;
        return pass.ms;
      });
      let cliFindings = 0;
      const cli = await repeat(
        () => {
          const pass = cliPass(input.paths);
          cliFindings = pass.findings;
          return pass.ms;
        },
        { warmUp: false },
      );
      const cliOneJob =
        input.files.length > 1 ? await repeat(() => cliPass(input.paths, ['--jobs', '1']).ms, { warmUp: false }) : undefined;
      results.push({ input, parse, lint, cli, cliOneJob, findings, cliFindings });
    }
    parser.delete();

    const singleFile = inputs[1].files[0];
    const incremental = await repeat(() => incrementalPass(singleFile));

    const header = ['ms: median / min', ...inputs.map((input) => input.label)];
    const rows = [
      ['files / lines / KiB', ...inputs.map((input) => `${input.files.length} / ${input.lines} / ${(input.bytes / 1024).toFixed(0)}`)],
      ['tree-sitter parse', ...results.map((result) => formatTimes(result.parse))],
      ['lint in process', ...results.map((result) => formatTimes(result.lint))],
      ['lint / parse (medians)', ...results.map((result) => (median(result.lint) / median(result.parse)).toFixed(2))],
      ['CLI wall, default --jobs', ...results.map((result) => formatTimes(result.cli))],
      ['CLI wall, --jobs 1', ...results.map((result) => (result.cliOneJob ? formatTimes(result.cliOneJob) : 'same'))],
      ['incremental re-lint', '-', formatTimes(incremental), '-'],
      ['findings (in process / CLI)', ...results.map((result) => `${result.findings} / ${result.cliFindings}`)],
    ];
    printTable(header, rows);

    sampleRss();
    console.log('');
    console.log(`Linter.create, first in process (loads the tree-sitter runtime and C grammar): ${startupMs.toFixed(1)} ms`);
    console.log(`Linter.create, later (median / min): ${formatTimes(laterCreates)} ms`);
    console.log(`Incremental re-lint: one character changed near the middle of the ${GENERATED_LINES}-line file.`);
    console.log(`CLI default --jobs is ${cpuList.length}; the CLI uses worker threads only for 2 or more files totalling over 512 KiB.`);
    console.log(`Load average at end (1, 5, 15 min): ${loadavg().map((load) => load.toFixed(2)).join(', ')}`);
    console.log(`Peak RSS of this process: ${(peakRss / 2 ** 20).toFixed(0)} MiB sampled, ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB maxRSS; RSS now ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB.`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
