/**
 * Finds the CPython tables in a file (initialized PyMethodDef arrays, PyTypeObject
 * structs, PyType_Slot arrays, ...) and reads each entry's fields, expanding entries
 * written as macros and following #if branches.
 */
import type { Node, Parser, Tree } from 'web-tree-sitter';

import { slotFieldTypedef, TABLE_LAYOUTS, TableLayout } from '../capi/structs';
import { AnalysisContext } from './context';
import { ParsedDocument } from './document';
import { expandMacro, MacroDefinition } from './macros';
import { blankOutside, ConditionalDirective, MaskedRegion } from '../parser/mask';
import { enclosing } from './nodes';

/** The range of the analyzed file that a finding about an entry is reported on. */
export interface Site {
  start: number;
  end: number;
}

export interface TableEntry {
  layout: TableLayout;
  /** The table's variable name, or the assigned object for `Type.tp_repr = f;`. */
  tableName: string;
  /** Field values by field name. In an expanded macro the nodes belong to the expansion's tree. */
  fields: Map<string, Node>;
  /** The whole entry, where findings about it as a whole go. */
  site: Site;
  /** The macro use the entry came from, if any. */
  macro: { definition: MacroDefinition; site: Site } | undefined;
}

/**
 * Declarations of initialized tables, `PyMethodDef name[] = {`, found by a text search
 * before any tree walk. Each match starts at the type name.
 */
const TABLE_TYPE_PATTERN =
  /\b(?:PyTypeObject|PyNumberMethods|PySequenceMethods|PyMappingMethods|PyAsyncMethods|PyBufferProcs|PyMethodDef|PyGetSetDef|PyModuleDef_Slot|PyModuleDef|PyType_Slot|_typeobject)\s+(?:const\s+)?\w+\s*(?:\[[^\]]*\]\s*)?=\s*\{/g;

/** `Type.tp_repr = f;` and `type->tp_repr = f;`, the form older extensions fill type objects with. */
const SLOT_ASSIGNMENT_PATTERN = /(?:\.|->)\s*((?:tp|nb|sq|mp|am|bf)_\w+)\s*=(?!=)/g;

function siteOf(node: Node): Site {
  return { start: node.startIndex, end: node.endIndex };
}

function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

function tableTypeName(declaration: Node): string | undefined {
  const type = declaration.childForFieldName('type');
  if (type === null) {
    return undefined;
  }
  if (type.type === 'type_identifier') {
    return type.text;
  }
  if (type.type === 'struct_specifier') {
    const name = type.childForFieldName('name');
    return name === null ? undefined : `struct ${name.text}`;
  }
  return undefined;
}

/** Returns the offset after the `}` that closes the first initializer after `from`, skipping strings and comments. */
function endOfInitializer(text: string, from: number): number | undefined {
  const open = text.indexOf('{', from);
  if (open < 0) {
    return undefined;
  }
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '"' || char === "'") {
      for (index++; index < text.length && text[index] !== char && text[index] !== '\n'; index++) {
        if (text[index] === '\\') {
          index++;
        }
      }
    } else if (char === '/' && text[index + 1] === '*') {
      const close = text.indexOf('*/', index + 2);
      index = close < 0 ? text.length : close + 1;
    } else if (char === '/' && text[index + 1] === '/') {
      const close = text.indexOf('\n', index);
      index = close < 0 ? text.length : close;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && --depth === 0) {
      return text[index + 1] === ';' ? index + 2 : index + 1;
    }
  }
  return undefined;
}

/** Parses macro expansions of entries; each distinct expansion text is parsed once per run. */
export class ExpansionParser {
  private readonly trees = new Map<string, { tree: Tree; entry: Node | undefined }>();
  private readonly isolatedTrees: Tree[] = [];

  constructor(private readonly parser: Parser) {}

  /** Parses `text` as one element of an array initializer and returns that element. */
  parseEntry(text: string): Node | undefined {
    let parsed = this.trees.get(text);
    if (parsed === undefined) {
      const tree = this.parser.parse(`static T pyfpcast_entry[] = {\n${text}\n};\n`);
      if (tree === null) {
        return undefined;
      }
      const list = tree.rootNode.descendantsOfType('initializer_list')[0] ?? undefined;
      const entry = list === undefined ? undefined : namedChildren(list)[0];
      parsed = { tree, entry };
      this.trees.set(text, parsed);
    }
    return parsed.entry;
  }

