// Applies the CLI's fixes to copies of the cases and checks the result with
// a real C compiler against the CPython headers.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { formatDiagnostic, lintJson } from './helpers/cli.mjs';
import { applyTextEdits, cliEditToTextEdit } from './helpers/edits.mjs';
import { casesDir, listCases, listSourceFiles, repoRoot } from './helpers/paths.mjs';

function findSkipReason() {
    const gcc = spawnSync('gcc', ['--version']);
    if (gcc.error || gcc.status !== 0) {
        return 'gcc not found on PATH';
    }
    const config = spawnSync('python3-config', ['--includes'], { encoding: 'utf8' });
    if (config.error || config.status !== 0) {
        return 'python3-config not found on PATH (install the Python development headers)';
    }
    return false;
}

const skipReason = findSkipReason();
const pythonIncludes = skipReason
    ? []
    : spawnSync('python3-config', ['--includes'], { encoding: 'utf8' }).stdout.trim().split(/\s+/);

const GCC_MESSAGE = /^(.+?):(\d+):(\d+): (error|warning): (.*)$/;

/**
 * Compiles FILE with `gcc -fsyntax-only -Wcast-function-type` and returns
 * { errors, castWarnings, status, output }. Cast warnings are message texts without
 * their position, so that the same warning on a shifted line compares equal.
 */
function compile(file) {
    const result = spawnSync(
        'gcc',
        ['-fsyntax-only', '-Wcast-function-type', ...pythonIncludes, '-I', path.dirname(file), file],
        { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    const messages = result.stderr.split('\n').map((line) => GCC_MESSAGE.exec(line)).filter(Boolean);
    return {
        errors: messages.filter((m) => m[4] === 'error').map((m) => m[0]),
        castWarnings: messages
            .filter((m) => m[4] === 'warning' && m[5].includes('[-Wcast-function-type]'))
            .map((m) => m[5]),
        status: result.status,
        output: result.stderr,
    };
}

/** Returns the items of AFTER that are not in BEFORE, counting repeats. */
function multisetDifference(after, before) {
    const remaining = [...before];
    return after.filter((item) => {
        const index = remaining.indexOf(item);
        if (index === -1) {
            return true;
        }
        remaining.splice(index, 1);
        return false;
    });
}

/** Copies a case into a new temporary folder and returns { scratch, root }. */
function copyCase(testCase) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'pyfpcast-fix-'));
    const root = path.join(scratch, testCase.name);
    cpSync(testCase.path, root, { recursive: true });
    return { scratch, root };
}

/** Applies every edit of every fix, grouped by file, and writes the files. */
function applyAllFixes(diagnostics, root) {
    const editsByFile = new Map();
    for (const fix of diagnostics.flatMap((d) => d.fixes)) {
        for (const edit of fix.edits) {
            const file = path.resolve(repoRoot, edit.file);
            assert.ok(file === root || file.startsWith(root + path.sep), `fix edits ${edit.file}, outside the case`);
            editsByFile.set(file, [...(editsByFile.get(file) ?? []), cliEditToTextEdit(edit)]);
        }
    }

    for (const [file, edits] of editsByFile) {
        writeFileSync(file, applyTextEdits(readFileSync(file, 'utf8'), edits));
    }
}

function findingKey(diagnostic, root) {
    return [path.relative(root, path.resolve(repoRoot, diagnostic.file)), diagnostic.rule, diagnostic.function, diagnostic.effect].join(' ');
}

const isErrorOrWarning = (diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning';

for (const testCase of listCases()) {
    test(`fixes for ${testCase.name} compile`, { skip: skipReason }, async (t) => {
        const { scratch, root } = copyCase(testCase);
        t.after(() => rmSync(scratch, { recursive: true, force: true }));

        const before = await lintJson([root]);
        const fixed = before.report.diagnostics.filter((d) => d.fixes.length > 0);
        if (fixed.length === 0) {
            t.skip('no diagnostic carries a fix');
            return;
        }

        const cFiles = (testCase.isFolder ? listSourceFiles(root) : [root]).filter((file) => file.endsWith('.c'));
        const originals = new Map(cFiles.map((file) => [file, compile(file)]));
        for (const [file, original] of originals) {
            assert.deepEqual(original.errors, [], `original ${path.basename(file)} compiles:\n${original.output}`);
        }

        applyAllFixes(fixed, root);

        for (const [file, original] of originals) {
            const result = compile(file);
            const text = readFileSync(file, 'utf8');
            assert.deepEqual(result.errors, [], `fixed ${path.basename(file)} compiles:\n${result.output}\n${text}`);
            assert.deepEqual(
                multisetDifference(result.castWarnings, original.castWarnings),
                [],
                `no new -Wcast-function-type warnings in fixed ${path.basename(file)}`,
            );
        }

        const after = await lintJson([root]);
        const remainingKeys = new Set(after.report.diagnostics.map((d) => findingKey(d, root)));
        const stillReported = fixed.filter((d) => remainingKeys.has(findingKey(d, root)));
        assert.deepEqual(stillReported.map(formatDiagnostic), [], 'fixed findings are gone after re-linting');

        const beforeKeys = new Set(before.report.diagnostics.filter(isErrorOrWarning).map((d) => findingKey(d, root)));
        const introduced = after.report.diagnostics
            .filter(isErrorOrWarning)
            .filter((d) => !beforeKeys.has(findingKey(d, root)));
        assert.deepEqual(introduced.map(formatDiagnostic), [], 'fixes introduce no new errors or warnings');
    });
}

// Findings whose only problem is a missing trailing parameter, with the
// parameter the add-parameters fix must insert.
const MISSING_PARAMETER_FINDINGS = [
    { caseName: 'noargs_self_only.c', line: 21, rule: 'method-signature', parameter: 'PyObject *Py_UNUSED(ignored)' },
    { caseName: 'prototype_then_definition.c', line: 7, rule: 'method-signature', parameter: 'PyObject *Py_UNUSED(ignored)' },
    { caseName: 'macro_entries.c', line: 26, rule: 'method-signature', parameter: 'PyObject *Py_UNUSED(ignored)' },
    { caseName: 'getset_no_closure.c', line: 30, rule: 'getset-signature', parameter: 'void *Py_UNUSED(closure)' },
    { caseName: 'getset_no_closure.c', line: 31, rule: 'getset-signature', parameter: 'void *Py_UNUSED(closure)' },
    { caseName: 'getset_no_closure.c', line: 34, rule: 'getset-signature', parameter: 'void *Py_UNUSED(closure)' },
];

test('missing parameters come with a fix', async () => {
    for (const expected of MISSING_PARAMETER_FINDINGS) {
        const where = `${expected.caseName}:${expected.line}`;
        const { report } = await lintJson([path.join(casesDir, expected.caseName)]);

        const finding = report.diagnostics.find(
            (d) => d.rule === expected.rule && d.line <= expected.line && expected.line <= d.endLine,
        );
        assert.ok(finding, `${expected.rule} reported at ${where}`);

        const insertsParameter = finding.fixes.some(
            (fix) => fix.edits.some((edit) => edit.newText.includes(expected.parameter)),
        );
        assert.ok(insertsParameter, `a fix at ${where} inserts ${expected.parameter}; got ${JSON.stringify(finding.fixes)}`);
    }
});
