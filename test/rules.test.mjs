// Valid and invalid inputs for each rule, linted in memory. In an invalid case the
// line that should carry the finding ends with the marker comment `/* flagged */`.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';

import { createMemoryLinter, describeFindings, lineOf } from './helpers/memoryLinter.mjs';

const require = createRequire(import.meta.url);
const { toJsonDiagnostic } = require('../server/out/report.js');

const MARKER = '/* flagged */';

/** Returns the 1-based line that carries the marker comment. */
function markedLine(code) {
    const lines = code.split('\n');
    const marked = lines.flatMap((text, index) => (text.includes(MARKER) ? [index + 1] : []));
    assert.equal(marked.length, 1, `exactly one ${MARKER} marker in the case`);
    return marked[0];
}

let linter;

before(async () => {
    linter = await createMemoryLinter();
});

after(() => {
    linter.dispose();
});

/**
 * Declares the tests of one rule: each valid case lints with no finding at all, and
 * each invalid case yields exactly one finding of the rule, on the marked line, with
 * the given severity.
 */
function ruleTests(rule, { valid, invalid }) {
    describe(rule, () => {
        for (const testCase of valid) {
            test(`valid: ${testCase.name}`, () => {
                const { findings } = linter.lint(testCase.code, testCase);

                assert.deepEqual(describeFindings(findings), '(none)');
            });
        }

        for (const testCase of invalid) {
            test(`invalid: ${testCase.name}`, () => {
                const { findings } = linter.lint(testCase.code, testCase);
                const ofRule = findings.filter((finding) => finding.rule === rule);

                assert.equal(ofRule.length, 1, `one ${rule} finding; got:\n${describeFindings(findings)}`);
                assert.equal(ofRule[0].severity, testCase.severity, 'severity');
                assert.equal(lineOf(ofRule[0].document, ofRule[0].start), markedLine(testCase.code), 'line');
            });
        }
    });
}

const PREAMBLE = `#include <Python.h>
typedef struct {
    PyObject_HEAD
    int value;
} SpamObject;
`;

