/**
 * The pyfpcast language server: diagnostics on open and change, with incremental
 * reparsing, and quick fixes carried in each diagnostic's data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  CodeAction,
  CodeActionKind,
  Connection,
  createConnection,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeResult,
  Range,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { SourceHost } from '../analysis/context';
import { ParsedDocument, positionAt } from '../analysis/document';
import { Linter } from '../linter';
import { DEFAULT_LINT_OPTIONS, Finding, LintOptions, Severity } from '../rules/types';
import { Logger } from './logger';
import { ruleDocsLinker } from './ruleDocs';

const SOURCE = 'pyfpcast';

/** A fix as it travels in `Diagnostic.data`, so code actions need no server state. */
interface FixData {
  title: string;
  safe: boolean;
  isPreferred: boolean;
  changes: Record<string, LspTextEdit[]>;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Reads the fixes from a diagnostic's data, which the client sends back and may have altered. */
function readFixData(data: unknown): FixData[] {
  const fixes = (data as { fixes?: unknown } | null | undefined)?.fixes;
  if (!Array.isArray(fixes)) {
    return [];
  }
  return fixes.filter(
    (fix): fix is FixData =>
      typeof fix === 'object' &&
      fix !== null &&
      typeof (fix as FixData).title === 'string' &&
      typeof (fix as FixData).changes === 'object' &&
      (fix as FixData).changes !== null,
  );
}

function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

function pathToUri(path: string): string {
  return path.includes(':') && !path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path) ? path : pathToFileURL(path).href;
}

function rangeOf(document: ParsedDocument, start: number, end: number) {
  return { start: positionAt(document, start), end: positionAt(document, end) };
}

/** Reads the `pyfpcast` settings; an invalid value falls back to its default with a warning. */
function readSettings(value: unknown, warn: (message: string) => void): LintOptions {
  const settings = (value ?? {}) as { target?: unknown; strict?: unknown };
  const options: LintOptions = { ...DEFAULT_LINT_OPTIONS };
  if (settings.target === 'wasm32' || settings.target === 'wasm64') {
    options.target = settings.target;
  } else if (settings.target !== undefined && settings.target !== null) {
    warn(`invalid setting pyfpcast.target ${JSON.stringify(settings.target)}; use "wasm32" or "wasm64". Using ${options.target}.`);
  }
  if (typeof settings.strict === 'boolean') {
    options.strict = settings.strict;
  } else if (settings.strict !== undefined && settings.strict !== null) {
    warn(`invalid setting pyfpcast.strict ${JSON.stringify(settings.strict)}; use true or false. Using ${options.strict}.`);
  }
  return options;
}

