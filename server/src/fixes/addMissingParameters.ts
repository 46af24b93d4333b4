/**
 * Quick fix: add the trailing parameters CPython passes but the function does not declare,
 * to the definition and every prototype visible to the analysis, and a NULL argument for
 * each of them to every direct call in those files.
 */
import type { Node } from 'web-tree-sitter';

import { Comparison } from '../analysis/compare';
import { FunctionDeclarations } from '../analysis/context';
import { Contract } from '../analysis/contracts';
import { ParsedDocument } from '../analysis/document';
import { FunctionSignature } from '../analysis/signatures';
import { missingParameterText } from '../rules/messages';
import { Fix, TextEdit } from '../rules/types';

export interface AddParametersInput {
  functionName: string;
  declarations: FunctionDeclarations;
  contract: Contract;
  comparison: Comparison;
  /** Contracts of the function's other table entries; a fix for one must not break another. */
  otherContracts: Contract[];
}

/** Returns the fix, or undefined when adding parameters would not make the signature match. */
export function addMissingParametersFix(input: AddParametersInput): Fix | undefined {
  const { declarations, contract, comparison } = input;
  const definition = declarations.definition;
  const actualCount = declarations.effective.parameters.length;

  // Only a pure shortfall of parameters is fixed here: every other difference must be C-only.
  const onlyMissing =
    comparison.differences.some((difference) => difference.kind === 'count' && difference.actual < difference.expected) &&
    comparison.differences.every((difference) => difference.kind === 'count' || difference.effect === 'type');
  // Without the definition, a new prototype would contradict it in another file.
  if (!onlyMissing || definition === undefined || declarations.effective.variadic) {
    return undefined;
  }
  if (input.otherContracts.some((other) => other.parameters.length !== contract.parameters.length)) {
    return undefined;
  }
  if (declarations.all.some((signature) => !signature.unprototyped && signature.parameters.length !== actualCount)) {
    return undefined;
  }

  const taken = new Set(declarations.effective.parameters.map((parameter) => parameter.name ?? ''));
  const added = missingParameterText(contract, actualCount, taken);
  const edits: TextEdit[] = [];
  const documents = new Set<ParsedDocument>();

  for (const signature of declarations.all) {
    const document = declarations.documentOf.get(signature);
    if (document === undefined) {
      continue;
    }
    documents.add(document);
    edits.push(parameterListEdit(document, signature, added));
  }
  const missingArguments = contract.parameters.length - actualCount;
  for (const document of documents) {
    edits.push(...directCallEdits(document, input.functionName, missingArguments));
  }

  // A function with external linkage may be called directly from files this analysis does not see,
  // and an edit that replaces a comment would lose it.
  const replacesComment = edits.some((edit) => /\/[*/]/.test(edit.document.text.slice(edit.start, edit.end)));
  return {
    title: `Add ${added.map((text) => `\`${text}\``).join(', ')} to '${input.functionName}'`,
    safe: definition.isStatic && !replacesComment,
    isPreferred: true,
    edits,
  };
}

function parameterListEdit(document: ParsedDocument, signature: FunctionSignature, added: string[]): TextEdit {
  if (signature.parameters.length === 0) {
    // `(void)` and `()` are both replaced by the whole list.
    const list = signature.parameterList;
    return { document, start: list.startIndex + 1, end: list.endIndex - 1, newText: added.join(', ') };
  }
  // Insert right after the last parameter, so a trailing comment stays where it is.
  const lastParameter = signature.parameters[signature.parameters.length - 1].node;
  return { document, start: lastParameter.endIndex, end: lastParameter.endIndex, newText: `, ${added.join(', ')}` };
}

const callSiteIndexes = new WeakMap<ParsedDocument, Map<string, number[]>>();

/** Returns the offsets of every `name(` in the document by name, computed once per document. */
function callSites(document: ParsedDocument): Map<string, number[]> {
  let index = callSiteIndexes.get(document);
  if (index === undefined) {
    index = new Map();
    for (const match of document.mask.text.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
      const offsets = index.get(match[1]) ?? [];
      offsets.push(match.index ?? 0);
      index.set(match[1], offsets);
    }
    callSiteIndexes.set(document, index);
  }
  return index;
}

/** Finds direct calls `name(...)` and appends one NULL argument per added parameter. */
function directCallEdits(document: ParsedDocument, name: string, count: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const offset of callSites(document).get(name) ?? []) {
    const node = document.tree.rootNode.descendantForIndex(offset);
    const call = findCall(node, name);
    const argumentList = call?.childForFieldName('arguments');
    if (argumentList == null) {
      continue;
    }
    const hasArguments = argumentList.namedChildren.some((child) => child !== null && child.type !== 'comment');
    const nulls = Array.from({ length: count }, () => 'NULL').join(', ');
    const at = argumentList.endIndex - 1;
    edits.push({ document, start: at, end: at, newText: hasArguments ? `, ${nulls}` : nulls });
  }
  return edits;
}

function findCall(node: Node | null, name: string): Node | undefined {
  const call = node?.parent;
  if (call?.type !== 'call_expression') {
    return undefined;
  }
  const callee = call.childForFieldName('function');
  return callee?.type === 'identifier' && callee.text === name ? call : undefined;
}
