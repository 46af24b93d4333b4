/**
 * Preprocessor macros read from a file's text: `#define` lines, with enough expansion to
 * turn a table-entry macro use back into the entry it stands for.
 */

export interface MacroDefinition {
  name: string;
  /** Parameter names of a function-like macro; undefined for an object-like macro. */
  parameters: string[] | undefined;
  body: string;
  file: string;
  /** Offset of the macro's name in its file. */
  offset: number;
}

export interface IncludeDirective {
  path: string;
  /** Offset of the `#` that starts the directive. */
  offset: number;
}

const DIRECTIVE = /^[ \t]*#[ \t]*(define|include)\b((?:[^\n\\]|\\\r?\n|\\.)*)/gm;

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
}

/** Reads the `#define` and `#include "..."` lines of a file. */
export function scanDirectives(text: string, file: string): { macros: MacroDefinition[]; includes: IncludeDirective[] } {
  const macros: MacroDefinition[] = [];
  const includes: IncludeDirective[] = [];

  for (const match of text.matchAll(DIRECTIVE)) {
    const rest = match[2].replace(/\\\r?\n/g, ' ');
    const offset = match.index ?? 0;

    if (match[1] === 'include') {
      const quoted = /^\s*"([^"]+)"/.exec(rest);
      if (quoted !== null) {
        includes.push({ path: quoted[1], offset });
      }
      continue;
    }

    const head = /^\s*([A-Za-z_]\w*)(\(([^)]*)\))?/.exec(rest);
    if (head === null) {
      continue;
    }
    const parameters = head[2] === undefined ? undefined : head[3].split(',').map((parameter) => parameter.trim()).filter(Boolean);
    const body = stripComments(rest.slice(head[0].length)).trim();
    const nameOffset = offset + match[0].indexOf(head[1], match[0].indexOf('define') + 6);
    macros.push({ name: head[1], parameters, body, file, offset: nameOffset });
  }
  return { macros, includes };
}

/** True when the macro expands to a whole brace-enclosed table entry. */
export function isEntryMacro(macro: MacroDefinition): boolean {
  return /^\{[\s\S]*\}\s*,?$/.test(macro.body);
}

/** Bodies made only of specifiers and attributes: `__attribute__((noinline))`, `static inline`, or nothing. */
const ATTRIBUTE_BODY = /^(?:\s*(?:__attribute__\s*\(\(.*\)\)|__declspec\s*\(.*\)|inline|__inline|__inline__|__forceinline|static|extern|Py_ALWAYS_INLINE|Py_NO_INLINE|Py_LOCAL_SYMBOL|Py_EXPORTED_SYMBOL|Py_IMPORTED_SYMBOL))*\s*$/;

/** True when the macro only adds specifiers or attributes to a declaration, so it can be blanked. */
export function isAttributeMacro(macro: MacroDefinition): boolean {
  return ATTRIBUTE_BODY.test(macro.body);
}

/**
 * True when the macro stands for declarations or statements with their own semicolons
 * or braces (`#define Lmdb_HEAD PyObject_HEAD int valid;`), so a use with no semicolon
 * after it can be blanked.
 */
export function isStatementMacro(macro: MacroDefinition, blankedNames: ReadonlySet<string>): boolean {
  if (isEntryMacro(macro)) {
    return false;
  }
  return /[;{}]$/.test(macro.body) || blankedNames.has(macro.body);
}

/** Splits a macro call's argument text at top-level commas. */
export function splitArguments(argumentsText: string): string[] {
  const result: string[] = [];
  let depth = 0;
  let current = '';
  let quote: string | undefined;

  for (let index = 0; index < argumentsText.length; index++) {
    const char = argumentsText[index];
    if (quote !== undefined) {
      current += char;
      if (char === '\\') {
        current += argumentsText[++index] ?? '';
      } else if (char === quote) {
        quote = undefined;
      }
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '(' || char === '{' || char === '[') {
      depth++;
    } else if (char === ')' || char === '}' || char === ']') {
      depth--;
    } else if (char === ',' && depth === 0) {
      result.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  if (current.trim() !== '' || result.length > 0) {
    result.push(current.trim());
  }
  return result;
}

/**
 * Expands one macro use: parameters are substituted, `#param` is stringified and `##`
 * pastes tokens (C17 6.10.3.2, 6.10.3.3). Macros inside the body are left as written.
 */
export function expandMacro(macro: MacroDefinition, argumentsText: string | undefined): string | undefined {
  if (macro.parameters === undefined) {
    return macro.body;
  }
  if (argumentsText === undefined) {
    return undefined;
  }
  const values = splitArguments(argumentsText);
  const isVariadic = macro.parameters[macro.parameters.length - 1] === '...';
  const named = isVariadic ? macro.parameters.slice(0, -1) : macro.parameters;
  if (values.length < named.length || (!isVariadic && values.length > Math.max(named.length, 1))) {
    return undefined;
  }
  const bindings = new Map<string, string>(named.map((parameter, index) => [parameter, values[index] ?? '']));
  if (isVariadic) {
    bindings.set('__VA_ARGS__', values.slice(named.length).join(', '));
  }

  const stringified = macro.body.replace(/#\s*([A-Za-z_]\w*)/g, (whole, name: string, index: number, body: string) => {
    if (body[index + 1] === '#' || body[index - 1] === '#' || !bindings.has(name)) {
      return whole;
    }
    return JSON.stringify(bindings.get(name));
  });
  const substituted = stringified.replace(/"(?:[^"\\]|\\.)*"|[A-Za-z_]\w*/g, (token) =>
    token.startsWith('"') ? token : (bindings.get(token) ?? token),
  );
  return substituted.replace(/\s*##\s*/g, '');
}
