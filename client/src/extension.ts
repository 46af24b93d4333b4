import * as path from 'node:path';
import { ExtensionContext, window } from 'vscode';
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

const CLIENT_ID = 'pyfpcast';
const CLIENT_NAME = 'pyfpcast';

const DOCUMENT_SELECTOR: DocumentSelector = ['c', 'cpp'].flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

let client: LanguageClient | undefined;

/**
 * Starts the bundled pyfpcast language server for C and C++ documents.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  // The server's log (its window/logMessage output and its stderr) and the
  // protocol trace get their own channels. Neither opens until the user opens
  // it, so a server error never moves the focus away from the editor.
  const outputChannel = window.createOutputChannel(CLIENT_NAME);
  const traceOutputChannel = window.createOutputChannel(`${CLIENT_NAME} Trace`);
  context.subscriptions.push(outputChannel, traceOutputChannel);

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // Sends workspace/didChangeConfiguration with the `pyfpcast` section when
    // a setting changes, so the server applies it without a restart.
    synchronize: { configurationSection: 'pyfpcast' },
    outputChannel,
    traceOutputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };

  // The client id `pyfpcast` makes vscode-languageclient read the trace level
  // from the `pyfpcast.trace.server` setting.
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  await client.start();
}

/**
 * Stops the language server and waits for it to shut down.
 */
export async function deactivate(): Promise<void> {
  if (client === undefined) {
    return;
  }

  const stopping = client;
  client = undefined;
  await stopping.stop();
}
