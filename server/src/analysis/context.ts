/**
 * The scope of one file's analysis: the file, the local headers it includes with
 * `#include "..."` (followed transitively), their macros, typedefs and functions.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';

import { ParsedDocument, parseDocument } from './document';
import { MacroDefinition } from './macros';
import { collectTypedef, FunctionSignature, readFunction, shiftSignature, TypeResolver } from './signatures';

export interface SourceHost {
  /** Returns the text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
}

/** Folders above the including file searched for an include path with folders in it. */
const MAX_ANCESTOR_LEVELS = 6;

/** Includes deeper than this are not followed; real extensions nest a handful of levels. */
const MAX_INCLUDE_DEPTH = 16;

/** Parsed headers shared across the files of one run, keyed by path and checked against their text. */
export class HeaderCache {
  private readonly documents = new Map<string, ParsedDocument>();

  private readonly resolved = new Map<string, string | undefined>();

  /** `includeDirs` are searched for quoted includes, as `-I` is by a compiler. */
  constructor(
    private readonly parser: Parser,
    private readonly host: SourceHost,
    private readonly includeDirs: readonly string[] = [],
  ) {}

  /**
   * Finds the file a quoted `#include` names: beside the including file as the compiler
   * looks first, then in the include folders. A name with a folder in it, such as
   * `pkg/util.h`, is also looked for in the folders above, since builds often pass the
   * project root with -I.
   */
  private resolveInclude(fromPath: string, name: string): string | undefined {
    const key = `${dirname(fromPath)}\n${name}`;
    if (this.resolved.has(key)) {
      return this.resolved.get(key);
    }
    const candidates = [resolvePath(dirname(fromPath), name), ...this.includeDirs.map((folder) => resolvePath(folder, name))];
    if (name.includes('/')) {
      let folder = dirname(dirname(fromPath));
      for (let level = 0; level < MAX_ANCESTOR_LEVELS && folder !== dirname(folder); level++, folder = dirname(folder)) {
        candidates.push(resolvePath(folder, name));
      }
    }
    const found = candidates.find((candidate) => this.host.readFile(candidate) !== undefined);
    this.resolved.set(key, found);
    return found;
  }

  get(path: string, depth = 0, visiting = new Set<string>()): { document: ParsedDocument; headers: ParsedDocument[] } | undefined {
    const text = this.host.readFile(path);
    if (text === undefined) {
      return undefined;
    }
    visiting.add(path);
    const headers = this.loadIncludes(path, text, depth + 1, visiting);
    const cached = this.documents.get(path);
    if (cached !== undefined && cached.text === text) {
      return { document: cached, headers };
    }
    cached?.tree.delete();
    const document = parseDocument(this.parser, path, text, headers.flatMap((header) => header.macros));
    this.documents.set(path, document);
    return { document, headers };
  }