ruleTests('method-signature', {
    valid: [
        {
            name: 'METH_NOARGS with Py_UNUSED',
            code: `${PREAMBLE}
static PyObject *spam_pid(PyObject *self, PyObject *Py_UNUSED(ignored)) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", spam_pid, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_VARARGS | METH_KEYWORDS',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *args, PyObject *kwargs) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)spam_call, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_FASTCALL | METH_KEYWORDS',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)spam_call, METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'PyCMethod with defining class',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyTypeObject *defining_class, PyObject *const *args, size_t nargs, PyObject *kwnames) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)(void(*)(void))spam_call, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'cast through void(*)(void)',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *args, PyObject *kwargs) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)(void(*)(void))spam_call, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'parameter list macro',
            code: `${PREAMBLE}
#define NOARGS PyObject *a, PyObject *b
static PyObject *spam_pid(NOARGS) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'entries from header macro',
            headers: { '/project/defs.h': '#define SPAM_METHOD(name, flags) {#name, (PyCFunction)spam_##name, flags, NULL},\n' },
            code: `${PREAMBLE}#include "defs.h"
static PyObject *spam_pid(PyObject *self, PyObject *Py_UNUSED(ignored)) { return NULL; }
static PyObject *spam_get(PyObject *self, PyObject *key) { return NULL; }
static PyMethodDef spam_methods[] = {
    SPAM_METHOD(pid, METH_NOARGS)
    SPAM_METHOD(get, METH_O)
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'prototype in local header',
            headers: { '/project/spam.h': 'PyObject *spam_pid(PyObject *self, PyObject *ignored);\n' },
            code: `${PREAMBLE}#include "spam.h"
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'both #if branches match',
            code: `${PREAMBLE}
static PyObject *spam_fork(PyObject *self, PyObject *Py_UNUSED(ignored)) { return NULL; }
static PyObject *spam_spawn(PyObject *self, PyObject *args) { return NULL; }
static PyMethodDef spam_methods[] = {
#ifdef HAVE_FORK
    {"fork", spam_fork, METH_NOARGS, NULL},
#else
    {"spawn", spam_spawn, METH_VARARGS, NULL},
#endif
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'function defined after table',
            code: `${PREAMBLE}
static PyObject *spam_get(PyObject *self, PyObject *key);
static PyMethodDef spam_methods[] = {
    {"get", spam_get, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
static PyObject *spam_get(PyObject *self, PyObject *key) { return NULL; }
`,
        },
    ],
    invalid: [
        {
            name: 'METH_NOARGS with one parameter',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_O returning double',
            severity: 'error',
            code: `${PREAMBLE}
static double spam_get(PyObject *self, PyObject *key) { return 0.0; }
static PyMethodDef spam_methods[] = {
    {"get", (PyCFunction)spam_get, METH_O, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_FASTCALL with int count',
            severity: 'warning',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *const *args, int nargs) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)spam_call, METH_FASTCALL, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_FASTCALL with int count on wasm64',
            severity: 'error',
            target: 'wasm64',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *const *args, int nargs) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)spam_call, METH_FASTCALL, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'subtype self',
            severity: 'hint',
            code: `${PREAMBLE}
static PyObject *spam_get(SpamObject *self, PyObject *key) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"get", (PyCFunction)spam_get, METH_O, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'subtype self with strict',
            severity: 'warning',
            strict: true,
            code: `${PREAMBLE}
static PyObject *spam_get(SpamObject *self, PyObject *key) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"get", (PyCFunction)spam_get, METH_O, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_FASTCALL | METH_KEYWORDS without kwnames',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *const *args, Py_ssize_t nargs) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)spam_call, METH_FASTCALL | METH_KEYWORDS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'PyCMethod without defining class',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *const *args, size_t nargs, PyObject *kwnames) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)(void(*)(void))spam_call, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'cast through void(*)(void)',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *args) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)(void(*)(void))spam_call, METH_VARARGS | METH_KEYWORDS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: '_PyCFunction_CAST',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_call(PyObject *self, PyObject *args) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", _PyCFunction_CAST(spam_call), METH_FASTCALL | METH_KEYWORDS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'address-of function',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", &spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            // tree-sitter reads `(PyCFunction)&f` as `(PyCFunction) & f`, a bitwise and,
            // because it cannot know that PyCFunction names a type.
            name: 'cast of address-of function',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)&spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'designated entry fields',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    {.ml_name = "pid", .ml_flags = METH_NOARGS, .ml_meth = (PyCFunction)spam_pid}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'parameter list macro',
            severity: 'error',
            code: `${PREAMBLE}
#define SELF_ONLY PyObject *self
static PyObject *spam_pid(SELF_ONLY) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'entry from header macro',
            severity: 'error',
            headers: { '/project/defs.h': '#define METHOD(name, flags) {#name, (PyCFunction)name, flags, name##_doc},\n' },
            code: `${PREAMBLE}#include "defs.h"
static PyObject *spam_pid(PyObject *self) { return NULL; }
PyDoc_STRVAR(spam_pid_doc, "pid() -> int");
static PyMethodDef spam_methods[] = {
    METHOD(spam_pid, METH_NOARGS) ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'prototype in local header',
            severity: 'error',
            headers: { '/project/spam.h': 'PyObject *spam_pid(PyObject *self);\n' },
            code: `${PREAMBLE}#include "spam.h"
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'entry in #else branch',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_fork(PyObject *self, PyObject *Py_UNUSED(ignored)) { return NULL; }
static PyObject *spam_spawn(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
#ifdef HAVE_FORK
    {"fork", spam_fork, METH_NOARGS, NULL},
#else
    {"spawn", (PyCFunction)spam_spawn, METH_VARARGS, NULL}, ${MARKER}
#endif
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'parse error in another function',
            severity: 'error',
            code: `${PREAMBLE}
static int spam_broken(void) { return 1 +; }
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'unknown macro statement above',
            severity: 'error',
            code: `${PREAMBLE}
SPAM_DECLARE_STATE(spam) spam_state spam_global;
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            // An editor lints while the user types, so a half-written function above the
            // table is common.
            name: 'unclosed parameter list above table',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_pid(PyObject *self) { return NULL; }
static int spam_unfinished(PyObject *self, {
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'unclosed function body above function',
            severity: 'error',
            code: `${PREAMBLE}
static int spam_unfinished(PyObject *self) {
    int count = 1;
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
    ],
});

ruleTests('method-flags', {
    valid: [
        ...[
            ['METH_VARARGS', '(PyObject *self, PyObject *args)'],
            ['METH_VARARGS | METH_KEYWORDS', '(PyObject *self, PyObject *args, PyObject *kwargs)'],
            ['METH_NOARGS', '(PyObject *self, PyObject *ignored)'],
            ['METH_O', '(PyObject *self, PyObject *arg)'],
            ['METH_FASTCALL', '(PyObject *self, PyObject *const *args, Py_ssize_t nargs)'],
            ['METH_FASTCALL | METH_KEYWORDS', '(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)'],
            [
                'METH_METHOD | METH_FASTCALL | METH_KEYWORDS',
                '(PyObject *self, PyTypeObject *cls, PyObject *const *args, size_t nargs, PyObject *kwnames)',
            ],
        ].map(([flags, parameters]) => ({
            name: flags,
            code: `${PREAMBLE}
static PyObject *spam_call${parameters} { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)(void(*)(void))spam_call, ${flags}, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        })),
        {
            name: 'flags from a local macro',
            code: `${PREAMBLE}
#define SPAM_KEYWORD_FLAGS (METH_VARARGS | METH_KEYWORDS)
static PyObject *spam_call(PyObject *self, PyObject *args, PyObject *kwargs) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"call", (PyCFunction)spam_call, SPAM_KEYWORD_FLAGS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_CLASS on a type method',
            code: `${PREAMBLE}
static PyObject *spam_make(PyObject *cls, PyObject *Py_UNUSED(ignored)) { return NULL; }
static PyMethodDef spam_type_methods[] = {
    {"make", spam_make, METH_NOARGS | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
        },
    ],
    invalid: [
        ...[
            ['METH_NOARGS | METH_KEYWORDS', '(PyObject *self, PyObject *args, PyObject *kwargs)'],
            ['METH_KEYWORDS', '(PyObject *self, PyObject *args, PyObject *kwargs)'],
            ['0', '(PyObject *self, PyObject *args)'],
            ['METH_VARARGS | METH_CLASS | METH_STATIC', '(PyObject *self, PyObject *args)'],
            ['METH_METHOD | METH_VARARGS', '(PyObject *self, PyObject *args)'],
        ].map(([flags, parameters]) => ({
            name: flags,
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_call${parameters} { return NULL; }
static PyMethodDef spam_type_methods[] = {
    {"call", (PyCFunction)spam_call, ${flags}, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        })),
        {
            name: 'bad flags from a local macro',
            severity: 'error',
            code: `${PREAMBLE}
#define SPAM_FLAGS (METH_O | METH_KEYWORDS)
static PyObject *spam_get(PyObject *self, PyObject *key) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"get", (PyCFunction)spam_get, SPAM_FLAGS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
`,
        },
        {
            name: 'METH_CLASS in module methods',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_make(PyObject *cls, PyObject *Py_UNUSED(ignored)) { return NULL; }
static PyMethodDef spam_methods[] = {
    {"make", spam_make, METH_NOARGS | METH_CLASS, NULL}, ${MARKER}
    {NULL, NULL, 0, NULL}
};
static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "spam",
    .m_methods = spam_methods,
};
`,
        },
    ],
});

ruleTests('getset-signature', {
    valid: [
        {
            name: 'getter and setter',
            code: `${PREAMBLE}
static PyObject *spam_get_value(PyObject *self, void *closure) { return NULL; }
static int spam_set_value(PyObject *self, PyObject *value, void *closure) { return 0; }
static PyGetSetDef spam_getset[] = {
    {"value", spam_get_value, spam_set_value, NULL, NULL},
    {NULL}
};
`,
        },
        {
            name: 'designated getter only',
            code: `${PREAMBLE}
static PyObject *spam_get_value(PyObject *self, void *Py_UNUSED(closure)) { return NULL; }
static PyGetSetDef spam_getset[] = {
    {.name = "value", .get = spam_get_value},
    {NULL}
};
`,
        },
    ],
    invalid: [
        {
            name: 'getter without closure',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_get_value(PyObject *self) { return NULL; }
static PyGetSetDef spam_getset[] = {
    {"value", (getter)spam_get_value, NULL, NULL, NULL}, ${MARKER}
    {NULL}
};
`,
        },
        {
            name: 'setter returning void',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_get_value(PyObject *self, void *closure) { return NULL; }
static void spam_set_value(PyObject *self, PyObject *value, void *closure) { }
static PyGetSetDef spam_getset[] = {
    {"value", spam_get_value, (setter)spam_set_value, NULL, NULL}, ${MARKER}
    {NULL}
};
`,
        },
        {
            name: 'getter with subtype self',
            severity: 'hint',
            code: `${PREAMBLE}
static PyObject *spam_get_value(SpamObject *self, void *closure) { return NULL; }
static PyGetSetDef spam_getset[] = {
    {"value", (getter)spam_get_value, NULL, NULL, NULL}, ${MARKER}
    {NULL}
};
`,
        },
    ],
});

/** Zeros for the PyTypeObject fields tp_basicsize through tp_as_mapping, one line. */
const TYPE_FIELDS_BEFORE_HASH = '0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,';

ruleTests('type-slot-signature', {
    valid: [
        {
            name: 'positional tp_hash returning Py_hash_t',
            code: `${PREAMBLE}
static Py_hash_t spam_hash(PyObject *self) { return 0; }
static PyTypeObject SpamType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "spam.Spam",
    ${TYPE_FIELDS_BEFORE_HASH}
    spam_hash,
};
`,
        },
        {
            name: 'designated tp_richcompare with op',
            code: `${PREAMBLE}
static PyObject *spam_richcompare(PyObject *self, PyObject *other, int op) { return NULL; }
static PyTypeObject SpamType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spam.Spam",
    .tp_richcompare = spam_richcompare,
};
`,
        },
        {
            name: 'PyType_Slot with void pointer cast',
            code: `${PREAMBLE}
static PyObject *spam_repr(PyObject *self) { return NULL; }
static PyType_Slot spam_slots[] = {
    {Py_tp_repr, (void *)spam_repr},
    {0, NULL},
};
`,
        },
        {
            name: 'nb_power with three parameters',
            code: `${PREAMBLE}
static PyObject *spam_power(PyObject *base, PyObject *exponent, PyObject *modulus) { return NULL; }
static PyNumberMethods spam_as_number = {
    .nb_power = spam_power,
};
`,
        },
        {
            name: 'tp_repr assigned in code',
            code: `${PREAMBLE}
static PyTypeObject SpamType;
static PyObject *spam_repr(PyObject *self) { return NULL; }
static int spam_ready(void)
{
    SpamType.tp_repr = spam_repr;
    return PyType_Ready(&SpamType);
}
`,
        },
    ],
    invalid: [
        {
            name: 'positional tp_hash returning int',
            severity: 'warning',
            code: `${PREAMBLE}
static int spam_hash(PyObject *self) { return 0; }
static PyTypeObject SpamType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "spam.Spam",
    ${TYPE_FIELDS_BEFORE_HASH}
    spam_hash, ${MARKER}
};
`,
        },
        {
            name: 'designated tp_richcompare missing op',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_richcompare(PyObject *self, PyObject *other) { return NULL; }
static PyTypeObject SpamType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spam.Spam",
    .tp_richcompare = spam_richcompare, ${MARKER}
};
`,
        },
        {
            name: 'PyType_Slot with void pointer cast',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_repr(PyObject *self, PyObject *unused) { return NULL; }
static PyType_Slot spam_slots[] = {
    {Py_tp_repr, (void *)spam_repr}, ${MARKER}
    {0, NULL},
};
`,
        },
        {
            name: 'nb_power with two parameters',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_power(PyObject *base, PyObject *exponent) { return NULL; }
static PyNumberMethods spam_as_number = {
    .nb_power = spam_power, ${MARKER}
};
`,
        },
        {
            name: 'tp_repr assigned in code',
            severity: 'error',
            code: `${PREAMBLE}
static PyTypeObject SpamType;
static PyObject *spam_repr(PyObject *self, PyObject *unused) { return NULL; }
static int spam_ready(void)
{
    SpamType.tp_repr = (reprfunc)spam_repr; ${MARKER}
    return PyType_Ready(&SpamType);
}
`,
        },
        {
            name: 'tp_dealloc returning int',
            severity: 'error',
            code: `${PREAMBLE}
static int spam_dealloc(PyObject *self) { return 0; }
static PyTypeObject SpamType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spam.Spam",
    .tp_dealloc = (destructor)spam_dealloc, ${MARKER}
};
`,
        },
    ],
});

ruleTests('module-def-signature', {
    valid: [
        {
            name: 'positional traverse and clear',
            code: `${PREAMBLE}
static int spam_traverse(PyObject *module, visitproc visit, void *arg) { return 0; }
static int spam_clear(PyObject *module) { return 0; }
static void spam_free(void *module) { }
static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT,
    "spam",
    NULL,
    0,
    NULL,
    NULL,
    spam_traverse,
    spam_clear,
    spam_free,
};
`,
        },
    ],
    invalid: [
        {
            name: 'positional m_clear returning void',
            severity: 'error',
            code: `${PREAMBLE}
static int spam_traverse(PyObject *module, visitproc visit, void *arg) { return 0; }
static void spam_clear(PyObject *module) { }
static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT,
    "spam",
    NULL,
    0,
    NULL,
    NULL,
    spam_traverse,
    (inquiry)spam_clear, ${MARKER}
    NULL,
};
`,
        },
        {
            name: 'designated m_traverse missing arg',
            severity: 'error',
            code: `${PREAMBLE}
static int spam_traverse(PyObject *module, visitproc visit) { return 0; }
static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "spam",
    .m_traverse = (traverseproc)spam_traverse, ${MARKER}
};
`,
        },
    ],
});

ruleTests('module-slot-signature', {
    valid: [
        {
            name: 'Py_mod_exec taking the module',
            code: `${PREAMBLE}
static int spam_exec(PyObject *module) { return 0; }
static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_exec, spam_exec},
    {0, NULL}
};
`,
        },
        {
            name: 'Py_mod_create taking spec and def',
            code: `${PREAMBLE}
static PyObject *spam_create(PyObject *spec, PyModuleDef *def) { return NULL; }
static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_create, spam_create},
    {0, NULL}
};
`,
        },
    ],
    invalid: [
        {
            name: 'Py_mod_exec taking void',
            severity: 'error',
            code: `${PREAMBLE}
