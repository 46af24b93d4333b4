/**
 * The analysis core shared by the CLI and the language server: parses a file with its
 * local headers, reads its tables and runs every rule.
 */
import type { Parser } from 'web-tree-sitter';

import { AnalysisContext, HeaderCache, SignatureCache, SourceHost } from './analysis/context';
import { buildContractCatalog, ContractCatalog } from './analysis/contracts';
import { ParsedDocument, parseDocument } from './analysis/document';
import { ExpansionParser, TableReader } from './analysis/tables';
import { collectFunctionUses, groupUsesByFunction } from './analysis/uses';
import { createCParser } from './parser/parser';
import { RULES } from './rules';
import { Finding, LintOptions, RuleContext } from './rules/types';

export interface LintResult {
  document: ParsedDocument;
  findings: Finding[];
  /** Paths of the local headers the analysis read, so an editor can recheck the file when one changes. */
  headerPaths: string[];
}

export class Linter {
  private readonly headers: HeaderCache;
  private readonly expansions: ExpansionParser;
  /** Signatures of the last analysis of each file, reused by incremental re-lints. */
  private readonly signatureCaches = new Map<string, SignatureCache>();

  private constructor(
    private readonly parser: Parser,
    private readonly catalog: ContractCatalog,
    host: SourceHost,
    includeDirs: readonly string[],
  ) {
    this.headers = new HeaderCache(parser, host, includeDirs);
    this.expansions = new ExpansionParser(parser);
  }

  /** `includeDirs` are absolute folders searched for quoted includes, like a compiler's -I. */
  static async create(host: SourceHost, includeDirs: readonly string[] = []): Promise<Linter> {
    const parser = await createCParser();
    return new Linter(parser, buildContractCatalog(parser), host, includeDirs);
  }

  /**
   * Lints one file's text. Pass the previous result for the same file to reparse
   * incrementally; the previous document's tree must not be used afterwards.
   */
  lint(path: string, text: string, options: LintOptions, previous?: ParsedDocument): LintResult {
    const headers = this.headers.loadIncludes(path, text);
    const document = parseDocument(this.parser, path, text, headers.flatMap((header) => header.macros), previous);
    if (previous !== undefined && previous.tree !== document.tree) {
      previous.tree.delete();
    }

    const recovery = { parse: (isolated: string) => this.expansions.parseIsolated(isolated) };
    const analysis = new AnalysisContext(document, headers, previous === undefined ? undefined : this.signatureCaches.get(path), recovery);
    this.signatureCaches.set(path, analysis.signatureCache);
    analysis.resolver.expandParameterMacro = (name) => this.expansions.expandParameterList(analysis.macros, name);
    const reader = new TableReader(analysis, this.expansions);
    const entries = reader.readEntries();
    const uses = collectFunctionUses(entries, this.catalog, analysis.macros, (name, argumentsText) =>
      this.expansions.expandCall(analysis.macros, name, argumentsText),
    );
    const context: RuleContext = {
      analysis,
      entries,
      uses,
      usesByFunction: groupUsesByFunction(uses),
      unparsed: reader.unparsed,
      catalog: this.catalog,
      options,
    };
    const findings = RULES.flatMap((rule) => rule.check(context));
    this.expansions.releaseIsolated();
    findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
    return { document, findings, headerPaths: headers.map((header) => header.path) };
  }

  /** Frees the trees of cached headers and macro expansions. */
  dispose(): void {
    this.headers.dispose();
    this.expansions.dispose();
  }
}
