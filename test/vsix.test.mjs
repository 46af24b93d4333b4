// Packages the VS Code extension, checks the .vsix contents, and runs the
// bundled server from the extracted package as the CLI and as a language
// server over stdio and Node IPC.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import rpc from 'vscode-jsonrpc/node.js';

import { LspClient } from './helpers/lsp.mjs';

const { createMessageConnection, IPCMessageReader, IPCMessageWriter } = rpc;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'client', 'package.json'), 'utf8'));
const vsixPath = join(root, 'client', `${manifest.name}-${manifest.version}.vsix`);

// The limits only stop a hung run. Packaging and a server session each take
// seconds, and the tests assert nothing about timing.
const PACKAGE_TIMEOUT_MS = 10 * 60 * 1000;
const SERVER_TIMEOUT_MS = 2 * 60 * 1000;

const REQUIRED_ENTRIES = [
    'extension/package.json',
    'extension/readme.md',
    'extension/LICENSE.txt',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    'extension/dist/worker.js',
    'extension/dist/grammars/tree-sitter-c.wasm',
    'extension/dist/grammars/tree-sitter-c.json',
    'extension/dist/tree-sitter.wasm',
    'extension/dist/docs/rules/method-signature.md',
];

// A METH_NOARGS function without the second parameter that CPython passes.
const MISMATCHED_METHOD_SOURCE = `#include <Python.h>

static PyObject *
spam_ping(PyObject *self)
{
    Py_RETURN_NONE;
}

static PyMethodDef spam_methods[] = {
    {"ping", (PyCFunction)spam_ping, METH_NOARGS, "Return None."},
    {NULL, NULL, 0, NULL}
};
`;

/** Lists the member names of a zip archive with Python's zipfile module. */
function listZipEntries(zipPath) {
    const listing = execFileSync('python3', ['-m', 'zipfile', '-l', zipPath], { encoding: 'utf8' });

    // Each line after the header is "<name> <date> <time> <size>", and a name
    // in this package never contains spaces.
    return listing
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/)[0])
        .filter((name) => name !== undefined && name !== '');
}

/**
  * Starts `node <serverPath> <args>` with an IPC channel, as
  * vscode-languageclient's TransportKind.ipc does, and connects to it.
  */
