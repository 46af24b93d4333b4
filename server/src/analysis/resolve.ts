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

export function resolveFunctionReference(expression: Node): FunctionReference | undefined {
  const casts: string[] = [];
  let node: Node | null = expression;

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
      case 'pointer_expression':
        if (node.childForFieldName('operator')?.text !== '&') {
          return undefined;
        }
        node = node.childForFieldName('argument');
        continue;
      case 'call_expression': {
        const callee = node.childForFieldName('function');
        const argumentNodes = node.childForFieldName('arguments')?.namedChildren.filter((child) => child !== null && child.type !== 'comment') ?? [];
        if (callee?.type !== 'identifier' || !CAST_MACRO.test(callee.text) || argumentNodes.length !== 1) {
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
