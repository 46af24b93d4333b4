/**
 * The scope of one file's analysis: the file, the local headers it includes with
 * `#include "..."` (followed transitively), their macros, typedefs and functions.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';

import { maskOptionsFor, ParsedDocument, parseDocument } from './document';
import { blankOutside, maskSource } from '../parser/mask';
import { enclosing } from './nodes';
import { MacroDefinition } from './macros';
import { expandMacro } from './macros';
import { collectTypedef, FunctionSignature, Parameter, readFunction, shiftSignature, TypeResolver } from './signatures';

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

/** Parses text outside the file's own tree, for declarations the file's parse lost or macros generate. */
export interface DeclarationRecovery {
  /** Parses `text`; the tree stays valid until the analysis ends. */
  parse(text: string): Tree | undefined;
}

const NOT_A_TYPE = new Set(['return', 'else', 'case', 'if', 'while', 'for', 'switch', 'do', 'goto', 'sizeof', 'typedef', 'define']);
const TYPE_WORDS = /^\s*((?:[A-Za-z_]\w*\s+)*[A-Za-z_]\w*)[\s*]*$/;

/** Returns the offset after the `)` that closes the `(` at `open`. */
function closingParenthesis(text: string, open: number): number | undefined {
  let depth = 0;
  for (let index = open; index < text.length && index < open + 4000; index++) {
    if (text[index] === '(') {
      depth++;
    } else if (text[index] === ')' && --depth === 0) {
      return index + 1;
    }
  }
  return undefined;
}

/**
 * Finds where a function header that starts with a type begins, for a name at `offset`:
 * on the same line (`static int f(`) or on the line above (`static PyObject *` then `f(`).
 */
function headerStart(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const isType = (words: string) => {
    const match = TYPE_WORDS.exec(words);
    return match !== null && !NOT_A_TYPE.has(match[1].split(/\s+/)[0]);
  };
  if (before.trim() !== '') {
    return isType(before) && /[\s*]$/.test(before) ? lineStart : undefined;
  }
  if (lineStart === 0) {
    return undefined;
  }
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return isType(text.slice(previousStart, lineStart - 1)) ? previousStart : undefined;
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
    private readonly recovery?: DeclarationRecovery,
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

  /**
   * Reads function headers that the file's parse lost, as when preprocessor branches leave
   * unbalanced braces in a body. Each header is parsed on its own as a prototype, with
   * the rest of the text blanked so offsets hold, and counts as a definition when `{` follows.
   */
  private recoverHeaders(name: string): Array<[FunctionSignature, ParsedDocument]> {
    const found: Array<[FunctionSignature, ParsedDocument]> = [];
    const pattern = new RegExp(`\\b${name}\\s*\\(`, 'g');
    for (const document of [this.document, ...this.headers]) {
      const text = document.mask.text;
      for (const match of text.matchAll(pattern)) {
        const offset = match.index ?? 0;
        const start = headerStart(text, offset);
        const end = start === undefined ? undefined : closingParenthesis(text, text.indexOf('(', offset));
        if (start === undefined || end === undefined) {
          continue;
        }
        // The character after the header becomes `;`, so the header parses as a prototype.
        const isolated = blankOutside(`${text.slice(0, end)};${text.slice(end + 1)}`, start, end + 1);
        const node = this.recovery?.parse(isolated)?.rootNode.descendantForIndex(offset) ?? null;
        const declaration = enclosing(node, 'declaration', 16);
        const signature = declaration === undefined ? undefined : readFunction(declaration, this.resolver);
        if (signature === undefined || signature.name !== name) {
          continue;
        }
        const isDefinition = /^\s*\{/.test(text.slice(end, end + 200).replace(/\/\*[\s\S]*?\*\//g, ''));
        found.push([{ ...signature, isDefinition }, document]);
      }
    }
    return found;
  }

  /**
   * Reads functions that a function-like macro defines, such as `GETTER(x)` expanding to
   * `static PyObject *obj_get_x(...) {...}`, from the macro's uses at the start of a line.
   * The signature's ranges are the macro use.
   */
  private recoverGenerated(name: string): Array<[FunctionSignature, ParsedDocument]> {
    const found: Array<[FunctionSignature, ParsedDocument]> = [];
    for (const macro of this.macros.values()) {
      if (macro.parameters === undefined || !macro.body.includes('##') || !macro.body.includes('{')) {
        continue;
      }
      const uses = new RegExp(`^[ \\t]*${macro.name}\\s*\\(`, 'gm');
      for (const document of [this.document, ...this.headers]) {
        // Masking blanks such uses as statement macros, so they are read from the source.
        const text = document.text;
        for (const match of text.matchAll(uses)) {
          const open = text.indexOf('(', match.index ?? 0);
          const end = closingParenthesis(text, open);
          const expanded = end === undefined ? undefined : expandMacro(macro, text.slice(open + 1, end - 1));
          if (end === undefined || expanded === undefined || !new RegExp(`\\b${name}\\b`).test(expanded)) {
            continue;
          }
          // The expansion gets the same masking as a file, for Py_UNUSED and thread macros in its body.
          const tree = this.recovery?.parse(maskSource(expanded, maskOptionsFor(this.macros.values())).text);
          const site = { start: match.index ?? 0, end };
          for (const node of tree?.rootNode.descendantsOfType(['function_definition', 'declaration']) ?? []) {
            const signature = node === null ? undefined : readFunction(node, this.resolver);
            if (signature?.name !== name) {
              continue;
            }
            const moved = (parameter: Parameter): Parameter => ({ ...parameter, range: site });
            found.push([
              { ...signature, parameters: signature.parameters.map(moved), nameRange: site, parameterListRange: site, generatedBy: macro.name },
              document,
            ]);
          }
        }
      }
    }
    return found;
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
    if (all.length === 0 && this.recovery !== undefined) {
      for (const [signature, document] of [...this.recoverHeaders(name), ...this.recoverGenerated(name)]) {
        all.push(signature);
        documentOf.set(signature, document);
      }
    }

    // The definition in the file itself wins over one in a header, then any prototype.
    const definitions = all.filter((signature) => signature.isDefinition);
    const definition = definitions.find((signature) => documentOf.get(signature) === this.document) ?? definitions[0];
    const prototyped = all.filter((signature) => !signature.unprototyped);
    const effective = definition ?? prototyped[0] ?? all[0];
    let candidates = all;
    if (definitions.length > 0) {
      candidates = definitions;
    } else if (prototyped.length > 0) {
      candidates = prototyped;
    }

    const result = effective === undefined ? undefined : { definition, all, effective, candidates, documentOf };
    this.functions.set(name, result);
    return result;
  }
}
