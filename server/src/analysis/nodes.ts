import type { Node } from 'web-tree-sitter';

/** Returns the nearest node of one of `types` at or above `node`, looking at most `limit` levels up. */
export function enclosing(node: Node | null, types: string | readonly string[], limit = 8): Node | undefined {
  const wanted = typeof types === 'string' ? [types] : types;
  let current = node;
  for (let depth = 0; current !== null && depth < limit; depth++) {
    if (wanted.includes(current.type)) {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}
