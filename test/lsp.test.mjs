// Drives the language server over JSON-RPC on stdio, as an editor would.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { applyWorkspaceEdit, diffAsContentChange, uriKey } from './helpers/edits.mjs';
import { DiagnosticSeverity, LspClient } from './helpers/lsp.mjs';
import { casesDir, cliPath, repoRoot } from './helpers/paths.mjs';

function openCase(name) {
    const filePath = path.join(casesDir, name);
    return { uri: pathToFileURL(filePath).href, text: readFileSync(filePath, 'utf8') };
}

/** Returns the 0-based index of the first line of TEXT that contains NEEDLE. */
function lineIndexOf(text, needle) {
    const index = text.split('\n').findIndex((line) => line.includes(needle));
    assert.notEqual(index, -1, `test input contains ${JSON.stringify(needle)}`);
    return index;
}

const covers = (range, line) => range.start.line <= line && line <= range.end.line;

const isErrorOrWarning = (diagnostic) =>
    diagnostic.severity === DiagnosticSeverity.Error || diagnostic.severity === DiagnosticSeverity.Warning;

function describe(diagnostics) {
    return JSON.stringify(
        diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line, message: d.message })),
        null,
        1,
    );
}

async function withServer(options, body) {
    const client = await LspClient.start(options);
    try {
        await body(client);

        const exit = await client.shutdown();
        assert.deepEqual(exit, { code: 0, signal: null }, 'exit after shutdown and exit');
        assert.deepEqual(client.protocolErrors.map(String), [], 'stdout carries only LSP messages');
    } finally {
        client.kill();
    }
}

// Cases whose finding the add-parameters quick fix resolves. The fixed
// pattern must occur once per declaration the fix has to change.
const QUICK_FIX_CASES = [
    {
        caseName: 'noargs_self_only.c',
        entry: '{"flush", (PyCFunction)encoder_flush, METH_NOARGS}',
        definition: 'encoder_flush(EncoderObject *encoder)',
        fixed: /encoder_flush\(EncoderObject \*encoder,\s*PyObject \*Py_UNUSED\(ignored\)\)/g,
        declarations: 1,
    },
    {
        caseName: 'prototype_then_definition.c',
        entry: '{"close", (PyCFunction)env_close, METH_NOARGS}',
        definition: 'env_close(PyObject *self)',
        fixed: /env_close\(PyObject \*self,\s*PyObject \*Py_UNUSED\(ignored\)\)/g,
        declarations: 2,
    },
];

for (const example of QUICK_FIX_CASES) {
    test(`quick fix clears ${example.caseName}`, async () => {
        await withServer({}, async (client) => {
            const { uri, text } = openCase(example.caseName);
            const lines = text.split('\n');
            const entryLine = lineIndexOf(text, example.entry);
            const definitionLine = lines.indexOf(example.definition);
            assert.notEqual(definitionLine, -1, 'test input has the definition on a line of its own');

            const diagnostics = await client.openDocument(uri, text);
            const finding = diagnostics.find((d) => d.code === 'method-signature' && covers(d.range, entryLine));
            assert.ok(finding, `method-signature on line ${entryLine + 1}; got ${describe(diagnostics)}`);
            assert.equal(finding.severity, DiagnosticSeverity.Error, 'severity');
            assert.deepEqual(diagnostics.filter(isErrorOrWarning), [finding], 'only one error or warning');

            // The definition starts with `static PyObject *` on the line above
            // the declarator, so either line counts as the definition.
            const related = finding.relatedInformation ?? [];
            const pointsAtDefinition = (range) =>
                covers(range, definitionLine) || range.start.line === definitionLine - 1;
            const atDefinition = related.find(
                (info) => uriKey(info.location.uri) === uriKey(uri) && pointsAtDefinition(info.location.range),
            );
            assert.ok(atDefinition, `relatedInformation points at line ${definitionLine + 1}; got ${JSON.stringify(related)}`);

            const actions = await client.codeActions(uri, finding.range, [finding]);
            assert.ok(Array.isArray(actions), 'codeAction returns a list');
            const fix = actions.find((action) => action.kind === 'quickfix' && action.isPreferred === true);
            assert.ok(fix, `a preferred quickfix; got ${JSON.stringify(actions)}`);
            assert.ok(fix.edit, 'the quick fix carries a WorkspaceEdit');

            const fixedText = applyWorkspaceEdit(new Map([[uri, text]]), fix.edit).get(uri);
            const fixedDeclarations = fixedText.match(example.fixed) ?? [];
            assert.equal(fixedDeclarations.length, example.declarations, `declarations fixed:\n${fixedText}`);

            const change = diffAsContentChange(text, fixedText);
            const afterFix = await client.changeDocument(uri, [change]);
            assert.equal(client.textOf(uri), fixedText, 'the change reproduces the fixed text');
            assert.deepEqual(afterFix.filter(isErrorOrWarning), [], `no errors or warnings after the fix; got ${describe(afterFix)}`);
        });
    });
}