static int spam_exec(void) { return 0; }
static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_exec, (void *)spam_exec}, ${MARKER}
    {0, NULL}
};
`,
        },
        {
            name: 'Py_mod_exec returning void',
            severity: 'error',
            code: `${PREAMBLE}
static void spam_exec(PyObject *module) { }
static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_exec, spam_exec}, ${MARKER}
    {0, NULL}
};
`,
        },
        {
            name: 'Py_mod_create without def',
            severity: 'error',
            code: `${PREAMBLE}
static PyObject *spam_create(PyObject *spec) { return NULL; }
static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_create, spam_create}, ${MARKER}
    {0, NULL}
};
`,
        },
    ],
});

ruleTests('init-signature', {
    valid: [
        {
            name: 'PyInit taking void',
            code: `${PREAMBLE}
static struct PyModuleDef spam_module = {PyModuleDef_HEAD_INIT, "spam"};
PyMODINIT_FUNC PyInit_spam(void) { return PyModuleDef_Init(&spam_module); }
`,
        },
        {
            name: 'PyInit prototype taking void',
            code: `${PREAMBLE}
PyMODINIT_FUNC PyInit_spam(void);
`,
        },
    ],
    invalid: [
        {
            name: 'PyInit taking a module',
            severity: 'error',
            code: `${PREAMBLE}
