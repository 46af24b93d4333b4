// Broken and half-typed C must never make the analysis throw: the editor sends
// every intermediate state of a file. These tests lint deterministic mutations of
// the shared cases and the bundled sample, in one process and incrementally.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

import { casesDir, repoRoot } from './helpers/paths.mjs';

const require = createRequire(import.meta.url);
const { Linter } = require('../server/out/linter.js');

const OPTIONS = { target: 'wasm32', strict: false };

function sources() {
    const cases = readdirSync(casesDir)
        .filter((name) => name.endsWith('.c'))
        .map((name) => join(casesDir, name));
    return [...cases, join(repoRoot, 'sample', 'spam', 'spammodule.c')];
}

/** A small deterministic generator, so a failure reproduces. */
function random(seed) {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
}

const FRAGMENTS = ['{', '}', '(', ')', ',', ';', '#if 0\n', '#endif\n', '"', '/*', '*/', 'METH_NOARGS', 'PyObject_HEAD', '\n#define X {\n', '\\\n'];

function mutations(text, next) {
    const result = [];
    for (let step = 0; step < 40; step++) {
        const at = Math.floor(next() * text.length);
        const kind = step % 4;
        if (kind === 0) {
            result.push(text.slice(0, at));
        } else if (kind === 1) {
            result.push(text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 40))));
        } else if (kind === 2) {
            result.push(text.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] + text.slice(at));
        } else {
            const other = Math.floor(next() * text.length);
            result.push(text.slice(0, Math.min(at, other)) + text.slice(Math.max(at, other)) + text.slice(Math.min(at, other), Math.max(at, other)));
        }
    }
    return result;
}

test('mutated sources never throw', async () => {
    const linter = await Linter.create({ readFile: () => undefined });
    const next = random(20261204);
    let linted = 0;
    for (const path of sources()) {
        for (const text of mutations(readFileSync(path, 'utf8'), next)) {
            const result = linter.lint(path, text, OPTIONS);
            assert.ok(Array.isArray(result.findings), `findings for a mutation of ${path}`);
            result.document.tree.delete();
            linted++;
        }
    }
    linter.dispose();
    assert.ok(linted >= 400, `linted ${linted} mutations`);
});

test('typing a file keystroke by keystroke', async () => {
    // Each prefix of the sample, one line at a time, reparsed incrementally from the last.
    const linter = await Linter.create({ readFile: () => undefined });
    const path = join(repoRoot, 'sample', 'spam', 'spammodule.c');
    const lines = readFileSync(path, 'utf8').split('\n');
    let previous;
    for (let count = 1; count <= lines.length; count += 7) {
        const result = linter.lint(path, lines.slice(0, count).join('\n'), OPTIONS, previous);
        previous = result.document;
    }
    const full = linter.lint(path, lines.join('\n'), OPTIONS, previous);
    const fresh = linter.lint(path, lines.join('\n'), OPTIONS);
    assert.deepEqual(
        full.findings.map((finding) => [finding.rule, finding.start, finding.end]),
        fresh.findings.map((finding) => [finding.rule, finding.start, finding.end]),
        'incremental result equals a fresh parse',
    );
    linter.dispose();
});

test('incremental re-lint sees signature edits', async () => {
    const linter = await Linter.create({ readFile: () => undefined });
    const path = '/project/cache.c';
    const source = [
        '#include <Python.h>',
        'typedef Py_ssize_t length_t;',
        'static length_t cache_length(PyObject *self) { return 0; }',
        'static PyObject *cache_flush(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }',
        'static PyMappingMethods cache_as_mapping = { .mp_length = cache_length };',
        'static PyMethodDef cache_methods[] = {',
        '    {"flush", cache_flush, METH_NOARGS, NULL},',
        '    {NULL}',
        '};',
        '',
    ].join('\n');
    const rules = (result) => result.findings.filter((finding) => finding.severity !== 'hint').map((finding) => finding.rule);

    const clean = linter.lint(path, source, OPTIONS);
    assert.deepEqual(rules(clean), [], 'the original is clean');

    // Edit the function's parameter list: its cached signature must not be reused.
    const shorter = source.replace('cache_flush(PyObject *self, PyObject *unused)', 'cache_flush(PyObject *self)');
    const afterEdit = linter.lint(path, shorter, OPTIONS, clean.document);
    assert.deepEqual(rules(afterEdit), ['method-signature'], 'the removed parameter is reported');

    // Edit a typedef the slot function's return type goes through.
    const narrowed = shorter.replace('typedef Py_ssize_t length_t;', 'typedef int length_t;');
    const afterTypedef = linter.lint(path, narrowed, OPTIONS, afterEdit.document);
    assert.deepEqual(rules(afterTypedef).sort(), ['method-signature', 'type-slot-signature'], 'the narrowed return type is reported');
    linter.dispose();
});