  /** Parses a copy of a file in which only one declaration is left; the tree is freed with the others. */
  parseIsolated(text: string): Tree | undefined {
    const tree = this.parser.parse(text) ?? undefined;
    if (tree !== undefined) {
      this.isolatedTrees.push(tree);
    }
    return tree;
  }

  /** Frees the trees of isolated declarations, which only one analysis uses. */
  releaseIsolated(): void {
    for (const tree of this.isolatedTrees) {
      tree.delete();
    }
    this.isolatedTrees.length = 0;
  }

  /** Parses the body of an object-like macro as a parameter list: `PyObject *a, PyObject *b`. */
  expandParameterList(macros: ReadonlyMap<string, MacroDefinition>, name: string): Node | undefined {
    const macro = macros.get(name);
    if (macro === undefined || macro.parameters !== undefined) {
      return undefined;
    }
    let parsed = this.trees.get(`parameters:${macro.body}`);
    if (parsed === undefined) {
      const tree = this.parser.parse(`void pyfpcast_function(${macro.body});\n`);
      if (tree === null) {
        return undefined;
      }
      const list = tree.rootNode.descendantsOfType('parameter_list')[0] ?? undefined;
      parsed = { tree, entry: list };
      this.trees.set(`parameters:${macro.body}`, parsed);
    }
    return parsed.entry;
  }

  /** Expands a call of a known function-like macro and parses the result as an expression. */
  expandCall(macros: ReadonlyMap<string, MacroDefinition>, name: string, argumentsText: string): Node | undefined {
    const macro = macros.get(name);
    if (macro?.parameters === undefined) {
      return undefined;
    }
    const expanded = expandMacro(macro, argumentsText);
    return expanded === undefined ? undefined : this.parseEntry(expanded);
  }

  dispose(): void {
    this.releaseIsolated();
    for (const { tree } of this.trees.values()) {
      tree.delete();
    }
    this.trees.clear();
  }
}

/** Part of a table whose entries cannot be checked. */
export interface UnparsedRegion {
  /** A parse error, an entry macro with no visible definition, or a declaration that did not parse. */
  reason: 'parse-error' | 'unknown-macro' | 'declaration';
  tableName: string | undefined;
  /** The macro's name, for `unknown-macro`. */
  macroName?: string;
  site: Site;
}

export class TableReader {
  readonly unparsed: UnparsedRegion[] = [];
  /** Set while reading a table that has a parse error, whose unknown names are not reported. */
  private tableHasParseError = false;
  private readonly regionsByStart = new Map<number, MaskedRegion>();

  constructor(
    private readonly context: AnalysisContext,
    private readonly expansions: ExpansionParser,
  ) {
    for (const region of context.document.mask.regions) {
      this.regionsByStart.set(region.start, region);
    }
  }

  private get document(): ParsedDocument {
    return this.context.document;
  }

  /** Reads every table entry of the document. */
  readEntries(): TableEntry[] {
    const entries: TableEntry[] = [];
    const seen = new Set<number>();

    for (const match of this.document.mask.text.matchAll(TABLE_TYPE_PATTERN)) {
      const node = this.document.tree.rootNode.descendantForIndex(match.index ?? 0);
      const declaration = enclosing(node, 'declaration', 6) ?? this.reparseAlone(match.index ?? 0);
      if (declaration === undefined) {
        this.noteUnparsedDeclaration(node, match.index ?? 0);
        continue;
      }
      if (seen.has(declaration.startIndex)) {
        continue;
      }
      seen.add(declaration.startIndex);
      entries.push(...this.readDeclaration(declaration));
    }

    for (const match of this.document.mask.text.matchAll(SLOT_ASSIGNMENT_PATTERN)) {
      const entry = this.readSlotAssignment(match.index ?? 0, match[1]);
      if (entry !== undefined) {
        entries.push(entry);
      }
    }
    return entries;
  }

