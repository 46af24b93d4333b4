import { spawn } from 'node:child_process';

import { cliPath, repoRoot } from './paths.mjs';

// A hung CLI process is killed after this long, so that a broken build
// fails the test run instead of stalling it. It bounds a hang, it does not
// measure speed.
const CLI_KILL_AFTER_MS = 120_000;

/**
 * Runs `node server/bin/pyfpcast.js ARGS` and resolves to
 * { code, signal, stdout, stderr }. The working directory defaults to the
 * repository root.
 */
export function runCli(args, { cwd = repoRoot } = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cliPath, ...args], {
            cwd,
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: CLI_KILL_AFTER_MS,
        });

        const stdout = [];
        const stderr = [];
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.on('error', reject);
        child.on('close', (code, signal) => {
            resolve({
                code,
                signal,
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8'),
            });
        });
    });
}

/**
 * Lints PATHS with `--format json` and resolves to
 * { code, stdout, stderr, report } where report is the parsed JSON.
 * Throws with the CLI's output when stdout is not valid JSON.
 */
export async function lintJson(paths, { target, strict = false, cwd } = {}) {
    const args = ['lint', '--format', 'json'];
    if (target !== undefined) {
        args.push('--target', target);
    }
    if (strict) {
        args.push('--strict');
    }
    args.push(...paths);

    const result = await runCli(args, { cwd });

    let report;
    try {
        report = JSON.parse(result.stdout);
    } catch (error) {
        throw new Error(
            `pyfpcast ${args.join(' ')} printed invalid JSON (exit code ${result.code}): ${error.message}\n` +
            `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
        );
    }
    return { ...result, report };
}

/** Formats a diagnostic as one line for failure messages. */
export function formatDiagnostic(diagnostic) {
    const { file, line, column, endLine, endColumn, rule, severity, message } = diagnostic;
    return `${file}:${line}:${column}-${endLine}:${endColumn} ${severity} ${rule}: ${message}`;
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const EFFECTS = ['trap', 'abi', 'type', 'import'];

const isPositiveInteger = (value) => Number.isInteger(value) && value >= 1;

function checkPosition(position, where, problems) {
    if (!isPositiveInteger(position?.line) || !isPositiveInteger(position?.column)) {
        problems.push(`${where} is not a 1-based {line, column}: ${JSON.stringify(position)}`);
    }
}

/**
 * Checks one JSON diagnostic against the CLI's documented fields and
 * returns the list of problems found (empty when it conforms).
 */
export function checkDiagnosticShape(diagnostic) {
    const problems = [];

    for (const key of ['file', 'rule', 'message']) {
        if (typeof diagnostic[key] !== 'string' || diagnostic[key] === '') {
            problems.push(`${key} is not a non-empty string`);
        }
    }
    for (const key of ['line', 'column', 'endLine', 'endColumn']) {
        if (!isPositiveInteger(diagnostic[key])) {
            problems.push(`${key} is not a 1-based integer: ${diagnostic[key]}`);
        }
    }
    const endsBeforeStart = diagnostic.endLine < diagnostic.line ||
        (diagnostic.endLine === diagnostic.line && diagnostic.endColumn < diagnostic.column);
    if (endsBeforeStart) {
        problems.push('range ends before it starts');
    }
    if (!SEVERITIES.includes(diagnostic.severity)) {
        problems.push(`severity is not one of ${SEVERITIES.join('|')}: ${diagnostic.severity}`);
    }
    if (!EFFECTS.includes(diagnostic.effect)) {
        problems.push(`effect is not one of ${EFFECTS.join('|')}: ${diagnostic.effect}`);
    }
    if (typeof diagnostic.function !== 'string') {
        problems.push(`function is not a string: ${diagnostic.function}`);
    }

    if (!Array.isArray(diagnostic.related)) {
        problems.push('related is not an array');
    } else {
        diagnostic.related.forEach((related, index) => {
            if (typeof related.file !== 'string' || typeof related.message !== 'string') {
                problems.push(`related[${index}] lacks a file or message string`);
            }
            checkPosition(related, `related[${index}]`, problems);
        });
    }

    if (!Array.isArray(diagnostic.fixes)) {
        problems.push('fixes is not an array');
    } else {
        diagnostic.fixes.forEach((fix, fixIndex) => {
            if (typeof fix.title !== 'string' || typeof fix.safe !== 'boolean' || !Array.isArray(fix.edits)) {
                problems.push(`fixes[${fixIndex}] lacks a title string, a safe boolean or an edits array`);
                return;
            }
            fix.edits.forEach((edit, editIndex) => {
                const where = `fixes[${fixIndex}].edits[${editIndex}]`;
                if (typeof edit.file !== 'string' || typeof edit.newText !== 'string') {
                    problems.push(`${where} lacks a file or newText string`);
                }
                checkPosition(edit.range?.start, `${where}.range.start`, problems);
                checkPosition(edit.range?.end, `${where}.range.end`, problems);
            });
        });
    }

    return problems;
}