test('incremental edits add a new mismatch', async () => {
    await withServer({}, async (client) => {
        const { uri, text } = openCase('clean_module.c');

        const initial = await client.openDocument(uri, text);
        assert.deepEqual(initial.filter(isErrorOrWarning), [], `clean case is clean; got ${describe(initial)}`);

        // Insert a line at the top first, so that every later line moves
        // down and a server that ignores the range reports the wrong line.
        const inserted = await client.changeDocument(uri, [
            { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '/* edited */\n' },
        ]);
        assert.deepEqual(inserted.filter(isErrorOrWarning), [], `insertion keeps it clean; got ${describe(inserted)}`);

        // Queue_size takes (self, ignored), but METH_VARARGS | METH_KEYWORDS
        // calls it with three arguments.
        const current = client.textOf(uri);
        const entryLine = lineIndexOf(current, '{"size", Queue_size, METH_NOARGS, NULL}');
        const flagStart = current.split('\n')[entryLine].indexOf('METH_NOARGS');
        const changed = await client.changeDocument(uri, [
            {
                range: {
                    start: { line: entryLine, character: flagStart },
                    end: { line: entryLine, character: flagStart + 'METH_NOARGS'.length },
                },
                text: 'METH_VARARGS | METH_KEYWORDS',
            },
        ]);

        const finding = changed.find((d) => d.code === 'method-signature' && covers(d.range, entryLine));
        assert.ok(finding, `method-signature on line ${entryLine + 1}; got ${describe(changed)}`);
        assert.equal(finding.severity, DiagnosticSeverity.Error, 'severity');
    });
});

test('one didChange applies changes in order', async () => {
    await withServer({}, async (client) => {
        const { uri, text } = openCase('clean_module.c');
        await client.openDocument(uri, text);

        // The second change's range refers to the text after the first, so
        // a server that applies both to the original text edits the line
        // below the size entry instead.
        const entryLine = lineIndexOf(text, '{"size", Queue_size, METH_NOARGS, NULL}');
        const flagStart = text.split('\n')[entryLine].indexOf('METH_NOARGS');
        const insertLine = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' };
        const replaceFlag = {
            range: {
                start: { line: entryLine + 1, character: flagStart },
                end: { line: entryLine + 1, character: flagStart + 'METH_NOARGS'.length },
            },
            text: 'METH_VARARGS | METH_KEYWORDS',
        };
        const changed = await client.changeDocument(uri, [insertLine, replaceFlag]);

        const finding = changed.find((d) => d.code === 'method-signature' && covers(d.range, entryLine + 1));
        assert.ok(finding, `method-signature on line ${entryLine + 2}; got ${describe(changed)}`);
        assert.ok(client.textOf(uri).includes('{"size", Queue_size, METH_VARARGS | METH_KEYWORDS, NULL}'), 'test edit landed');
    });
});

