/**
 * A parsed C file: its text, the masked text tree-sitter parsed, the tree, and the
 * macros and local includes read from its directives.
 */
import type { Edit, Parser, Tree } from 'web-tree-sitter';

import { BLANKED_NAMES, MaskOptions, maskSource, MaskResult } from '../parser/mask';
import { IncludeDirective, isAttributeMacro, isEntryMacro, isStatementMacro, MacroDefinition, scanDirectives } from './macros';

export interface ParsedDocument {
  path: string;
  text: string;
  mask: MaskResult;
  tree: Tree;
  macros: MacroDefinition[];
  includes: IncludeDirective[];
  /** Offsets of line starts, for converting offsets to positions. */
  lineStarts: number[];
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units, as the Language Server Protocol counts. */
  character: number;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

export function positionAt(document: { lineStarts: number[] }, offset: number): Position {
  const starts = document.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return { line: low, character: offset - starts[low] };
}

/** Sorts the macros of a file and its headers into the kinds that masking treats specially. */
export function maskOptionsFor(macros: Iterable<MacroDefinition>): Required<MaskOptions> {
  const options = { entryMacros: new Set<string>(), attributeMacros: new Set<string>(), statementMacros: new Set<string>() };
  for (const macro of macros) {
    if (isEntryMacro(macro)) {
      options.entryMacros.add(macro.name);
    } else if (isAttributeMacro(macro)) {
      options.attributeMacros.add(macro.name);
    } else if (isStatementMacro(macro, BLANKED_NAMES)) {
      options.statementMacros.add(macro.name);
    }
  }
  return options;
}

/**
 * Finds the single edit that turns `before` into `after`, so tree-sitter can reuse the
 * unchanged parts of the old tree. Masking can change text away from the user's edit
 * (a new `#define` changes how later uses are masked), so the edit is taken from the
 * masked texts, not from the editor's change events.
 */
export function diffAsEdit(before: string, after: string, lineStartsBefore: number[], lineStartsAfter: number[]): Edit | undefined {
  if (before === after) {
    return undefined;
  }
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  const point = (starts: number[], offset: number) => {
    const position = positionAt({ lineStarts: starts }, offset);
    return { row: position.line, column: position.character };
  };
  return {
    startIndex: prefix,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: point(lineStartsBefore, prefix),
    oldEndPosition: point(lineStartsBefore, oldEnd),
    newEndPosition: point(lineStartsAfter, newEnd),
  };
}

/**
 * Parses `text`. With `previous`, the previous version of the same file, tree-sitter
 * reparses incrementally and only the changed region is parsed again.
 */
export function parseDocument(
  parser: Parser,
  path: string,
  text: string,
  externalMacros: Iterable<MacroDefinition> = [],
  previous?: ParsedDocument,
): ParsedDocument {
  const { macros, includes } = scanDirectives(text, path);
  const mask = maskSource(text, maskOptionsFor([...externalMacros, ...macros]));
  const lineStarts = computeLineStarts(text);

  let oldTree: Tree | undefined;
  if (previous !== undefined) {
    const edit = diffAsEdit(previous.mask.text, mask.text, previous.lineStarts, lineStarts);
    if (edit === undefined) {
      return { ...previous, path, text, mask, macros, includes, lineStarts };
    }
    oldTree = previous.tree.copy();
    oldTree.edit(edit);
  }

  const tree = parser.parse(mask.text, oldTree);
  oldTree?.delete();
  if (tree === null) {
    throw new Error(`tree-sitter returned no tree for ${path}`);
  }
  return { path, text, mask, tree, macros, includes, lineStarts };
}
