// Reading #define and #include lines, and expanding the macros that stand for
// table entries.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

const require = createRequire(import.meta.url);
const { expandMacro, scanDirectives, splitArguments } = require('../server/out/analysis/macros.js');

const FILE = '/project/spam.c';

/** Reads the only macro of `text`. */
function onlyMacro(text) {
    const { macros } = scanDirectives(text, FILE);
    assert.equal(macros.length, 1, `one macro in ${JSON.stringify(text)}`);
    return macros[0];
}

describe('scanDirectives', () => {
    test('reads object-like define', () => {
        const macro = onlyMacro('#define SPAM_FLAGS METH_NOARGS\n');

        assert.equal(macro.name, 'SPAM_FLAGS');
        assert.equal(macro.parameters, undefined);
        assert.equal(macro.body, 'METH_NOARGS');
        assert.equal(macro.file, FILE);
    });

    test('reads function-like parameters', () => {
        const macro = onlyMacro('#define METHOD(name, flags) {#name, (PyCFunction)name, flags, name##_doc},\n');

        assert.deepEqual(macro.parameters, ['name', 'flags']);
        assert.equal(macro.body, '{#name, (PyCFunction)name, flags, name##_doc},');
    });

    test('reads empty parameter list', () => {
        const macro = onlyMacro('#define SENTINEL() {NULL, NULL, 0, NULL}\n');

        assert.deepEqual(macro.parameters, []);
    });

    test('space before parenthesis is object-like', () => {
        // C17 6.10.3: a function-like macro has no space between its name and `(`.
        const macro = onlyMacro('#define SPAM_EMPTY (0)\n');

        assert.equal(macro.parameters, undefined);
        assert.equal(macro.body, '(0)');
    });

    test('joins continuation lines', () => {
        const macro = onlyMacro('#define METHOD(name) \\\n    {#name, (PyCFunction)name, \\\n     METH_NOARGS, NULL},\nint after;\n');

        assert.match(macro.body, /^\{#name, \(PyCFunction\)name,\s+METH_NOARGS, NULL\},$/);
    });

    test('joins CRLF continuation lines', () => {
        const macro = onlyMacro('#define SPAM_FLAGS METH_VARARGS \\\r\n    | METH_KEYWORDS\r\n');

        assert.match(macro.body, /^METH_VARARGS\s+\| METH_KEYWORDS$/);
    });

    test('drops comments from body', () => {
        const macro = onlyMacro('#define SPAM_FLAGS METH_O /* one argument */ // trailing\n');

        assert.equal(macro.body, 'METH_O');
    });

    test('records name offset', () => {
        const text = 'int spam;\n  #  define SPAM_FLAGS METH_O\n';

        const macro = onlyMacro(text);

        assert.equal(macro.offset, text.indexOf('SPAM_FLAGS'));
    });

    test('reads quoted include', () => {
        const text = '#include <Python.h>\n#include "defs.h"\n# include "sub/more.h"\n';

        const { includes } = scanDirectives(text, FILE);

        assert.deepEqual(
            includes.map((include) => include.path),
            ['defs.h', 'sub/more.h'],
        );
        assert.equal(includes[0].offset, text.indexOf('#include "defs.h"'));
    });

    test('skips angle include', () => {
        const { includes } = scanDirectives('#include <Python.h>\n', FILE);

        assert.deepEqual(includes, []);
    });

    test('ignores other directives', () => {
        const { macros, includes } = scanDirectives('#ifdef SPAM\n#undef SPAM\n#endif\n', FILE);

        assert.deepEqual(macros, []);
        assert.deepEqual(includes, []);
    });
});

describe('expandMacro', () => {
    const method = onlyMacro('#define METHOD(name, flags) {#name, (PyCFunction)name, flags, name##_doc},\n');

    test('stringifies and pastes', () => {
        assert.equal(expandMacro(method, 'spam_system, METH_VARARGS'), '{"spam_system", (PyCFunction)spam_system, METH_VARARGS, spam_system_doc},');
    });

    test('keeps flags expression whole', () => {
        assert.equal(
            expandMacro(method, 'spam_call, METH_FASTCALL | METH_KEYWORDS'),
            '{"spam_call", (PyCFunction)spam_call, METH_FASTCALL | METH_KEYWORDS, spam_call_doc},',
        );
    });

    test('pastes on both sides', () => {
        const macro = onlyMacro('#define WRAP(name) {#name, (PyCFunction)spam_##name##_impl, METH_O, NULL},\n');

        assert.equal(expandMacro(macro, 'get'), '{"get", (PyCFunction)spam_get_impl, METH_O, NULL},');
    });

    test('leaves parameter names in strings', () => {
        const macro = onlyMacro('#define DOC(name) {#name, name, METH_O, "name of the thing"},\n');

        assert.equal(expandMacro(macro, 'spam'), '{"spam", spam, METH_O, "name of the thing"},');
    });

    test('expands object-like macro', () => {
        const macro = onlyMacro('#define SPAM_SENTINEL {NULL, NULL, 0, NULL}\n');

        assert.equal(expandMacro(macro, undefined), '{NULL, NULL, 0, NULL}');
    });

    test('expands variadic macro', () => {
        const macro = onlyMacro('#define ENTRY(name, ...) {#name, (PyCFunction)name, __VA_ARGS__},\n');

        assert.equal(expandMacro(macro, 'spam, METH_O, NULL'), '{"spam", (PyCFunction)spam, METH_O, NULL},');
    });

    test('too few arguments is undefined', () => {
        assert.equal(expandMacro(method, 'spam_system'), undefined);
    });

    test('too many arguments is undefined', () => {
        assert.equal(expandMacro(method, 'spam_system, METH_VARARGS, extra'), undefined);
    });

    test('function-like without call is undefined', () => {
        assert.equal(expandMacro(method, undefined), undefined);
    });

    test('nested commas count once', () => {
        const macro = onlyMacro('#define ENTRY(name, meth) {#name, meth, METH_O, NULL},\n');

        assert.equal(expandMacro(macro, 'spam, CAST(spam, PyCFunction)'), '{"spam", CAST(spam, PyCFunction), METH_O, NULL},');
    });
});

describe('splitArguments', () => {
    test('splits top-level commas', () => {
        assert.deepEqual(splitArguments('a, b ,c'), ['a', 'b', 'c']);
    });

    test('keeps nested parentheses', () => {
        assert.deepEqual(splitArguments('f(a, b), (c, d)'), ['f(a, b)', '(c, d)']);
    });

    test('keeps braces and brackets', () => {
        assert.deepEqual(splitArguments('{1, 2}, x[0, 1]'), ['{1, 2}', 'x[0, 1]']);
    });

    test('keeps commas in strings', () => {
        assert.deepEqual(splitArguments('"a, b", \',\', c'), ['"a, b"', "','", 'c']);
    });

    test('keeps escaped quotes in strings', () => {
        assert.deepEqual(splitArguments('"say \\"hi, there\\"", x'), ['"say \\"hi, there\\""', 'x']);
    });

    test('empty text has no arguments', () => {
        assert.deepEqual(splitArguments(''), []);
    });

    test('empty arguments kept', () => {
        assert.deepEqual(splitArguments('a,,b'), ['a', '', 'b']);
    });
});