PyMODINIT_FUNC PyInit_spam(PyObject *module) { return NULL; } ${MARKER}
`,
        },
        {
            name: 'PyInit returning void',
            severity: 'error',
            code: `${PREAMBLE}
void PyInit_spam(void) { } ${MARKER}
`,
        },
    ],
});

describe('finding details', () => {
    const code = `${PREAMBLE}
static PyObject *
spam_pid(PyObject *self)
{
    return NULL;
}
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
`;
    const definitionLine = code.split('\n').indexOf('spam_pid(PyObject *self)') + 1;
    const entryLine = code.split('\n').findIndex((line) => line.includes('{"pid"')) + 1;

    test('message names the function', () => {
        const { findings } = linter.lint(code);

        assert.equal(findings.length, 1, describeFindings(findings));
        assert.equal(findings[0].function, 'spam_pid');
        assert.match(findings[0].message, /'spam_pid'/);
    });

    test('message says what to do', () => {
        const { findings } = linter.lint(code);

        assert.match(findings[0].message, /Add the missing parameter `PyObject \*Py_UNUSED\(ignored\)`\./);
    });

    test('message says what happens', () => {
        const { findings } = linter.lint(code);

        assert.match(findings[0].message, /traps/);
    });

    test('related points at definition line', () => {
        const { findings } = linter.lint(code);
        const related = findings[0].related;

        assert.equal(related.length, 1);
        assert.equal(lineOf(related[0].document, related[0].start), definitionLine);
        assert.equal(code.slice(related[0].start, related[0].end), 'spam_pid');
    });

    test('finding spans the ml_meth value', () => {
        const { findings } = linter.lint(code);

        assert.equal(lineOf(findings[0].document, findings[0].start), entryLine);
        assert.equal(code.slice(findings[0].start, findings[0].end), '(PyCFunction)spam_pid');
    });

    test('JSON diagnostic has 1-based positions', () => {
        const { findings } = linter.lint(code);

        const diagnostic = toJsonDiagnostic(findings[0], (path) => path);

        assert.equal(diagnostic.line, entryLine);
        assert.equal(diagnostic.column, code.split('\n')[entryLine - 1].indexOf('(PyCFunction)') + 1);
        assert.equal(diagnostic.rule, 'method-signature');
        assert.equal(diagnostic.related[0].line, definitionLine);
    });

    test('related names the header macro', () => {
        const headers = { '/project/defs.h': '\n#define METHOD(name, flags) {#name, (PyCFunction)name, flags, NULL},\n' };
        const source = `${PREAMBLE}#include "defs.h"
static PyObject *spam_pid(PyObject *self) { return NULL; }
static PyMethodDef spam_methods[] = {
    METHOD(spam_pid, METH_NOARGS)
    {NULL, NULL, 0, NULL}
};
`;

        const { findings } = linter.lint(source, { headers });
        const fromMacro = findings[0]?.related.find((related) => related.document.path === '/project/defs.h');

        assert.ok(fromMacro !== undefined, 'a related location in defs.h');
        assert.equal(lineOf(fromMacro.document, fromMacro.start), 2);
        assert.match(fromMacro.message, /METHOD/);
    });

    test('related points at header prototype', () => {
        const headers = { '/project/spam.h': '/* spam.h */\nPyObject *spam_pid(PyObject *self);\n' };
        const source = `${PREAMBLE}#include "spam.h"
static PyMethodDef spam_methods[] = {
    {"pid", (PyCFunction)spam_pid, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
`;

        const { findings } = linter.lint(source, { headers });
        const related = findings[0]?.related ?? [];

        assert.equal(related.length, 1);
        assert.equal(related[0].document.path, '/project/spam.h');
        assert.equal(lineOf(related[0].document, related[0].start), 2);
    });
});