test('ranges count UTF-16 code units', async () => {
    await withServer({}, async (client) => {
        const { uri, text } = openCase('noargs_self_only.c');
        const entry = '{"flush", (PyCFunction)encoder_flush, METH_NOARGS}';
        const entryLine = lineIndexOf(text, entry);

        // The emoji takes two UTF-16 code units and four UTF-8 bytes, and
        // the umlaut one unit and two bytes, so only UTF-16 columns shift
        // by the prefix's JavaScript string length.
        const prefix = '/* \u{1F600}\u00FC */ ';
        const shiftedUri = uri.replace(/\.c$/, '_utf16.c');
        const shiftedText = text.replace(entry, prefix + entry);

        const plain = await client.openDocument(uri, text);
        const shifted = await client.openDocument(shiftedUri, shiftedText);

        const plainFinding = plain.find((d) => d.code === 'method-signature' && covers(d.range, entryLine));
        const shiftedFinding = shifted.find((d) => d.code === 'method-signature' && covers(d.range, entryLine));
        assert.ok(plainFinding, `method-signature on line ${entryLine + 1}; got ${describe(plain)}`);
        assert.ok(shiftedFinding, `method-signature on line ${entryLine + 1} after the prefix; got ${describe(shifted)}`);
        assert.equal(shiftedFinding.range.start.character, plainFinding.range.start.character + prefix.length, 'start character');
        assert.equal(shiftedFinding.range.end.character, plainFinding.range.end.character + prefix.length, 'end character');
    });
});

test('bare --stdio starts the server', async () => {
    await withServer({ command: [process.execPath, cliPath, '--stdio'] }, async (client) => {
        const { uri, text } = openCase('init_with_spec.c');

        const diagnostics = await client.openDocument(uri, text);

        assert.ok(diagnostics.some((d) => d.code === 'init-signature'), `init-signature reported; got ${describe(diagnostics)}`);
    });
});

test('unknown request gets an error response', async () => {
    await withServer({}, async (client) => {
        await assert.rejects(
            client.request('pyfpcast/noSuchMethod', { value: 1 }),
            (error) => error.code === -32601,
            'MethodNotFound error response',
        );
        await client.notify('pyfpcast/noSuchNotification', {});

        const { uri, text } = openCase('init_with_spec.c');
        const diagnostics = await client.openDocument(uri, text);
        assert.ok(
            diagnostics.some((d) => d.code === 'init-signature'),
            `server still publishes diagnostics; got ${describe(diagnostics)}`,
        );
    });
});

test('relatedInformation needs client support', async () => {
    await withServer({ relatedInformation: false }, async (client) => {
        const { uri, text } = openCase('noargs_self_only.c');

        const diagnostics = await client.openDocument(uri, text);
        const finding = diagnostics.find((d) => d.code === 'method-signature');
        assert.ok(finding, `method-signature reported; got ${describe(diagnostics)}`);
        assert.deepEqual(finding.relatedInformation ?? [], [], 'no relatedInformation');
    });
});

test('strict setting change raises hints', async () => {
    const settings = (strict) => ({ pyfpcast: { target: 'wasm32', strict } });

    await withServer({ settings: settings(false) }, async (client) => {
        const filePath = path.join(repoRoot, 'test', 'fixtures', 'meth_o_subtype_arg.c');
        const uri = pathToFileURL(filePath).href;
        const text = readFileSync(filePath, 'utf8');
        const entryLine = lineIndexOf(text, '{"take", (PyCFunction)probe_take, METH_O, NULL}');

        const before = await client.openDocument(uri, text);
        const hint = before.find((d) => d.code === 'method-signature' && covers(d.range, entryLine));
        assert.ok(hint, `method-signature on line ${entryLine + 1}; got ${describe(before)}`);
        assert.equal(hint.severity, DiagnosticSeverity.Hint, 'severity with strict off');

        const since = client.publishCount(uri);
        client.setSettings(settings(true));
        await client.notify('workspace/didChangeConfiguration', { settings: null });
        const after = await client.waitForDiagnostics(uri, { since });

        const warning = after.find((d) => d.code === 'method-signature' && covers(d.range, entryLine));
        assert.ok(warning, `method-signature on line ${entryLine + 1} after the change; got ${describe(after)}`);
        assert.equal(warning.severity, DiagnosticSeverity.Warning, 'severity with strict on');
    });
});

