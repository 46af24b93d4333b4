// Masking of CPython macros that tree-sitter cannot parse: the masked text keeps
// every offset and line of the source, and the masked snippets parse cleanly
// where the raw text does not.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';

import { createMemoryLinter } from './helpers/memoryLinter.mjs';

const require = createRequire(import.meta.url);
const { maskSource } = require('../server/out/parser/mask.js');
const { createCParser } = require('../server/out/parser/parser.js');

const SNIPPETS = {
    threads: `static PyObject *
spam_system(PyObject *self, PyObject *args)
{
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = system("true");
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(status);
}
`,
    objectHead: `typedef struct {
    PyObject_HEAD
    int value;
} SpamObject;
`,
    headInit: `static PyTypeObject SpamType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "spam.Spam",
    sizeof(SpamObject),
};
`,
    clinicEntries: `static PyMethodDef spam_methods[] = {
    SPAM_SYSTEM_METHODDEF
    SPAM_GETPID_METHODDEF
    {NULL, NULL, 0, NULL}
};
`,
    conditionalEntries: `static PyMethodDef spam_methods[] = {
    {"system", spam_system, METH_VARARGS, NULL},
#ifdef HAVE_FORK
    {"fork", spam_fork, METH_NOARGS, NULL},
#else
    {"spawn", spam_spawn, METH_VARARGS, NULL},
#endif
    {NULL, NULL, 0, NULL}
};
`,
    unusedParameter: `static PyObject *
spam_getpid(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(getpid());
}
`,
};

/** Offsets of every line break, so two texts can be compared line by line. */
function lineBreaks(text) {
    return [...text.matchAll(/\r?\n/g)].map((match) => match.index);
}

describe('maskSource', () => {
    for (const [name, source] of Object.entries(SNIPPETS)) {
        test(`${name} keeps length`, () => {
            const { text } = maskSource(source);

            assert.equal(text.length, source.length);
        });

        test(`${name} keeps line breaks`, () => {
            const { text } = maskSource(source);

            assert.deepEqual(lineBreaks(text), lineBreaks(source));
        });
    }

    test('CRLF line breaks kept', () => {
        const source = SNIPPETS.conditionalEntries.replace(/\n/g, '\r\n');

        const { text } = maskSource(source);

        assert.equal(text.length, source.length);
        assert.deepEqual(lineBreaks(text), lineBreaks(source));
    });

    test('thread macros blanked', () => {
        const { text, regions } = maskSource(SNIPPETS.threads);

        assert.ok(!text.includes('Py_BEGIN_ALLOW_THREADS'), 'Py_BEGIN_ALLOW_THREADS is blanked');
        assert.ok(!text.includes('Py_END_ALLOW_THREADS'), 'Py_END_ALLOW_THREADS is blanked');
        assert.deepEqual(
            regions.map((region) => [region.kind, region.name]),
            [
                ['blank', 'Py_BEGIN_ALLOW_THREADS'],
                ['blank', 'Py_END_ALLOW_THREADS'],
            ],
        );
        assert.ok(text.includes('status = system("true");'), 'the statement between them is kept');
    });

    test('PyObject_HEAD blanked', () => {
        const { text, regions } = maskSource(SNIPPETS.objectHead);

        assert.ok(!text.includes('PyObject_HEAD'));
        assert.deepEqual(regions.map((region) => region.name), ['PyObject_HEAD']);
        assert.ok(text.includes('int value;'), 'the member after it is kept');
    });

    test('head init gets a comma', () => {
        const source = SNIPPETS.headInit;
        const { text, regions } = maskSource(source);
        const start = source.indexOf('PyVarObject_HEAD_INIT');
        const end = source.indexOf(')', start) + 1;

        assert.equal(regions.length, 1);
        assert.equal(regions[0].kind, 'head-init');
        assert.equal(regions[0].start, start);
        assert.equal(regions[0].end, end);
        assert.equal(regions[0].argumentsText, 'NULL, 0');
        assert.match(text.slice(start, end), /^0 *,$/);
    });

    test('head init followed by comma gets none', () => {
        const source = 'static PyTypeObject SpamType = {\n    PyVarObject_HEAD_INIT(NULL, 0),\n    "spam.Spam",\n};\n';
        const { text } = maskSource(source);
        const start = source.indexOf('PyVarObject_HEAD_INIT');
        const end = source.indexOf(')', start) + 1;

        assert.match(text.slice(start, end), /^0 *$/);
        assert.equal(text[end], ',', 'the written comma stays');
    });

    test('clinic entries become placeholders', () => {
        const source = SNIPPETS.clinicEntries;
        const { text, regions } = maskSource(source);

        assert.deepEqual(
            regions.map((region) => [region.kind, region.name]),
            [
                ['entry-macro', 'SPAM_SYSTEM_METHODDEF'],
                ['entry-macro', 'SPAM_GETPID_METHODDEF'],
            ],
        );
        for (const region of regions) {
            assert.match(text.slice(region.start, region.end), /^0 *,$/, `${region.name} becomes "0,"`);
        }
    });

    test('known entry macro masked', () => {
        const source = 'static PyMethodDef spam_methods[] = {\n    SPAM_ENTRY(system)\n    {NULL}\n};\n';

        const { regions } = maskSource(source, { entryMacros: new Set(['SPAM_ENTRY']) });

        assert.equal(regions.length, 1);
        assert.equal(regions[0].kind, 'entry-macro');
        assert.equal(regions[0].argumentsText, 'system');
    });

    test('directives in initializer recorded', () => {
        const { directives } = maskSource(SNIPPETS.conditionalEntries);

        assert.deepEqual(
            directives.map((directive) => [directive.kind, directive.text]),
            [
                ['if', '#ifdef HAVE_FORK'],
                ['else', '#else'],
                ['endif', '#endif'],
            ],
        );
    });

    test('directives in initializer blanked', () => {
        const source = SNIPPETS.conditionalEntries;
        const { text, directives } = maskSource(source);

        for (const directive of directives) {
            assert.match(text.slice(directive.start, directive.end), /^ *$/, `${directive.text} is blanked`);
        }
        assert.ok(text.includes('{"fork", spam_fork, METH_NOARGS, NULL},'), 'the #ifdef branch is kept');
        assert.ok(text.includes('{"spawn", spam_spawn, METH_VARARGS, NULL},'), 'the #else branch is kept');
    });

    test('directives outside initializer kept', () => {
        const source = '#ifdef HAVE_FORK\nstatic int spam_forks = 1;\n#endif\n';

        const { text, directives } = maskSource(source);

        assert.equal(text, source);
        assert.deepEqual(directives, []);
    });

    test('Py_UNUSED keeps the name in place', () => {
        const source = SNIPPETS.unusedParameter;
        const { text, regions } = maskSource(source);
        const nameOffset = source.indexOf('ignored');

        assert.equal(regions.length, 1);
        assert.equal(regions[0].kind, 'unused-parameter');
        assert.equal(regions[0].argumentsText, 'ignored');
        assert.equal(text.slice(nameOffset, nameOffset + 'ignored'.length), 'ignored');
        assert.ok(!text.includes('Py_UNUSED'));
    });

    test('macro names in strings untouched', () => {
        const source = 'static const char *names = "Py_BEGIN_ALLOW_THREADS PyObject_HEAD";\n';

        const { text, regions } = maskSource(source);

        assert.equal(text, source);
        assert.deepEqual(regions, []);
    });

    test('macro names in comments untouched', () => {
        const source = '/* Py_BEGIN_ALLOW_THREADS */\n// PyObject_HEAD\nint spam;\n';

        const { text } = maskSource(source);

        assert.equal(text, source);
    });
});

