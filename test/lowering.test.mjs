// How C value classes lower to WebAssembly value types on each target, and how
// the linter grades a signature difference by that lowering.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';

import { createMemoryLinter, describeFindings } from './helpers/memoryLinter.mjs';

const require = createRequire(import.meta.url);
const { lowerValueClass } = require('../server/out/analysis/ctypes.js');

describe('lowerValueClass', () => {
    // wasm32 and wasm64 follow the BasicCABI of WebAssembly/tool-conventions. Windows x64
    // (LLP64) keeps `long` at 32 bits while pointers and size_t are 64 bits.
    const expected = [
        { valueClass: 'int', wasm32: 'i32', wasm64: 'i32', llp64: 'i32' },
        { valueClass: 'long', wasm32: 'i32', wasm64: 'i64', llp64: 'i32' },
        { valueClass: 'size', wasm32: 'i32', wasm64: 'i64', llp64: 'i64' },
        { valueClass: 'pointer', wasm32: 'i32', wasm64: 'i64', llp64: 'i64' },
        { valueClass: 'longlong', wasm32: 'i64', wasm64: 'i64', llp64: 'i64' },
        { valueClass: 'float', wasm32: 'f32', wasm64: 'f32', llp64: 'f32' },
        { valueClass: 'double', wasm32: 'f64', wasm64: 'f64', llp64: 'f64' },
        // A struct passed by value travels as a pointer to a copy.
        { valueClass: 'struct', wasm32: 'i32', wasm64: 'i64', llp64: 'i64' },
    ];

    for (const row of expected) {
        for (const model of ['wasm32', 'wasm64', 'llp64']) {
            test(`${row.valueClass} on ${model}`, () => {
                assert.equal(lowerValueClass(row.valueClass, model), row[model]);
            });
        }
    }

    test('void lowers to nothing', () => {
        assert.equal(lowerValueClass('void', 'wasm32'), '');
    });
});

/** A METH_FASTCALL table around one function definition. */
function fastcallSource(definition) {
    return `#include <Python.h>
${definition}
static PyMethodDef spam_methods[] = {
    {"count", (PyCFunction)spam_count, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};
`;
}

/** A METH_O table around one function definition. */
function singleArgumentSource(definition) {
    return `#include <Python.h>
typedef struct {
    PyObject_HEAD
    int value;
} SpamObject;
${definition}
static PyMethodDef spam_methods[] = {
    {"get", (PyCFunction)spam_get, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
`;
}

describe('signature grading', () => {
    let linter;

    before(async () => {
        linter = await createMemoryLinter();
    });

    after(() => {
        linter.dispose();
    });

    const intCount = fastcallSource(
        'static PyObject *spam_count(PyObject *self, PyObject *const *args, int nargs) { return NULL; }',
    );

    test('int for Py_ssize_t warns on wasm32', () => {
        const { findings } = linter.lint(intCount);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'warning');
        assert.equal(findings[0].effect, 'abi');
    });

    test('int for Py_ssize_t errs on wasm64', () => {
        const { findings } = linter.lint(intCount, { target: 'wasm64' });

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'error');
        assert.equal(findings[0].effect, 'trap');
    });

    test('Py_ssize_t count matches', () => {
        const source = fastcallSource(
            'static PyObject *spam_count(PyObject *self, PyObject *const *args, Py_ssize_t nargs) { return NULL; }',
        );

        for (const target of ['wasm32', 'wasm64']) {
            const { findings } = linter.lint(source, { target });
            assert.deepEqual(findings, [], `target ${target}`);
        }
    });

    test('long for Py_ssize_t warns on wasm32', () => {
        // long and Py_ssize_t differ only on Windows x64.
        const source = fastcallSource(
            'static PyObject *spam_count(PyObject *self, PyObject *const *args, long nargs) { return NULL; }',
        );

        const { findings } = linter.lint(source);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'warning');
    });

    const subtypeSelf = singleArgumentSource(
        'static PyObject *spam_get(SpamObject *self, PyObject *key) { return NULL; }',
    );

    test('subtype self is a hint', () => {
        const { findings } = linter.lint(subtypeSelf);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'hint');
        assert.equal(findings[0].effect, 'type');
    });

    test('subtype self warns with strict', () => {
        const { findings } = linter.lint(subtypeSelf, { strict: true });

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'warning');
    });

    test('double return is an error', () => {
        const source = singleArgumentSource('static double spam_get(PyObject *self, PyObject *key) { return 0.0; }');

        const { findings } = linter.lint(source);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'error');
        assert.equal(findings[0].effect, 'trap');
    });

    test('void return is an error', () => {
        const source = singleArgumentSource('static void spam_get(PyObject *self, PyObject *key) { }');

        const { findings } = linter.lint(source);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'error');
    });

    for (const target of ['wasm32', 'wasm64']) {
        test(`unknown typedef parameter below warning on ${target}`, () => {
            const source = singleArgumentSource(
                'static PyObject *spam_get(PyObject *self, spam_key_t key) { return NULL; }',
            );

            const { findings } = linter.lint(source, { target });

            const serious = findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
            assert.deepEqual(serious, [], describeFindings(findings));
        });

        test(`unknown typedef return below warning on ${target}`, () => {
            const source = singleArgumentSource('static spam_result_t spam_get(PyObject *self, PyObject *key) { return 0; }');

            const { findings } = linter.lint(source, { target });

            const serious = findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
            assert.deepEqual(serious, [], describeFindings(findings));
        });
    }

    test('unknown typedef with wrong count errs', () => {
        const source = singleArgumentSource('static PyObject *spam_get(spam_self_t self) { return NULL; }');

        const { findings } = linter.lint(source);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'error');
    });

    test('local typedef of Py_ssize_t resolved', () => {
        const source = fastcallSource(
            'typedef Py_ssize_t spam_size;\nstatic PyObject *spam_count(PyObject *self, PyObject *const *args, spam_size nargs) { return NULL; }',
        );

        const { findings } = linter.lint(source);

        assert.deepEqual(findings, [], describeFindings(findings));
    });

    test('local typedef of int warns', () => {
        const source = fastcallSource(
            'typedef int spam_count_t;\nstatic PyObject *spam_count(PyObject *self, PyObject *const *args, spam_count_t nargs) { return NULL; }',
        );

        const { findings } = linter.lint(source);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'warning');
    });

    test('PyObject ** for PyObject *const * is a hint', () => {
        // PyCFunctionFast takes `PyObject *const *args` (Include/methodobject.h). A pointer to
        // non-const pointers is another C type, though it lowers the same.
        const source = fastcallSource(
            'static PyObject *spam_count(PyObject *self, PyObject **args, Py_ssize_t nargs) { return NULL; }',
        );

        const { findings } = linter.lint(source);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].severity, 'hint');
    });

    test('message spells PyObject *const *args', () => {
        const source = fastcallSource('static PyObject *spam_count(PyObject *self) { return NULL; }');

        const { findings } = linter.lint(source);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.ok(findings[0].message.includes('PyObject *const *args'), findings[0].message);
    });
});