test('server reads settings and logs', async () => {
    await withServer({}, async (client) => {
        const { uri, text } = openCase('noargs_self_only.c');
        await client.openDocument(uri, text);

        const sections = await client.waitUntil(() => {
            const requested = client.configurationRequests.flatMap((request) => request.items.map((item) => item.section));
            return requested.length > 0 ? requested : undefined;
        }, 'a workspace/configuration request');
        assert.ok(
            sections.some((section) => section === 'pyfpcast' || section?.startsWith('pyfpcast.')),
            `configuration requested for the pyfpcast section; got ${JSON.stringify(sections)}`,
        );

        const logs = await client.waitUntil(
            () => (client.logMessages.length > 0 ? client.logMessages : undefined),
            'a window/logMessage notification',
        );
        assert.ok(logs.every((log) => typeof log.message === 'string' && Number.isInteger(log.type)), 'log message shape');
    });
});

test('header edit rechecks its includer', async () => {
    await withServer({}, async (client) => {
        // Neither file is read from disk: the server must take both from the editor.
        const folder = path.join(repoRoot, 'test', 'fixtures', 'unsaved-header');
        const headerUri = pathToFileURL(path.join(folder, 'ops.h')).href;
        const sourceUri = pathToFileURL(path.join(folder, 'ops.c')).href;
        const header = '#include <Python.h>\nPyObject *ops_bounds(PyObject *self, PyObject *unused);\n';
        const source =
            '#include "ops.h"\n' +
            'static PyMethodDef ops_methods[] = {\n' +
            '    {"bounds", (PyCFunction)ops_bounds, METH_NOARGS, NULL},\n' +
            '    {NULL}\n' +
            '};\n';

        await client.openDocument(headerUri, header);
        const initial = await client.openDocument(sourceUri, source);
        assert.deepEqual(initial.filter(isErrorOrWarning), [], `matching prototype is clean; got ${describe(initial)}`);

        // Dropping the second parameter in the header must show up in the source file.
        const since = client.publishCount(sourceUri);
        const parameterStart = header.indexOf(', PyObject *unused');
        await client.changeDocument(headerUri, [
            {
                range: {
                    start: { line: 1, character: parameterStart - header.indexOf('\n') - 1 },
                    end: { line: 1, character: parameterStart - header.indexOf('\n') - 1 + ', PyObject *unused'.length },
                },
                text: '',
            },
        ]);
        const rechecked = await client.waitForDiagnostics(sourceUri, { since });
        const finding = rechecked.find((d) => d.code === 'method-signature' && covers(d.range, 2));
        assert.ok(finding, `method-signature on line 3 after the header edit; got ${describe(rechecked)}`);
    });
});

test('altered fix data gives no actions', async () => {
    await withServer({}, async (client) => {
        const { uri, text } = openCase('noargs_self_only.c');
        const diagnostics = await client.openDocument(uri, text);
        const finding = diagnostics.find((d) => d.code === 'method-signature');
        assert.ok(finding, `method-signature published; got ${describe(diagnostics)}`);

        // Clients echo diagnostics back with their data; a damaged copy must not become actions.
        for (const data of [{ fixes: 'not a list' }, { fixes: [null, 3, { title: 1 }] }, null]) {
            const actions = await client.codeActions(uri, finding.range, [{ ...finding, data }]);
            assert.deepEqual(actions, [], `no actions for data ${JSON.stringify(data)}`);
        }
        const intact = await client.codeActions(uri, finding.range, [finding]);
        assert.equal(intact.length, 1, 'the intact diagnostic still gets its fix');
    });
});