export class PyfpcastServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly parsed = new Map<string, ParsedDocument>();
  /** Local headers each open document's last analysis read, by document URI. */
  private readonly headerPaths = new Map<string, string[]>();
  private readonly pending = new Set<string>();
  /** The running or last analysis of each document, so analyses of one document never overlap. */
  private readonly running = new Map<string, Promise<void>>();
  /** The diagnostics last published for each document, with the version they describe. */
  private readonly published = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  private readonly logger: Logger;
  private readonly ruleDocs = ruleDocsLinker();
  private linter: Promise<Linter> | undefined;
  private supportsRelatedInformation = false;
  private supportsConfiguration = false;
  private supportsFileWatching = false;
  private globalOptions: LintOptions = { ...DEFAULT_LINT_OPTIONS };

  constructor(private readonly connection: Connection) {
    this.logger = new Logger(connection);
  }

  private readonly warned = new Set<string>();

  /** Logs a warning the first time it occurs; settings are read again for every check. */
  private readonly warnOnce = (message: string): void => {
    if (!this.warned.has(message)) {
      this.warned.add(message);
      this.logger.warn(message);
    }
  };

  /** Reads open documents from the editor and everything else from disk. */
  private readonly host: SourceHost = {
    readFile: (path: string) => {
      const open = this.documents.get(pathToUri(path));
      if (open !== undefined) {
        return open.getText();
      }
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };

  listen(): void {
    const connection = this.connection;

    connection.onInitialize((params): InitializeResult => {
      const capabilities = params.capabilities;
      this.supportsRelatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
      this.supportsConfiguration = capabilities.workspace?.configuration === true;
      this.supportsFileWatching = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      this.globalOptions = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings, this.warnOnce);
      this.logger.info(`pyfpcast server starting (client: ${params.clientInfo?.name ?? 'unknown'})`);
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        },
        serverInfo: { name: 'pyfpcast', version: '0.1.0' },
      };
    });

    connection.onInitialized(() => {
      // Headers change on disk too (a checkout, a generator), not only in open editors.
      if (this.supportsFileWatching) {
        void connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{h,c,hpp,inc}' }] })
          .catch((error: unknown) => this.logger.warn(`registering the header file watcher failed: ${String(error)}`));
      }
      if (this.supportsConfiguration) {
        void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch((error: unknown) => {
          this.logger.warn(`registering for configuration changes failed: ${String(error)}`);
        });
      }
    });

    connection.onDidChangeConfiguration((change) => {
      if (!this.supportsConfiguration) {
        this.globalOptions = readSettings((change.settings as { pyfpcast?: unknown } | undefined)?.pyfpcast, this.warnOnce);
      }
      this.logger.info('configuration changed; checking open documents again');
      for (const document of this.documents.all()) {
        this.schedule(document.uri);
      }
    });

    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        // An open document's text comes from the editor, which reports its changes itself.
        if (this.documents.get(change.uri) === undefined) {
          this.scheduleIncluders(uriToPath(change.uri));
        }
      }
    });

    this.documents.onDidOpen((event) => this.schedule(event.document.uri));
    this.documents.onDidChangeContent((event) => {
      this.schedule(event.document.uri);
      this.scheduleIncluders(uriToPath(event.document.uri));
    });
    this.documents.onDidClose((event) => {
      const parsed = this.parsed.get(event.document.uri);
      parsed?.tree.delete();
      this.parsed.delete(event.document.uri);
      this.headerPaths.delete(event.document.uri);
      this.published.delete(event.document.uri);
      // A closed header is read from disk again, which may differ from the unsaved buffer.
      this.scheduleIncluders(uriToPath(event.document.uri));
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    });

    connection.onCodeAction(async (params) => {
      const uri = params.textDocument.uri;
      const requested = params.context.diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
      const current = await this.currentDiagnostics(uri);
      const actions: CodeAction[] = [];
      for (const diagnostic of requested) {
        for (const fix of this.fixesFor(diagnostic, current, params.range)) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.isPreferred,
            edit: { changes: fix.changes },
          });
        }
      }
      return actions;
    });

    connection.onShutdown(() => {
      this.logger.info('pyfpcast server shutting down');
      void this.linter?.then((linter) => linter.dispose());
    });

    this.documents.listen(connection);
    connection.listen();
  }

  private getLinter(): Promise<Linter> {
    this.linter ??= Linter.create(this.host);
    return this.linter;
  }

  /** Coalesces the changes that arrive together into one analysis of the document. */
  private schedule(uri: string): void {
    if (this.pending.has(uri)) {
      return;
    }
    this.pending.add(uri);
    setImmediate(() => {
      this.pending.delete(uri);
      void this.validate(uri);
    });
  }

  /** Rechecks the open documents whose last analysis read the header at `path`. */
  private scheduleIncluders(path: string): void {
    for (const [uri, headers] of this.headerPaths) {
      if (headers.includes(path)) {
        this.schedule(uri);
      }
    }
  }

  private async optionsFor(uri: string): Promise<LintOptions> {
    if (!this.supportsConfiguration) {
      return this.globalOptions;
    }
    try {
      return readSettings(await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'pyfpcast' }), this.warnOnce);
    } catch (error) {
      this.logger.warn(`reading the pyfpcast settings failed, using defaults: ${String(error)}`);
      return this.globalOptions;
    }
  }

  /** Analyzes a document; analyses of one document run one after another, never interleaved. */
  private validate(uri: string): Promise<void> {
    const run = (this.running.get(uri) ?? Promise.resolve()).then(() => this.validateNow(uri));
    this.running.set(uri, run);
    return run;
  }

  private async validateNow(uri: string): Promise<void> {
    try {
      const options = await this.optionsFor(uri);
      const linter = await this.getLinter();
      const document = this.documents.get(uri);
      if (document === undefined) {
        return;
      }
      const version = document.version;
      const started = performance.now();
      const { document: parsed, findings, headerPaths } = linter.lint(uriToPath(uri), document.getText(), options, this.parsed.get(uri));
      this.parsed.set(uri, parsed);
      this.headerPaths.set(uri, headerPaths);
      const diagnostics = findings.map((finding) => this.toDiagnostic(finding, version));
      this.published.set(uri, { version, diagnostics });
      this.logger.debug(`checked ${uri} in ${(performance.now() - started).toFixed(1)} ms: ${diagnostics.length} findings`);
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.logger.error(`checking ${uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  /** Returns the diagnostics of the document's current version, analyzing it first if needed. */
  private async currentDiagnostics(uri: string): Promise<Diagnostic[]> {
    const version = this.documents.get(uri)?.version;
    if (version === undefined) {
      return [];
    }
    if (this.published.get(uri)?.version !== version) {
      await this.validate(uri);
    }
    const published = this.published.get(uri);
    return published?.version === version ? published.diagnostics : [];
  }

  /**
   * Returns the fixes for a diagnostic the client sent back. Its data contains edits for
   * the version it was published for, which land in the wrong place after an edit. The
   * fixes then come from the matching diagnostic of the current version instead.
   */
  private fixesFor(diagnostic: Diagnostic, current: Diagnostic[], range: Range): FixData[] {
    const data = diagnostic.data as { version?: unknown; function?: unknown } | null | undefined;
    const currentVersion = (current[0]?.data as { version?: number } | undefined)?.version;
    if (data?.version !== undefined && data.version === currentVersion) {
      return readFixData(diagnostic.data);
    }
    const match = current.find(
      (candidate) =>
        candidate.code === diagnostic.code &&
        (candidate.data as { function?: unknown }).function === data?.function &&
        candidate.range.start.line <= range.end.line &&
        range.start.line <= candidate.range.end.line,
    );
    return match === undefined ? [] : readFixData(match.data);
  }

  private toDiagnostic(finding: Finding, version: number): Diagnostic {
    const fixes: FixData[] = finding.fixes.map((fix) => {
      const changes: Record<string, LspTextEdit[]> = {};
      for (const edit of fix.edits) {
        const uri = pathToUri(edit.document.path);
        (changes[uri] ??= []).push({ range: rangeOf(edit.document, edit.start, edit.end), newText: edit.newText });
      }
      return { title: fix.title, safe: fix.safe, isPreferred: fix.isPreferred, changes };
    });
    const related: DiagnosticRelatedInformation[] = finding.related.map((location) => ({
      location: { uri: pathToUri(location.document.path), range: rangeOf(location.document, location.start, location.end) },
      message: location.message,
    }));

    const docs = this.ruleDocs(finding.rule);
    return {
      range: rangeOf(finding.document, finding.start, finding.end),
      severity: SEVERITIES[finding.severity],
      code: finding.rule,
      ...(docs === undefined ? {} : { codeDescription: { href: docs } }),
      source: SOURCE,
      message: finding.message,
      ...(this.supportsRelatedInformation && related.length > 0 ? { relatedInformation: related } : {}),
      data: { version, effect: finding.effect, function: finding.function, fixes },
    };
  }
}

/** Starts the server on the transport named on the command line, or on stdio. */
export function startServer(): void {
  const hasTransport = process.argv.some((argument) => argument === '--stdio' || argument === '--node-ipc' || argument.startsWith('--socket=') || argument.startsWith('--pipe='));
  const connection = hasTransport ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // stdout carries the protocol, so anything printed by mistake must go to stderr instead.
  console.log = (...values: unknown[]) => connection.console.log(values.map(String).join(' '));
  new PyfpcastServer(connection).listen();
}