  /** Loads the local headers included by a file, in include order, each once. */
  loadIncludes(path: string, text: string, depth = 0, visiting = new Set<string>([path])): ParsedDocument[] {
    if (depth > MAX_INCLUDE_DEPTH) {
      return [];
    }
    const result: ParsedDocument[] = [];
    const seen = new Set<string>();
    for (const match of text.matchAll(/^[ \t]*#[ \t]*include[ \t]*"([^"\n]+)"/gm)) {
      const headerPath = this.resolveInclude(path, match[1]);
      if (headerPath === undefined || visiting.has(headerPath)) {
        continue;
      }
      const loaded = this.get(headerPath, depth, visiting);
      if (loaded === undefined) {
        continue;
      }
      for (const header of [...loaded.headers, loaded.document]) {
        if (!seen.has(header.path)) {
          seen.add(header.path);
          result.push(header);
        }
      }
    }
    return result;
  }

  dispose(): void {
    for (const document of this.documents.values()) {
      document.tree.delete();
    }
    this.documents.clear();
  }
}

interface Declared {
  document: ParsedDocument;
  node: Node;
  /** End of the function declarator: the text before it decides the signature. */
  headerEnd: number;
}

const CONTAINERS = new Set([
  'translation_unit',
  'preproc_if',
  'preproc_ifdef',
  'preproc_else',
  'preproc_elif',
  'preproc_elifdef',
  'linkage_specification',
  'declaration_list',
  'ERROR',
]);

/**
 * Collects function definitions, file-scope declarations and typedefs, looking into #if
 * blocks, extern "C" and parse errors. A tree cursor visits the many top-level nodes without
 * creating a node object for each.
 */
function collectDeclarations(document: ParsedDocument, into: Map<string, Declared[]>, resolver: TypeResolver, typedefTexts?: string[]): void {
  const cursor = document.tree.walk();
  const visit = (): void => {
    if (!cursor.gotoFirstChild()) {
      return;
    }
    do {
      const type = cursor.nodeType;
      if (CONTAINERS.has(type)) {
        visit();
        continue;
      }
      if (type === 'type_definition') {
        const definition = cursor.currentNode;
        collectTypedef(definition, resolver);
        typedefTexts?.push(definition.text);
        continue;
      }
      if (type !== 'function_definition' && type !== 'declaration') {
        continue;
      }
      const node = cursor.currentNode;
      const declared = declaredFunction(node);
      if (declared !== undefined) {
        const list = into.get(declared.name) ?? [];
        list.push({ document, node, headerEnd: declared.headerEnd });
        into.set(declared.name, list);
      }
      // After an unclosed body, tree-sitter nests the following definitions inside it.
      if (type === 'function_definition' && node.hasError) {
        const body = node.childForFieldName('body');
        if (body !== null) {
          const nested = new Map<string, Declared[]>();
          collectBody(document, body, nested);
          for (const [key, list] of nested) {
            into.set(key, [...(into.get(key) ?? []), ...list]);
          }
        }
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  };
  visit();
  cursor.delete();
}

function collectBody(document: ParsedDocument, body: Node, into: Map<string, Declared[]>): void {
  for (const child of body.namedChildren) {
    if (child === null || (child.type !== 'function_definition' && child.type !== 'declaration')) {
      continue;
    }
    const declared = declaredFunction(child);
    if (declared !== undefined) {
      into.set(declared.name, [...(into.get(declared.name) ?? []), { document, node: child, headerEnd: declared.headerEnd }]);
    }
  }
}

function declaredFunction(node: Node): { name: string; headerEnd: number } | undefined {
  let declarator = node.childForFieldName('declarator');
  while (declarator !== null) {
    if (declarator.type === 'function_declarator') {
      const name = declarator.childForFieldName('declarator');
      return name?.type === 'identifier' ? { name: name.text, headerEnd: declarator.endIndex } : undefined;
    }
    if (declarator.type !== 'pointer_declarator' && declarator.type !== 'parenthesized_declarator') {
      return undefined;
    }
    declarator = declarator.childForFieldName('declarator') ?? declarator.namedChildren[0] ?? null;
  }
  return undefined;
}

export interface FunctionDeclarations {
  /** The definition, when one is visible. */
  definition: FunctionSignature | undefined;
  /** Every declaration and the definition, in the files visible to the analysis. */
  all: FunctionSignature[];
  /** The signature to check: the definition's, else the first prototype's. */
  effective: FunctionSignature;
  /**
   * Every signature the compiler might see: all definitions, else all prototypes. More
   * than one means #if branches declare the function differently.
   */
  candidates: FunctionSignature[];
  /** The document that contains each signature. */
  documentOf: Map<FunctionSignature, ParsedDocument>;
}

/**
 * Signatures read by earlier analyses of the same file, keyed by the text that decides
 * them, so an edit elsewhere in a large file does not make every signature be read again.
 * Entries hold offsets relative to their declaration's start. A change to any macro or
 * typedef can change how a signature reads, so the cache is kept only while those match.
 */
export interface SignatureCache {
  fingerprint: string;
  entries: Map<string, FunctionSignature | undefined>;
}

export class AnalysisContext {
  readonly resolver = new TypeResolver();
  readonly macros = new Map<string, MacroDefinition>();
  private readonly declared = new Map<string, Declared[]>();
  private readonly functions = new Map<string, FunctionDeclarations | undefined>();

  /** The signatures this analysis read, for the next analysis of the same file. */
  readonly signatureCache: SignatureCache;
  private readonly previousSignatures: Map<string, FunctionSignature | undefined>;

  constructor(
    readonly document: ParsedDocument,
    readonly headers: ParsedDocument[],
    previousCache?: SignatureCache,
  ) {
    const typedefTexts: string[] = [];
    for (const source of [...headers, document]) {
      for (const macro of source.macros) {
        this.macros.set(macro.name, macro);
      }
      collectDeclarations(source, this.declared, this.resolver, typedefTexts);
    }
    const macroTexts = [...this.macros.values()].map((macro) => `${macro.name}(${macro.parameters?.join(',') ?? ''})${macro.body}`);
    const fingerprint = [...typedefTexts, ...macroTexts].join('\n');
    this.previousSignatures = previousCache?.fingerprint === fingerprint ? previousCache.entries : new Map();
    this.signatureCache = { fingerprint, entries: new Map() };
  }

  /** Reads a declaration's signature, or takes it from the previous analysis when its text is unchanged. */
  private readSignature(declared: Declared): FunctionSignature | undefined {
    const { document, node, headerEnd } = declared;
    const key = `${document.path}\n${node.type}\n${document.mask.text.slice(node.startIndex, headerEnd)}`;
    let relative = this.previousSignatures.get(key);
    if (relative === undefined && !this.previousSignatures.has(key)) {
      const signature = readFunction(node, this.resolver);
      relative = signature === undefined ? undefined : shiftSignature(signature, -node.startIndex);
    }
    this.signatureCache.entries.set(key, relative);
    return relative === undefined ? undefined : shiftSignature(relative, node.startIndex);
  }

  /** Returns the file or header of the analysis at `path`. */
  documentAt(path: string): ParsedDocument | undefined {
    return path === this.document.path ? this.document : this.headers.find((header) => header.path === path);
  }

  /**
   * Looks up a function, following object-like macros that rename it either way:
   * `#define alias real` when the table names the alias, and when the definition does.
   */
  lookupFunctionOrAlias(name: string): FunctionDeclarations | undefined {
    const direct = this.lookupFunction(name);
    if (direct !== undefined) {
      return direct;
    }
    const forward = this.macros.get(name);
    if (forward?.parameters === undefined && forward !== undefined && /^[A-Za-z_]\w*$/.test(forward.body)) {
      const found = this.lookupFunction(forward.body);
      if (found !== undefined) {
        return found;
      }
    }
    for (const macro of this.macros.values()) {
      if (macro.parameters === undefined && macro.body === name) {
        const found = this.lookupFunction(macro.name);
        if (found !== undefined) {
          return found;
        }
      }
    }
    return undefined;
  }

  /** Looks up the signatures of a function by name; undefined when neither defined nor declared. */
  lookupFunction(name: string): FunctionDeclarations | undefined {
    if (this.functions.has(name)) {
      return this.functions.get(name);
    }
    const documentOf = new Map<FunctionSignature, ParsedDocument>();
    const all: FunctionSignature[] = [];
    for (const declared of this.declared.get(name) ?? []) {
      const signature = this.readSignature(declared);
      if (signature !== undefined) {
        all.push(signature);
        documentOf.set(signature, declared.document);
      }
    }
    // The definition in the file itself wins over one in a header, then any prototype.
    const definitions = all.filter((signature) => signature.isDefinition);
    const definition = definitions.find((signature) => documentOf.get(signature) === this.document) ?? definitions[0];
    const prototyped = all.filter((signature) => !signature.unprototyped);
    const effective = definition ?? prototyped[0] ?? all[0];
    const candidates = definitions.length > 0 ? definitions : prototyped.length > 0 ? prototyped : all;
    const result = effective === undefined ? undefined : { definition, all, effective, candidates, documentOf };
    this.functions.set(name, result);
    return result;
  }
}
