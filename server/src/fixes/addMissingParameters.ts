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
import { isEntryMacro, MacroDefinition } from '../analysis/macros';
import { FunctionSignature } from '../analysis/signatures';
import { Site } from '../analysis/tables';
import { missingParameterText } from '../rules/messages';
import { Fix, TextEdit } from '../rules/types';

export interface AddParametersInput {
  functionName: string;
  /** The analyzed file, and where it stores the function in tables; references there are expected. */
  tableDocument: ParsedDocument;
  tableSites: Site[];
  /** Macros visible to the analysis, whose bodies may call or store the function. */
  macros: Iterable<MacroDefinition>;
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
  // A function a macro generates has to be fixed in the macro, which is not done here.
  if (!onlyMissing || definition === undefined || declarations.effective.variadic || declarations.all.some((signature) => signature.generatedBy !== undefined)) {
    return undefined;
  }
  if (input.otherContracts.some((other) => other.parameters.length !== contract.parameters.length)) {
    return undefined;
  }
  if (declarations.all.some((signature) => !signature.unprototyped && signature.parameters.length !== actualCount)) {
    return undefined;
  }

  const existingNames = new Set(declarations.effective.parameters.map((parameter) => parameter.name ?? ''));
  const added = missingParameterText(contract, actualCount, existingNames);
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
  const name = definition.name;
  const missingArguments = contract.parameters.length - actualCount;
  let otherReferences = false;
  documents.add(input.tableDocument);
  for (const document of documents) {
    const references = classifyReferences(document, name, document === input.tableDocument ? input.tableSites : undefined);
    edits.push(...references.calls.map((call) => nullArgumentsEdit(document, call, missingArguments)));
    otherReferences ||= references.others > 0;
  }

  // The fix is safe only when every use of the function is visible and updated. A function
  // with external linkage may be called from other files, a macro may call it or store it,
  // and a function pointer may hold it. An edit that replaces a comment would lose it.
  const usedByMacro = [...input.macros].some((macro) => !isEntryMacro(macro) && new RegExp(`\\b${name}\\b`).test(macro.body));
  const replacesComment = edits.some((edit) => /\/[*/]/.test(edit.document.text.slice(edit.start, edit.end)));
  const reasons = [
    definition.isStatic ? undefined : 'not static, so other files may call it',
    usedByMacro ? 'a macro refers to it' : undefined,
    otherReferences ? 'a reference that is not a call would keep the old type' : undefined,
    name === input.functionName ? undefined : `the table names it through the macro '${input.functionName}'`,
    replacesComment ? 'the edit replaces a comment' : undefined,
  ].filter((reason): reason is string => reason !== undefined);
  const safe = reasons.length === 0;
  const title = `Add ${added.map((text) => `\`${text}\``).join(', ')} to '${name}'`;
  return {
    title: safe ? title : `${title} (review: ${reasons.join('; ')})`,
    safe,
    // Editors may apply a preferred fix on their own, so only a safe fix is preferred.
    isPreferred: safe,
    edits,
  };
}

function parameterListEdit(document: ParsedDocument, signature: FunctionSignature, added: string[]): TextEdit {
  if (signature.parameters.length === 0) {
    // `(void)` and `()` are both replaced by the whole list.
    const list = signature.parameterListRange;
    return { document, start: list.start + 1, end: list.end - 1, newText: added.join(', ') };
  }
  // Insert right after the last parameter, so a trailing comment stays where it is.
  const lastParameter = signature.parameters[signature.parameters.length - 1].range;
  return { document, start: lastParameter.end, end: lastParameter.end, newText: `, ${added.join(', ')}` };
}

const identifierIndexes = new WeakMap<ParsedDocument, Map<string, number[]>>();

/** Returns the offsets of every identifier in the document by name, computed once per document. */
function identifierSites(document: ParsedDocument): Map<string, number[]> {
  let index = identifierIndexes.get(document);
  if (index === undefined) {
    index = new Map();
    for (const match of document.mask.text.matchAll(/[A-Za-z_]\w*/g)) {
      const offsets = index.get(match[0]);
      if (offsets === undefined) {
        index.set(match[0], [match.index ?? 0]);
      } else {
        offsets.push(match.index ?? 0);
      }
    }
    identifierIndexes.set(document, index);
  }
  return index;
}

const SKIPPED_CONTEXTS = new Set(['comment', 'string_content', 'string_literal', 'char_literal', 'preproc_def', 'preproc_function_def', 'preproc_arg']);

/**
 * Sorts the references to `name` in a document: direct calls, which the fix updates,
 * and other references, such as a function pointer initialized with it, which it cannot.
 * Declarations, table entries, comments, strings and macro definitions are left out.
 */
function classifyReferences(document: ParsedDocument, name: string, tableSites: Site[] | undefined): { calls: Node[]; others: number } {
  const calls: Node[] = [];
  let others = 0;
  for (const offset of identifierSites(document).get(name) ?? []) {
    const node = document.tree.rootNode.descendantForIndex(offset);
    if (node === null || SKIPPED_CONTEXTS.has(node.type) || node.text !== name) {
      continue;
    }
    const parent = node.parent;
    if (parent?.type === 'function_declarator' || SKIPPED_CONTEXTS.has(parent?.type ?? '')) {
      continue;
    }
    if (tableSites?.some((site) => offset >= site.start && offset < site.end)) {
      continue;
    }
    const call = findCall(node, name);
    if (call !== undefined) {
      calls.push(call);
    } else {
      others++;
    }
  }
  return { calls, others };
}

/** Appends one NULL argument per added parameter to a direct call. */
function nullArgumentsEdit(document: ParsedDocument, call: Node, count: number): TextEdit {
  const argumentList = call.childForFieldName('arguments') as Node;
  const hasArguments = argumentList.namedChildren.some((child) => child !== null && child.type !== 'comment');
  const nulls = Array.from({ length: count }, () => 'NULL').join(', ');
  const at = argumentList.endIndex - 1;
  return { document, start: at, end: at, newText: hasArguments ? `, ${nulls}` : nulls };
}

function findCall(node: Node | null, name: string): Node | undefined {
  const call = node?.parent;
  if (call?.type !== 'call_expression' || call.childForFieldName('arguments') === null) {
    return undefined;
  }
  const callee = call.childForFieldName('function');
  return callee?.type === 'identifier' && callee.text === name ? call : undefined;
}
