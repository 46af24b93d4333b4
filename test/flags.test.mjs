// Folding of ml_flags expressions and the METH_* combinations CPython accepts.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

const require = createRequire(import.meta.url);
const { foldFlags } = require('../server/out/analysis/flags.js');
const { scanDirectives } = require('../server/out/analysis/macros.js');
const { findFlagsProblem, spellFlags, METHOD_FLAGS } = require('../server/out/capi/methodFlags.js');

const { METH_VARARGS, METH_KEYWORDS, METH_NOARGS, METH_O, METH_CLASS, METH_STATIC, METH_COEXIST, METH_FASTCALL, METH_METHOD } =
    METHOD_FLAGS;

/** Reads the `#define` lines of `text` into the map foldFlags takes. */
function macrosOf(text) {
    return new Map(scanDirectives(text, '/project/flags.h').macros.map((macro) => [macro.name, macro]));
}

const NO_MACROS = new Map();

describe('foldFlags', () => {
    const valid = [
        { text: 'METH_VARARGS | METH_KEYWORDS', value: 0x0003 },
        { text: 'METH_NOARGS', value: 0x0004 },
        { text: 'METH_FASTCALL|METH_KEYWORDS', value: 0x0082 },
        { text: 'METH_O | METH_CLASS | METH_COEXIST', value: 0x0058 },
        { text: '0x0003', value: 3 },
        { text: '0X80', value: 0x80 },
        { text: '3', value: 3 },
        { text: '0', value: 0 },
        { text: '010', value: 8 },
        { text: '4u', value: 4 },
        { text: '(METH_VARARGS | METH_KEYWORDS)', value: 0x0003 },
        { text: '((METH_FASTCALL) | (METH_KEYWORDS))', value: 0x0082 },
        { text: '(int)METH_NOARGS', value: 0x0004 },
        { text: 'METH_VARARGS /* positional */ | METH_KEYWORDS', value: 0x0003 },
        { text: 'METH_STACKLESS | METH_NOARGS', value: 0x0004 },
    ];

    for (const { text, value } of valid) {
        test(`folds ${text}`, () => {
            assert.equal(foldFlags(text, NO_MACROS), value);
        });
    }

    test('folds object-like macro', () => {
        const macros = macrosOf('#define SPAM_FLAGS METH_VARARGS | METH_KEYWORDS\n');

        assert.equal(foldFlags('SPAM_FLAGS', macros), 0x0003);
    });

    test('folds macro of macros', () => {
        const macros = macrosOf('#define SPAM_CALL METH_FASTCALL\n#define SPAM_FLAGS (SPAM_CALL | METH_KEYWORDS)\n');

        assert.equal(foldFlags('SPAM_FLAGS | METH_CLASS', macros), 0x0092);
    });

    test('folds macro with continuation', () => {
        const macros = macrosOf('#define SPAM_FLAGS METH_VARARGS \\\n    | METH_KEYWORDS\n');

        assert.equal(foldFlags('SPAM_FLAGS', macros), 0x0003);
    });

    test('self-referencing macro is undefined', () => {
        const macros = macrosOf('#define SPAM_FLAGS SPAM_FLAGS\n');

        assert.equal(foldFlags('SPAM_FLAGS', macros), undefined);
    });

    test('function-like macro is undefined', () => {
        const macros = macrosOf('#define SPAM_FLAGS(x) METH_NOARGS\n');

        assert.equal(foldFlags('SPAM_FLAGS', macros), undefined);
    });

    const unknown = ['SPAM_FLAGS', 'METH_VARARGS | SPAM_EXTRA', 'METH_VARARGS + METH_KEYWORDS', 'METH_VARARGS & METH_KEYWORDS', '', 'flags()'];

    for (const text of unknown) {
        test(`unknown ${JSON.stringify(text)} is undefined`, () => {
            assert.equal(foldFlags(text, NO_MACROS), undefined);
        });
    }
});

describe('findFlagsProblem', () => {
    const valid = [
        { name: 'METH_VARARGS', flags: METH_VARARGS },
        { name: 'METH_VARARGS | METH_KEYWORDS', flags: METH_VARARGS | METH_KEYWORDS },
        { name: 'METH_NOARGS', flags: METH_NOARGS },
        { name: 'METH_O', flags: METH_O },
        { name: 'METH_FASTCALL', flags: METH_FASTCALL },
        { name: 'METH_FASTCALL | METH_KEYWORDS', flags: METH_FASTCALL | METH_KEYWORDS },
        { name: 'METH_METHOD | METH_FASTCALL | METH_KEYWORDS', flags: METH_METHOD | METH_FASTCALL | METH_KEYWORDS },
        { name: 'METH_NOARGS | METH_CLASS', flags: METH_NOARGS | METH_CLASS },
        { name: 'METH_O | METH_STATIC', flags: METH_O | METH_STATIC },
        { name: 'METH_VARARGS | METH_COEXIST', flags: METH_VARARGS | METH_COEXIST },
    ];

    for (const { name, flags } of valid) {
        test(`${name} is valid`, () => {
            assert.equal(findFlagsProblem(flags), undefined);
        });
    }

    const invalid = [
        { name: 'METH_NOARGS | METH_KEYWORDS', flags: METH_NOARGS | METH_KEYWORDS, problem: 'bad-call-flags' },
        { name: 'METH_O | METH_KEYWORDS', flags: METH_O | METH_KEYWORDS, problem: 'bad-call-flags' },
        { name: 'METH_KEYWORDS alone', flags: METH_KEYWORDS, problem: 'bad-call-flags' },
        { name: '0', flags: 0, problem: 'bad-call-flags' },
        { name: 'METH_CLASS alone', flags: METH_CLASS, problem: 'bad-call-flags' },
        { name: 'METH_VARARGS | METH_NOARGS', flags: METH_VARARGS | METH_NOARGS, problem: 'bad-call-flags' },
        { name: 'METH_CLASS | METH_STATIC', flags: METH_VARARGS | METH_CLASS | METH_STATIC, problem: 'class-and-static' },
        { name: 'METH_METHOD | METH_VARARGS', flags: METH_METHOD | METH_VARARGS, problem: 'method-without-fastcall-keywords' },
        { name: 'METH_METHOD | METH_FASTCALL', flags: METH_METHOD | METH_FASTCALL, problem: 'method-without-fastcall-keywords' },
    ];

    for (const { name, flags, problem } of invalid) {
        test(`${name} is ${problem}`, () => {
            assert.equal(findFlagsProblem(flags), problem);
        });
    }
});

describe('spellFlags', () => {
    test('spells combined flags', () => {
        assert.equal(spellFlags(METH_FASTCALL | METH_KEYWORDS), 'METH_KEYWORDS | METH_FASTCALL');
    });

    test('spells zero', () => {
        assert.equal(spellFlags(0), '0');
    });

    test('spells unknown bits in hex', () => {
        assert.equal(spellFlags(METH_NOARGS | 0x1000), 'METH_NOARGS | 0x1000');
    });
});