  private readDeclaration(declaration: Node): TableEntry[] {
    const typeName = tableTypeName(declaration);
    const layout = typeName === undefined ? undefined : TABLE_LAYOUTS.get(typeName);
    if (layout === undefined) {
      return [];
    }
    const entries: TableEntry[] = [];
    for (const initDeclarator of declaration.childrenForFieldName('declarator')) {
      if (initDeclarator?.type !== 'init_declarator') {
        continue;
      }
      const value = initDeclarator.childForFieldName('value');
      const name = initDeclarator.childForFieldName('declarator');
      if (value?.type !== 'initializer_list' || name === null) {
        continue;
      }
      const tableName = name.text.replace(/\[.*$/s, '').trim();
      // One report per table: while an entry is half typed, tree-sitter's recovery can
      // spread errors over the rest of the file, and names there would look like macros.
      const firstError = value.descendantsOfType('ERROR')[0] ?? null;
      this.tableHasParseError = firstError !== null;
      if (firstError !== null) {
        this.unparsed.push({ reason: 'parse-error', tableName, site: siteOf(firstError) });
      }
      // A single PyMethodDef or PyType_Slot can be declared without an array.
      if (!layout.isArray || name.type !== 'array_declarator') {
        entries.push(this.readStruct(layout, tableName, value));
        continue;
      }
      for (const element of namedChildren(value)) {
        const entry = this.readArrayElement(layout, tableName, element);
        if (entry !== undefined) {
          entries.push(entry);
        }
      }
    }
    return entries;
  }

  /**
   * Records a table declaration that tree-sitter could not read as a declaration: a table
   * type name inside a parse error, followed by `=` and a brace.
   */
  /**
   * Parses a table declaration on its own when the file's parse swallowed it into an
   * error, as a half-typed entry above it can. The text around the table is blanked, so
   * offsets in the new tree are offsets in the file.
   */
  private reparseAlone(offset: number): Node | undefined {
    const text = this.document.mask.text;
    const end = endOfInitializer(text, offset);
    if (end === undefined) {
      return undefined;
    }
    const isolated = blankOutside(text, offset, end);
    const tree = this.expansions.parseIsolated(isolated);
    const node = tree?.rootNode.descendantForIndex(offset);
    const declaration = enclosing(node ?? null, 'declaration', 6);
    return declaration !== undefined && declaration.startIndex === offset ? declaration : undefined;
  }

  private noteUnparsedDeclaration(node: Node | null, offset: number): void {
    if (node === null || enclosing(node, 'ERROR', 4) === undefined) {
      return;
    }
    const after = this.document.mask.text.slice(offset, offset + 200);
    const declared = /^\w+\s+(?:const\s+)?(\w+)\s*(?:\[[^\]]*\]\s*)?=\s*\{/.exec(after);
    if (declared !== null) {
      this.unparsed.push({ reason: 'declaration', tableName: declared[1], site: { start: offset, end: offset + declared[0].length } });
    }
  }

  private readStruct(layout: TableLayout, tableName: string, list: Node): TableEntry {
    return {
      layout,
      tableName,
      fields: this.readFields(layout, list, true),
      site: siteOf(list),
      macro: undefined,
    };
  }

  private readArrayElement(layout: TableLayout, tableName: string, element: Node): TableEntry | undefined {
    const value = element.type === 'initializer_pair' ? element.childForFieldName('value') : element;
    if (value === null) {
      return undefined;
    }
    if (value.type === 'initializer_list') {
      return { layout, tableName, fields: this.readFields(layout, value, false), site: siteOf(value), macro: undefined };
    }

    const use = this.macroUse(value);
    if (use === undefined) {
      this.noteUnknownMacro(tableName, value);
      return undefined;
    }
    const expanded = expandMacro(use.definition, use.argumentsText);
    const entry = expanded === undefined ? undefined : this.expansions.parseEntry(expanded.replace(/,\s*$/, ''));
    if (entry?.type !== 'initializer_list') {
      return undefined;
    }
    return {
      layout,
      tableName,
      fields: this.readFields(layout, entry, false, false),
      site: use.site,
      macro: { definition: use.definition, site: use.site },
    };
  }

  /** Records an array element that looks like a macro use but has no definition pyfpcast can see. */
  private noteUnknownMacro(tableName: string, value: Node): void {
    if (this.tableHasParseError) {
      return;
    }
    const region = this.regionsByStart.get(value.startIndex);
    const callee = value.type === 'call_expression' ? value.childForFieldName('function') : null;
    let name: string | undefined;
    if (region?.kind === 'entry-macro') {
      name = region.name;
    } else if (value.type === 'identifier') {
      name = value.text;
    } else if (callee?.type === 'identifier') {
      name = callee.text;
    }
    if (name === undefined || name === 'NULL') {
      return;
    }
    const site = region === undefined ? siteOf(value) : { start: region.start, end: region.end };
    this.unparsed.push({ reason: 'unknown-macro', tableName, macroName: name, site });
  }

  /** Recognizes an entry written as a macro: masked before parsing, or parsed as an identifier or call. */
  private macroUse(value: Node): { definition: MacroDefinition; argumentsText: string | undefined; site: Site } | undefined {
    const region = this.regionsByStart.get(value.startIndex);
    if (region !== undefined && region.kind === 'entry-macro') {
      const definition = this.context.macros.get(region.name);
      if (definition === undefined) {
        return undefined;
      }
      return { definition, argumentsText: region.argumentsText, site: { start: region.start, end: region.end } };
    }
    if (value.type === 'identifier') {
      const definition = this.context.macros.get(value.text);
      return definition?.parameters === undefined && definition !== undefined
        ? { definition, argumentsText: undefined, site: siteOf(value) }
        : undefined;
    }
    if (value.type === 'call_expression') {
      const callee = value.childForFieldName('function');
      const argumentList = value.childForFieldName('arguments');
      const definition = callee?.type === 'identifier' ? this.context.macros.get(callee.text) : undefined;
      if (definition?.parameters === undefined || argumentList === null) {
        return undefined;
      }
      return { definition, argumentsText: argumentList.text.slice(1, -1), site: siteOf(value) };
    }
    return undefined;
  }

  /**
   * Maps the elements of an initializer list to field names. Positional elements follow
   * the layout's order; with `withHead`, the first element initializes the object head.
   * Each branch of an #if/#elif/#else chain starts at the same position, and the
   * position after #endif is the furthest any branch reached. Directives are known only
   * for lists in the document, not in macro expansions.
   */
  private readFields(layout: TableLayout, list: Node, withHead: boolean, inDocument = true): Map<string, Node> {
    const fields = new Map<string, Node>();
    const directives = inDocument ? this.directivesWithin(list) : [];
    const branches: { start: number; furthest: number }[] = [];
    let directiveIndex = 0;
    let headElements = withHead && layout.hasHead ? 1 : 0;
    let position = 0;

    for (const element of namedChildren(list)) {
      while (directiveIndex < directives.length && directives[directiveIndex].start < element.startIndex) {
        const directive = directives[directiveIndex++];
        if (directive.kind === 'if') {
          branches.push({ start: position, furthest: position });
          continue;
        }
        const branch = branches[branches.length - 1];
        if (branch === undefined) {
          continue;
        }
        branch.furthest = Math.max(branch.furthest, position);
        position = directive.kind === 'endif' ? branch.furthest : branch.start;
        if (directive.kind === 'endif') {
          branches.pop();
        }
      }

      if (element.type === 'initializer_pair') {
        const designator = element.childForFieldName('designator');
        const value = element.childForFieldName('value');
        if (designator?.type === 'field_designator' && value !== null) {
          const name = designator.text.replace(/^\./, '').trim();
          fields.set(name, value);
          const index = layout.fields.findIndex((field) => field.name === name);
          position = index >= 0 ? index + 1 : position;
        }
        headElements = 0;
        continue;
      }

      if (headElements > 0) {
        headElements--;
        // PyObject_HEAD_INIT(type) initializes only the PyObject part; ob_size comes next.
        const region = this.regionsByStart.get(element.startIndex);
        if (inDocument && region?.name === 'PyObject_HEAD_INIT' && layout.kind === 'type') {
          headElements++;
        }
        continue;
      }
      const field = layout.fields[position];
      if (field !== undefined) {
        fields.set(field.name, element);
      }
      position++;
    }
    return fields;
  }

  /** Directives between the elements of `list`, leaving out those inside nested lists. */
  private directivesWithin(list: Node): ConditionalDirective[] {
    const nested = namedChildren(list).filter((element) => element.type === 'initializer_list');
    return this.document.mask.directives.filter(
      (directive) =>
        directive.start > list.startIndex &&
        directive.start < list.endIndex &&
        !nested.some((element) => directive.start > element.startIndex && directive.start < element.endIndex),
    );
  }

  private readSlotAssignment(offset: number, field: string): TableEntry | undefined {
    if (slotFieldTypedef(field) === undefined) {
      return undefined;
    }
    const node = this.document.tree.rootNode.descendantForIndex(offset);
    const assignment = enclosing(node, 'assignment_expression', 4);
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (assignment === undefined || left?.type !== 'field_expression' || right == null) {
      return undefined;
    }
    if (assignment.childForFieldName('operator')?.text !== '=') {
      return undefined;
    }
    const layout = [...TABLE_LAYOUTS.values()].find((candidate) => candidate.fields.some((entry) => entry.name === field));
    if (layout === undefined) {
      return undefined;
    }
    return {
      layout,
      tableName: left.childForFieldName('argument')?.text ?? '',
      fields: new Map([[field, right]]),
      site: siteOf(right),
      macro: undefined,
    };
  }
}