function startIpcServer(serverPath, args, cwd) {
    const server = spawn(process.execPath, [serverPath, ...args], {
        cwd,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const output = { stderr: '' };
    server.stderr.on('data', (chunk) => {
        output.stderr += chunk;
    });
    const exited = once(server, 'exit').then(([code, signal]) => ({ code, signal }));

    const connection = createMessageConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    return { server, connection, output, exited };
}

/** Rejects with the server's stderr when the server exits before PROMISE settles. */
function unlessExited(promise, exited, output, description) {
    const early = exited.then(({ code, signal }) => {
        const status = `code ${code}, signal ${signal}`;
        throw new Error(`The server exited (${status}) before ${description}. stderr:\n${output.stderr}`);
    });
    return Promise.race([promise, early]);
}

describe('VS Code extension package', { timeout: PACKAGE_TIMEOUT_MS }, () => {
    let extractDir;
    let entries;

    before(() => {
        execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], {
            cwd: root,
            stdio: ['ignore', 'pipe', 'inherit'],
        });
        assert.ok(existsSync(vsixPath), `Expected the package at ${vsixPath}`);

        entries = listZipEntries(vsixPath);
        extractDir = mkdtempSync(join(tmpdir(), 'pyfpcast-vsix-'));
        execFileSync('python3', ['-m', 'zipfile', '-e', vsixPath, extractDir]);
    });

    after(() => {
        if (extractDir !== undefined) {
            rmSync(extractDir, { recursive: true, force: true });
        }
    });

    test('vsix contains bundles and wasm files', () => {
        const listing = entries.join('\n');
        for (const entry of REQUIRED_ENTRIES) {
            assert.ok(entries.includes(entry), `${entry} is missing from the package:\n${listing}`);
        }
    });

    test('vsix leaves out sources and node_modules', () => {
        // vsce's own files, such as extension.vsixmanifest, sit outside
        // extension/. vsce renames LICENSE to LICENSE.txt and README.md to readme.md.
        const allowedFiles = ['extension/package.json', 'extension/readme.md', 'extension/LICENSE.txt'];
        const unexpected = entries
            .filter((entry) => entry.startsWith('extension/'))
            .filter((entry) => !entry.startsWith('extension/dist/') && !allowedFiles.includes(entry));
        assert.deepEqual(unexpected, []);
    });

    test('bundled CLI reports a mismatch', () => {
        const sourcePath = join(extractDir, 'spam.c');
        writeFileSync(sourcePath, MISMATCHED_METHOD_SOURCE);

        const serverPath = join(extractDir, 'extension', 'dist', 'server.js');
        const result = spawnSync(process.execPath, [serverPath, 'lint', sourcePath], {
            cwd: extractDir,
            encoding: 'utf8',
        });

        assert.equal(result.status, 1, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
        assert.match(result.stdout, /\[method-signature\]/);
    });

    test('bundled CLI lints in worker threads', { timeout: SERVER_TIMEOUT_MS }, () => {
        // Two files over 512 KiB in all make the CLI share the work with a worker thread.
        const filler = Array.from({ length: 12_000 }, (_, index) => `static int filler_${index}(int value) { return value + ${index}; }`).join('\n');
        const folder = join(extractDir, 'large');
        mkdirSync(folder, { recursive: true });
        // This thread takes the larger file first, so the mismatch in the smaller one is the worker's.
        writeFileSync(join(folder, 'a.c'), `${filler}\n${filler}\n`);
        writeFileSync(join(folder, 'b.c'), `${MISMATCHED_METHOD_SOURCE}\n${filler}\n`);

        const serverPath = join(extractDir, 'extension', 'dist', 'server.js');
        const result = spawnSync(process.execPath, [serverPath, 'lint', '--jobs', '2', '--format', 'json', folder], {
            cwd: extractDir,
            encoding: 'utf8',
            env: { ...process.env, PYFPCAST_LOG_LEVEL: 'debug' },
        });

        assert.equal(result.status, 1, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
        assert.match(result.stderr, /in this thread and 1 worker thread/);
        const report = JSON.parse(result.stdout);
        assert.equal(report.summary.files, 2);
        assert.deepEqual(report.diagnostics.map((diagnostic) => diagnostic.rule), ['method-signature']);
    });

    test('bundled server runs over stdio', { timeout: SERVER_TIMEOUT_MS }, async () => {
        const serverPath = join(extractDir, 'extension', 'dist', 'server.js');
        const client = await LspClient.start({
            command: [process.execPath, serverPath, '--stdio'],
            rootPath: extractDir,
        });

        try {
            const { capabilities } = client.initializeResult;
            assert.ok(capabilities.textDocumentSync !== undefined, 'textDocumentSync is missing');
            assert.ok(capabilities.codeActionProvider !== undefined, 'codeActionProvider is missing');

            // Diagnostics for this source need the bundled tree-sitter.wasm and C
            // grammar, and the rules compiled into server.js.
            const uri = pathToFileURL(join(extractDir, 'spam.c')).href;
            const diagnostics = await client.openDocument(uri, MISMATCHED_METHOD_SOURCE);
            assert.deepEqual(
                diagnostics.map((diagnostic) => diagnostic.code),
                ['method-signature'],
            );
            // The rule code links to the page packaged beside the server.
            const docsUrl = pathToFileURL(join(extractDir, 'extension', 'dist', 'docs', 'rules', 'method-signature.md')).href;
            assert.equal(diagnostics[0].codeDescription?.href, docsUrl);

            const exit = await client.shutdown();
            assert.deepEqual(exit, { code: 0, signal: null });
        } finally {
            client.kill();
        }
    });

    // vscode-languageclient 9 starts a server module with TransportKind.ipc by
    // forking it with these arguments, which is how the extension starts it.
    test('bundled server runs over node ipc', { timeout: SERVER_TIMEOUT_MS }, async () => {
        const serverPath = join(extractDir, 'extension', 'dist', 'server.js');
        const args = ['--node-ipc', `--clientProcessId=${process.pid}`];
        const { server, connection, output, exited } = startIpcServer(serverPath, args, extractDir);

        try {
            const initializeParams = { processId: process.pid, rootUri: null, capabilities: {} };
            const { capabilities } = await unlessExited(
                connection.sendRequest('initialize', initializeParams),
                exited,
                output,
                'the initialize response',
            );
            assert.ok(capabilities.textDocumentSync !== undefined, 'textDocumentSync is missing');
            assert.ok(capabilities.codeActionProvider !== undefined, 'codeActionProvider is missing');
            await connection.sendNotification('initialized', {});

            const uri = pathToFileURL(join(extractDir, 'spam.c')).href;
            const published = new Promise((resolve) => {
                connection.onNotification('textDocument/publishDiagnostics', (params) => {
                    if (params.uri === uri) {
                        resolve(params.diagnostics);
                    }
                });
            });
            await connection.sendNotification('textDocument/didOpen', {
                textDocument: { uri, languageId: 'c', version: 1, text: MISMATCHED_METHOD_SOURCE },
            });
            const diagnostics = await unlessExited(published, exited, output, 'publishing diagnostics');
            assert.deepEqual(
                diagnostics.map((diagnostic) => diagnostic.code),
                ['method-signature'],
            );

            await unlessExited(connection.sendRequest('shutdown'), exited, output, 'the shutdown response');
            await connection.sendNotification('exit');
            assert.deepEqual(await exited, { code: 0, signal: null }, `stderr:\n${output.stderr}`);
        } finally {
            connection.dispose();
            if (server.exitCode === null && server.signalCode === null) {
                server.kill();
            }
        }
    });
});