test('quick fix after an unpublished edit', async () => {
    await withServer({}, async (client) => {
        const { uri, text } = openCase('noargs_self_only.c');
        const diagnostics = await client.openDocument(uri, text);
        const finding = diagnostics.find((d) => d.code === 'method-signature');
        assert.ok(finding, `method-signature published; got ${describe(diagnostics)}`);

        // The user adds a comment line at the top and requests the fix before new
        // diagnostics arrive, so the request still carries the old diagnostic.
        const edited = `/* edited */\n${text}`;
        await client.notify('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '/* edited */\n' }],
        });
        const shifted = { start: { line: finding.range.start.line + 1, character: 0 }, end: { line: finding.range.end.line + 1, character: 0 } };
        const actions = await client.codeActions(uri, shifted, [finding]);
        assert.equal(actions.length, 1, `one action; got ${JSON.stringify(actions)}`);

        const fixedText = applyWorkspaceEdit(new Map([[uri, edited]]), actions[0].edit).get(uri);
        assert.match(fixedText, /encoder_flush\(EncoderObject \*encoder, PyObject \*Py_UNUSED\(ignored\)\)/, `fixed text:\n${fixedText}`);
    });
});

test('invalid settings are logged', async () => {
    await withServer({ settings: { pyfpcast: { target: 'wasm65', strict: 'yes' } } }, async (client) => {
        const { uri, text } = openCase('int_hash_and_length.c');
        const diagnostics = await client.openDocument(uri, text);

        // The defaults apply: int tp_hash is a warning on wasm32, not an error as on wasm64.
        const hash = diagnostics.find((d) => d.code === 'type-slot-signature' && d.severity === DiagnosticSeverity.Warning);
        assert.ok(hash, `the tp_hash warning under the default target; got ${describe(diagnostics)}`);

        const warnings = await client.waitUntil(() => {
            const found = client.logMessages.filter((log) => /invalid setting pyfpcast\.(target|strict)/.test(log.message));
            return found.length >= 2 ? found : undefined;
        }, 'warnings about both invalid settings');
        assert.ok(warnings.some((log) => log.message.includes('"wasm65"')), 'the target value is named');
        assert.ok(warnings.some((log) => log.message.includes('"yes"')), 'the strict value is named');
    });
});

test('header changed on disk rechecks', async () => {
    await withServer({}, async (client) => {
        const folder = mkdtempSync(path.join(tmpdir(), 'pyfpcast-watch-'));
        const headerPath = path.join(folder, 'ops.h');
        writeFileSync(headerPath, '#include <Python.h>\nPyObject *ops_size(PyObject *self, PyObject *unused);\n');
        const sourceUri = pathToFileURL(path.join(folder, 'ops.c')).href;
        const source = '#include "ops.h"\nstatic PyMethodDef ops_methods[] = {\n    {"size", ops_size, METH_NOARGS, NULL},\n    {NULL}\n};\n';

        const initial = await client.openDocument(sourceUri, source);
        assert.deepEqual(initial.filter(isErrorOrWarning), [], `the header on disk matches; got ${describe(initial)}`);
        const watcher = await client.waitUntil(
            () => client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles'),
            'a file watcher registration',
        );
        assert.ok(watcher.registerOptions.watchers.length > 0, 'the watcher has patterns');

        // A checkout changes the header on disk; the editor reports it through the watcher.
        writeFileSync(headerPath, '#include <Python.h>\nPyObject *ops_size(PyObject *self);\n');
        const since = client.publishCount(sourceUri);
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(headerPath).href, type: 2 }] });
        const rechecked = await client.waitForDiagnostics(sourceUri, { since });
        assert.ok(rechecked.some((d) => d.code === 'method-signature'), `method-signature after the change; got ${describe(rechecked)}`);
    });
});
