/**
 * Constant-folds the `ml_flags` expression of a PyMethodDef entry: METH_* names, numbers,
 * object-like macros that expand to them, `|` and parentheses.
 */
import { METHOD_FLAGS } from '../capi/methodFlags';
import { MacroDefinition } from './macros';

const MAX_MACRO_DEPTH = 8;

function parseNumber(text: string): number | undefined {
  const digits = text.replace(/[uUlL]+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(digits)) {
    return parseInt(digits.slice(2), 16);
  }
  if (/^0[0-7]*$/.test(digits)) {
    return parseInt(digits, 8);
  }
  if (/^[1-9]\d*$/.test(digits)) {
    return parseInt(digits, 10);
  }
  return undefined;
}

/** Returns the folded value, or undefined when any part is not a known constant. */
export function foldFlags(text: string, macros: ReadonlyMap<string, MacroDefinition>, depth = 0): number | undefined {
  if (depth > MAX_MACRO_DEPTH) {
    return undefined;
  }
  // Casts such as `(int)` are dropped; only `|` and parentheses combine values.
  const expression = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\(\s*(?:unsigned\s+)?(?:int|long)\s*\)/g, ' ');
  const tokens = expression.match(/[A-Za-z_]\w*|\d\w*|[|()]|\S/g) ?? [];
  let value = 0;
  for (const token of tokens) {
    if (token === '|' || token === '(' || token === ')') {
      continue;
    }
    const term = foldTerm(token, macros, depth);
    if (term === undefined) {
      return undefined;
    }
    value |= term;
  }
  return tokens.length === 0 ? undefined : value;
}

function foldTerm(token: string, macros: ReadonlyMap<string, MacroDefinition>, depth: number): number | undefined {
  if (/^\d/.test(token)) {
    return parseNumber(token);
  }
  if (token in METHOD_FLAGS) {
    return METHOD_FLAGS[token];
  }
  const macro = macros.get(token);
  if (macro === undefined || macro.parameters !== undefined) {
    return undefined;
  }
  return foldFlags(macro.body, macros, depth + 1);
}