describe('masked parse', () => {
    let linter;
    let rawParser;

    before(async () => {
        linter = await createMemoryLinter();
        rawParser = await createCParser();
    });

    after(() => {
        linter.dispose();
        rawParser.delete();
    });

    // Py_UNUSED(ignored) is valid C syntax without masking (a parameter declared as a
    // function), so it is checked by what the linter reads from it, below.
    const breaksRawParse = ['threads', 'objectHead', 'headInit', 'clinicEntries', 'conditionalEntries'];

    for (const name of breaksRawParse) {
        test(`${name} parses without errors`, () => {
            const { document } = linter.lint(SNIPPETS[name]);

            assert.equal(document.tree.rootNode.hasError, false, document.tree.rootNode.toString());
        });

        test(`${name} raw text has errors`, () => {
            const tree = rawParser.parse(SNIPPETS[name]);

            try {
                assert.equal(tree.rootNode.hasError, true);
            } finally {
                tree.delete();
            }
        });
    }

    test('unusedParameter parses without errors', () => {
        const { document } = linter.lint(SNIPPETS.unusedParameter);

        assert.equal(document.tree.rootNode.hasError, false);
    });

    test('Py_UNUSED parameter read as PyObject pointer', () => {
        const source = `${SNIPPETS.unusedParameter}
static PyMethodDef spam_methods[] = {
    {"getpid", spam_getpid, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
`;

        const { findings } = linter.lint(source);

        assert.deepEqual(findings, []);
    });

    test('raw Py_UNUSED parses as function declarator', () => {
        const tree = rawParser.parse(SNIPPETS.unusedParameter);

        try {
            const list = tree.rootNode.descendantsOfType('parameter_list')[0];
            const parameters = list.namedChildren.filter((child) => child.type === 'parameter_declaration');
            assert.equal(parameters.length, 2);
            assert.equal(parameters[1].descendantsOfType('function_declarator').length, 1);
        } finally {
            tree.delete();
        }
    });
});
