/**
 * Finds the function a table entry stores, looking through the casts and macros that
 * extensions wrap function references in.
 */
import type { Node } from 'web-tree-sitter';

/**
 * Casting macros such as `_PyCFunction_CAST(f)` (Include/methodobject.h, CPython 3.11+)
 * and project macros named like it take the function as their only argument.
 */
const CAST_MACRO = /(^|_)CAST$/i;

export interface FunctionReference {
  name: string;
  node: Node;
  /** The types the reference is cast to, outermost first, as written. */
  casts: string[];
}

/** Expands a function-like macro call into the expression it stands for, if the macro is known. */
export type MacroExpander = (name: string, argumentsText: string) => Node | undefined;

const MAX_EXPANSIONS = 8;

/**
 * Follows an expression to the function it names. A call in a static initializer cannot
 * be a function call (C17 6.7.9p4 requires constant expressions), so a call is a macro.
 * A known macro is expanded, and an unknown one is looked through only when its name
 * ends in CAST.
 */
export function resolveFunctionReference(expression: Node, expand?: MacroExpander): FunctionReference | undefined {
  const casts: string[] = [];
  let node: Node | null = expression;
  let expansions = 0;

  while (node !== null) {
    switch (node.type) {
      case 'identifier':
        return { name: node.text, node, casts };
      case 'parenthesized_expression':
        node = node.namedChildren.find((child) => child !== null && child.type !== 'comment') ?? null;
        continue;
      case 'cast_expression':
        casts.push(node.childForFieldName('type')?.text ?? '');
        node = node.childForFieldName('value');
        continue;
      case 'binary_expression': {
        // tree-sitter reads `(PyCFunction)&f` as `(PyCFunction) & f`, a bitwise and.
        const left = node.childForFieldName('left');
        const operator = node.childForFieldName('operator')?.text;
        if (operator !== '&' || left?.type !== 'parenthesized_expression' || !/^\(\s*[A-Za-z_]\w*\s*\)$/.test(left.text)) {
          return undefined;
        }
        casts.push(left.text.slice(1, -1).trim());
        node = node.childForFieldName('right');
        continue;
      }
      case 'pointer_expression':
        if (node.childForFieldName('operator')?.text !== '&') {
          return undefined;
        }
        node = node.childForFieldName('argument');
        continue;
      case 'call_expression': {
        const callee = node.childForFieldName('function');
        const argumentNodes = node.childForFieldName('arguments')?.namedChildren.filter((child) => child !== null && child.type !== 'comment') ?? [];
        if (callee?.type !== 'identifier') {
          return undefined;
        }
        const argumentList = node.childForFieldName('arguments');
        const expanded = expand !== undefined && argumentList !== null && expansions < MAX_EXPANSIONS ? expand(callee.text, argumentList.text.slice(1, -1)) : undefined;
        if (expanded !== undefined) {
          expansions++;
          casts.push(callee.text);
          node = expanded;
          continue;
        }
        if (!CAST_MACRO.test(callee.text) || argumentNodes.length !== 1) {
          return undefined;
        }
        casts.push(callee.text);
        node = argumentNodes[0];
        continue;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}
