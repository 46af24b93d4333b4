// The add-parameters fix is safe, and preferred, only when every use of the function
// is visible and updated by the fix.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { lintJson } from './helpers/cli.mjs';

const folder = mkdtempSync(join(tmpdir(), 'pyfpcast-fix-safety-'));

const PRELUDE = '#include <Python.h>\nstatic PyObject *obj_reset(PyObject *self) { Py_RETURN_NONE; }\n';
const TABLE = 'static PyMethodDef obj_methods[] = {\n    {"reset", (PyCFunction)obj_reset, METH_NOARGS, NULL},\n    {NULL}\n};\n';

async function fixOf(name, source) {
    const path = join(folder, name);
    writeFileSync(path, source);
    const { report } = await lintJson([path]);
    const finding = report.diagnostics.find((diagnostic) => diagnostic.rule === 'method-signature');
    assert.ok(finding, `method-signature reported in ${name}`);
    assert.equal(finding.fixes.length, 1, `one fix offered in ${name}`);
    return finding.fixes[0];
}

test('fix with direct calls is safe', async () => {
    const fix = await fixOf('calls.c', PRELUDE + 'static void obj_use(PyObject *o) { obj_reset(o); }\n' + TABLE);
    assert.equal(fix.safe, true);
    assert.equal(fix.edits.length, 2, 'definition and the direct call');
    assert.equal(fix.edits[1].newText, ', NULL');
});

test('call through a macro is unsafe', async () => {
    const fix = await fixOf('macro.c', '#define RESET(o) obj_reset(o)\n' + PRELUDE + TABLE);
    assert.equal(fix.safe, false);
});

test('function pointer use is unsafe', async () => {
    const fix = await fixOf(
        'pointer.c',
        PRELUDE + 'typedef PyObject *(*unary_fn)(PyObject *);\nstatic unary_fn reset_hook = obj_reset;\n' + TABLE,
    );
    assert.equal(fix.safe, false);
});

test('external linkage is unsafe', async () => {
    const fix = await fixOf('extern.c', PRELUDE.replace('static ', '') + TABLE);
    assert.equal(fix.safe, false);
    assert.match(fix.title, /\(review: not static, so other files may call it\)$/);
});

test('two contracts get wrapper advice', async () => {
    const path = join(folder, 'two-contracts.c');
    writeFileSync(
        path,
        PRELUDE.replace('obj_reset', 'obj_next') +
            'static PyMethodDef obj_methods[] = {\n    {"__next__", (PyCFunction)obj_next, METH_NOARGS, NULL},\n    {NULL}\n};\n' +
            'static PyTypeObject ObjType = {\n    PyVarObject_HEAD_INIT(NULL, 0)\n    .tp_iternext = obj_next,\n};\n',
    );
    const { report } = await lintJson([path]);
    const finding = report.diagnostics.find((diagnostic) => diagnostic.rule === 'method-signature');
    assert.ok(finding, 'method-signature reported');
    assert.deepEqual(finding.fixes, [], 'no fix, since it would break tp_iternext');
    assert.match(finding.message, /also stored as tp_iternext/);
    assert.match(finding.message, /register a wrapper/);
    assert.doesNotMatch(finding.message, /Add the missing parameter/);
});
