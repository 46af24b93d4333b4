// A small LSP client that drives the pyfpcast language server over stdio
// (JSON-RPC with Content-Length framing, through vscode-jsonrpc).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

import rpc from 'vscode-jsonrpc/node.js';

import { applyContentChanges, uriKey } from './edits.mjs';
import { casesDir, cliPath } from './paths.mjs';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;

// Waits for the server are event-driven. This limit only turns a server
// that never responds into a failed test instead of a hung run.
const GIVE_UP_AFTER_MS = 60_000;

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 };

function clientCapabilities({ relatedInformation, configuration }) {
    return {
        textDocument: {
            synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
            publishDiagnostics: {
                relatedInformation,
                versionSupport: true,
                codeDescriptionSupport: true,
                dataSupport: true,
            },
            codeAction: {
                dynamicRegistration: false,
                isPreferredSupport: true,
                dataSupport: true,
                codeActionLiteralSupport: {
                    codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] },
                },
            },
        },
        workspace: {
            configuration,
            didChangeConfiguration: { dynamicRegistration: true },
            didChangeWatchedFiles: { dynamicRegistration: true },
            workspaceEdit: { documentChanges: true },
            workspaceFolders: true,
        },
    };
}

/**
 * Looks a configuration item up in SETTINGS, an object keyed by section
 * ({ pyfpcast: { target, strict } }). A dotted section such as
 * "pyfpcast.target" reaches into the object, and a missing one yields null.
 */
function lookUpSetting(settings, section) {
    if (section === undefined || section === null) {
        return settings;
    }
    let value = settings;
    for (const part of section.split('.')) {
        value = value?.[part];
    }
    return value ?? null;
}

export class LspClient {
    /** Server process. */
    process;
    /** JSON-RPC connection to the server. */
    connection;
    /** Result of the initialize request. */
    initializeResult;
    /** window/logMessage notifications, in arrival order. */
    logMessages = [];
    /** Parameters of each workspace/configuration request received. */
    configurationRequests = [];
    /** Capabilities the server registered dynamically, in order. */
    registrations = [];
    /** Errors the reader or writer hit, such as non-LSP output on stdout. */
    protocolErrors = [];
    /** Everything the server wrote on stderr. */
    stderr = '';

    #settings;
    #publishes = new Map();
    #documents = new Map();
    #listeners = new Set();
    #exit = null;

    /**
     * Starts the server (by default `node server/bin/pyfpcast.js server
     * --stdio`), sends initialize with the given client capabilities and
     * then initialized. SETTINGS supplies the results of
     * workspace/configuration requests.
     */
    static async start({
        command = [process.execPath, cliPath, 'server', '--stdio'],
        relatedInformation = true,
        configuration = true,
        settings = { pyfpcast: { target: 'wasm32', strict: false } },
        rootPath = casesDir,
    } = {}) {
        const client = new LspClient(command, settings);
        try {
            await client.#initialize({ relatedInformation, configuration, rootPath });
        } catch (error) {
            client.kill();
            throw error;
        }
        return client;
    }

    constructor(command, settings) {
        this.#settings = settings;
        this.process = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stderr.setEncoding('utf8');
        this.process.stderr.on('data', (chunk) => {
            this.stderr += chunk;
        });
        this.exited = once(this.process, 'exit').then(([code, signal]) => {
            this.#exit = { code, signal };
            this.#notifyListeners();
            return this.#exit;
        });

        this.connection = createMessageConnection(
            new StreamMessageReader(this.process.stdout),
            new StreamMessageWriter(this.process.stdin),
        );
        this.connection.onError(([error]) => {
            this.protocolErrors.push(error);
        });
        this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
            const key = uriKey(params.uri);
            this.#publishes.set(key, [...(this.#publishes.get(key) ?? []), params]);
            this.#notifyListeners();
        });
        this.connection.onNotification('window/logMessage', (params) => {
            this.logMessages.push(params);
            this.#notifyListeners();
        });
        this.connection.onRequest('workspace/configuration', (params) => {
            this.configurationRequests.push(params);
            this.#notifyListeners();
            return params.items.map((item) => lookUpSetting(this.#settings, item.section));
        });
        this.connection.onRequest('client/registerCapability', (params) => {
            this.registrations.push(...(params?.registrations ?? []));
            return null;
        });
        this.connection.onRequest('client/unregisterCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.listen();
    }

    async #initialize({ relatedInformation, configuration, rootPath }) {
        const rootUri = pathToFileURL(rootPath).href;
        this.initializeResult = await this.request('initialize', {
            processId: process.pid,
            clientInfo: { name: 'pyfpcast-tests' },
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'cases' }],
            capabilities: clientCapabilities({ relatedInformation, configuration }),
        });
        this.connection.sendNotification('initialized', {});
    }

    /**
     * Sends a request and waits for its response. Rejects when the server
     * exits first or never responds.
     */
    request(method, params) {
        return this.#untilSettled(this.connection.sendRequest(method, params), `response to ${method}`);
    }

    notify(method, params) {
        return this.connection.sendNotification(method, params);
    }

    /** Replaces the settings returned to later workspace/configuration requests. */
    setSettings(settings) {
        this.#settings = settings;
    }

    /** Returns the current text of an open document. */
    textOf(uri) {
        return this.#documents.get(uriKey(uri)).text;
    }

    /** Opens a document and resolves to its first published diagnostics. */
    async openDocument(uri, text, languageId = 'c') {
        const since = this.publishCount(uri);
        const version = 1;
        this.#documents.set(uriKey(uri), { text, version });
        await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
        return this.waitForDiagnostics(uri, { since, version });
    }

    /**
     * Sends incremental content changes to an open document and resolves to
     * the diagnostics published for the new version.
     */
    async changeDocument(uri, contentChanges) {
        const document = this.#documents.get(uriKey(uri));
        const since = this.publishCount(uri);
        document.version += 1;
        document.text = applyContentChanges(document.text, contentChanges);
        await this.notify('textDocument/didChange', {
            textDocument: { uri, version: document.version },
            contentChanges,
        });
        return this.waitForDiagnostics(uri, { since, version: document.version });
    }

    async closeDocument(uri) {
        this.#documents.delete(uriKey(uri));
        await this.notify('textDocument/didClose', { textDocument: { uri } });
    }

    /** Requests the code actions for RANGE with DIAGNOSTICS as context. */
    codeActions(uri, range, diagnostics, only) {
        const context = only === undefined ? { diagnostics } : { diagnostics, only };
        return this.request('textDocument/codeAction', { textDocument: { uri }, range, context });
    }

    /**
     * Resolves to the diagnostics of the first publishDiagnostics for URI
     * that arrives after the SINCE-th one and is not for a version older
     * than VERSION (publishes without a version are accepted).
     */
    waitForDiagnostics(uri, { since = 0, version } = {}) {
        const key = uriKey(uri);
        const found = () => {
            const publishes = this.#publishes.get(key) ?? [];
            return publishes.slice(since).find(
                (p) => version === undefined || p.version === undefined || p.version === null || p.version >= version,
            );
        };
        return this.waitUntil(() => found()?.diagnostics, `diagnostics for ${uri}`);
    }

    /**
     * Resolves to the first value other than undefined that CHECK returns.
     * CHECK runs now and again whenever a notification or request arrives
     * from the server.
     */
    waitUntil(check, description) {
        return this.#waitFor(check, description);
    }

    /** Returns how many publishDiagnostics notifications arrived for URI so far. */
    publishCount(uri) {
        return (this.#publishes.get(uriKey(uri)) ?? []).length;
    }

    /** Sends shutdown and exit, then resolves to the exit { code, signal }. */
    async shutdown() {
        await this.request('shutdown');
        await this.notify('exit');
        const exit = await this.#waitFor(() => this.#exit ?? undefined, 'server exit');
        this.connection.dispose();
        return exit;
    }

    /** Kills the server if it is still running, for test teardown. */
    kill() {
        if (this.#exit === null) {
            this.process.kill();
        }
        this.connection.dispose();
    }


    #notifyListeners() {
        for (const listener of this.#listeners) {
            listener();
        }
    }

    #describeState(description) {
        const exit = this.#exit === null ? 'still running' : `exited with ${JSON.stringify(this.#exit)}`;
        const errors = this.protocolErrors.map(String).join('\n') || '(none)';
        return `${description}: server ${exit}; protocol errors:\n${errors}\nstderr:\n${this.stderr.slice(-4000)}`;
    }

    /** Resolves when CHECK returns a value other than undefined. */
    #waitFor(check, description) {
        return new Promise((resolve, reject) => {
            const finish = (settle) => {
                clearTimeout(timer);
                this.#listeners.delete(listener);
                settle();
            };
            const listener = () => {
                const value = check();
                if (value !== undefined) {
                    finish(() => resolve(value));
                } else if (this.#exit !== null) {
                    finish(() => reject(new Error(this.#describeState(`no ${description}`))));
                }
            };
            const timer = setTimeout(() => {
                finish(() => reject(new Error(this.#describeState(`timed out waiting for ${description}`))));
            }, GIVE_UP_AFTER_MS);
            // The server's pipes keep the event loop alive while waiting.
            timer.unref();

            this.#listeners.add(listener);
            listener();
        });
    }

    /** Races PROMISE against the server exiting or never settling it. */
    #untilSettled(promise, description) {
        let settled = false;
        const done = promise.finally(() => {
            settled = true;
            this.#notifyListeners();
        });
        const failure = this.#waitFor(() => (settled ? true : undefined), description);
        return Promise.race([done, failure.then(() => done)]);
    }
}
