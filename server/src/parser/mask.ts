/**
 * Masks macros that tree-sitter cannot parse without their definitions, before parsing.
 *
 * Every replacement has the length of the text it replaces and keeps its line breaks,
 * so a position in the masked text is the same position in the source.
 */

export type MaskedRegionKind = 'blank' | 'head-init' | 'entry-macro' | 'unused-parameter';

export interface MaskedRegion {
  kind: MaskedRegionKind;
  /** Offsets into the source text, end exclusive. */
  start: number;
  end: number;
  /** The macro's name as written. */
  name: string;
  /** The text between the parentheses of a function-like macro use. */
  argumentsText?: string;
}

export type DirectiveKind = 'if' | 'elif' | 'else' | 'endif';

/** A conditional-compilation line inside an initializer, blanked so every branch's entries parse. */
export interface ConditionalDirective {
  kind: DirectiveKind;
  start: number;
  end: number;
  text: string;
}

export interface MaskResult {
  text: string;
  regions: MaskedRegion[];
  directives: ConditionalDirective[];
}

export interface MaskOptions {
  /** Macros, object-like or function-like, whose expansion is one whole table entry. */
  entryMacros?: ReadonlySet<string>;
  /** Macros that only add specifiers or attributes; every use is blanked. */
  attributeMacros?: ReadonlySet<string>;
  /** Macros that expand to declarations or statements; a use not followed by `;` is blanked. */
  statementMacros?: ReadonlySet<string>;
}

/**
 * Statement and member macros whose expansions hold unbalanced braces or no semicolon
 * (Include/ceval.h, Include/object.h, Include/cpython/critical_section.h); blanking them
 * leaves the code around them intact.
 */
export const BLANKED_NAMES: ReadonlySet<string> = new Set([
  'Py_BEGIN_ALLOW_THREADS',
  'Py_END_ALLOW_THREADS',
  'Py_BLOCK_THREADS',
  'Py_UNBLOCK_THREADS',
  'PyObject_HEAD',
  'PyObject_VAR_HEAD',
  'PyException_HEAD',
  '_PyObject_HEAD_EXTRA',
  'PyObject_HEAD_EXTRA',
  // Specifiers and attributes from Include/pyport.h and Include/exports.h.
  'Py_ALWAYS_INLINE',
  'Py_NO_INLINE',
  '_Py_NO_RETURN',
  'Py_EXPORTED_SYMBOL',
  'Py_IMPORTED_SYMBOL',
  'Py_LOCAL_SYMBOL',
  '_Py_HOT_FUNCTION',
  '_Py_NO_SANITIZE_UNDEFINED',
]);

const BLANKED_CALLS = new Set([
  'Py_BEGIN_CRITICAL_SECTION',
  'Py_END_CRITICAL_SECTION',
  'Py_BEGIN_CRITICAL_SECTION2',
  'Py_END_CRITICAL_SECTION2',
  'Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST',
  'Py_END_CRITICAL_SECTION_SEQUENCE_FAST',
]);

/** Head initializers: `{ ... },` expansions written without a following comma (Include/object.h). */
const HEAD_INIT_CALLS = new Set(['PyVarObject_HEAD_INIT', 'PyObject_HEAD_INIT']);
const HEAD_INIT_NAMES = new Set(['PyModuleDef_HEAD_INIT']);

/** `Py_UNUSED(name)` (Include/pymacro.h) and NumPy's `NPY_UNUSED(name)` wrap a parameter name. */
const UNUSED_PARAMETER_CALLS = new Set(['Py_UNUSED', 'NPY_UNUSED']);

/** Wrappers of a return type (Include/pyport.h, Include/exports.h): `PyAPI_FUNC(PyObject *) f(void)` keeps `PyObject *`. */
const TYPE_WRAPPER_CALLS = new Set(['PyAPI_FUNC', 'PyAPI_DATA', 'Py_LOCAL', 'Py_LOCAL_INLINE']);

/** Function-like attribute macros, blanked with their arguments. */
const ATTRIBUTE_CALLS = new Set(['Py_GCC_ATTRIBUTE', 'Py_DEPRECATED', '_Py_ALIGNED_DEF', 'Py_ALIGNED']);

/** Type names that start table declarations; an unknown macro right before one is a storage-class macro. */
const TABLE_TYPE_NAMES = new Set([
  'PyTypeObject',
  'PyNumberMethods',
  'PySequenceMethods',
  'PyMappingMethods',
  'PyAsyncMethods',
  'PyBufferProcs',
  'PyMethodDef',
  'PyGetSetDef',
  'PyMemberDef',
  'PyModuleDef',
  'PyModuleDef_Slot',
  'PyType_Slot',
  'PyType_Spec',
]);

/** Argument Clinic names its entry macros `<FUNCTION>_METHODDEF`; each expands to `{...},`. */
const CLINIC_ENTRY_SUFFIX = '_METHODDEF';

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  Hash = 35,
  SingleQuote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Comma = 44,
  Slash = 47,
  Star = 42,
  Equals = 61,
  Backslash = 92,
  OpenBrace = 123,
  CloseBrace = 125,
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57);
}

function isSpace(code: number): boolean {
  return code === Char.Space || code === Char.Tab || code === Char.LineFeed || code === Char.CarriageReturn || code === 11 || code === 12;
}

/** Replaces every character but line breaks with a space. */
export function blankText(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** Keeps `text` between `start` and `end` and blanks the rest, so offsets into it stay offsets into `text`. */
export function blankOutside(text: string, start: number, end: number): string {
  return blankText(text.slice(0, start)) + text.slice(start, end) + blankText(text.slice(end));
}

/**
 * Replaces a macro use with `0` and, when `withComma`, a comma in its last column.
 * A use that spans lines keeps its line breaks, so the comma never lands on a break.
 */
function placeholderText(text: string, withComma: boolean): string {
  const blank = blankText(text);
  let result = '0' + blank.slice(1);
  if (withComma) {
    let last = result.length - 1;
    while (last > 0 && (result[last] === '\n' || result[last] === '\r')) {
      last--;
    }
    result = last > 0 ? result.slice(0, last) + ',' + result.slice(last + 1) : result;
  }
  return result;
}

class Scanner {
  private readonly replacements: Replacement[] = [];
  readonly regions: MaskedRegion[] = [];
  readonly directives: ConditionalDirective[] = [];
  /** One entry per open brace: true when the brace opens an initializer list. */
  private readonly braces: boolean[] = [];
  private previous = '';
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly entryMacros: ReadonlySet<string>,
    private readonly attributeMacros: ReadonlySet<string>,
    private readonly statementMacros: ReadonlySet<string>,
  ) {}

  run(): MaskResult {
    const source = this.source;
    let atLineStart = true;
    this.replacements.push(...deadBranchReplacements(source));

    while (this.position < source.length) {
      const code = source.charCodeAt(this.position);

      if (code === Char.LineFeed) {
        atLineStart = true;
        this.position++;
        continue;
      }
      if (isSpace(code)) {
        this.position++;
        continue;
      }
      if (code === Char.Hash && atLineStart) {
        this.scanDirective();
        continue;
      }
      atLineStart = false;

      if (this.skipComment()) {
        continue;
      }
      if (code === Char.DoubleQuote || code === Char.SingleQuote) {
        this.position = this.endOfQuoted(this.position);
        this.previous = 'literal';
        continue;
      }
      if (isIdentifierStart(code)) {
        this.scanIdentifier();
        continue;
      }
      if (code >= 48 && code <= 57) {
        while (this.position < source.length && (isIdentifierPart(source.charCodeAt(this.position)) || source[this.position] === '.')) {
          this.position++;
        }
        this.previous = 'literal';
        continue;
      }
      this.scanPunctuation(code);
    }

    return { text: this.applyReplacements(), regions: this.regions, directives: this.directives };
  }

  private get inInitializer(): boolean {
    return this.braces.length > 0 && this.braces[this.braces.length - 1];
  }

  private scanPunctuation(code: number): void {
    if (code === Char.OpenBrace) {
      this.braces.push(this.previous === '=' || this.inInitializer);
    } else if (code === Char.CloseBrace) {
      this.braces.pop();
    }
    this.previous = String.fromCharCode(code);
    this.position++;
  }

  private skipComment(): boolean {
    const source = this.source;
    if (source.charCodeAt(this.position) !== Char.Slash) {
      return false;
    }
    const next = source.charCodeAt(this.position + 1);
    if (next === Char.Star) {
      const end = source.indexOf('*/', this.position + 2);
      this.position = end < 0 ? source.length : end + 2;
      return true;
    }
    if (next === Char.Slash) {
      const end = source.indexOf('\n', this.position);
      this.position = end < 0 ? source.length : end;
      return true;
    }
    return false;
  }

  private endOfQuoted(start: number): number {
    const source = this.source;
    const quote = source.charCodeAt(start);
    let index = start + 1;
    while (index < source.length) {
      const code = source.charCodeAt(index);
      if (code === Char.Backslash) {
        index += 2;
        continue;
      }
      if (code === quote) {
        return index + 1;
      }
      // An unterminated literal ends at the line break, as the compiler reads it.
      if (code === Char.LineFeed) {
        return index;
      }
      index++;
    }
    return index;
  }

  /** Reads a whole preprocessor line, following backslash continuations and comments. */
  private endOfDirective(start: number): number {
    const source = this.source;
    let index = start;
    while (index < source.length) {
      const code = source.charCodeAt(index);
      if (code === Char.Backslash && (source[index + 1] === '\n' || (source[index + 1] === '\r' && source[index + 2] === '\n'))) {
        index += source[index + 1] === '\r' ? 3 : 2;
        continue;
      }
      if (code === Char.Slash && source.charCodeAt(index + 1) === Char.Star) {
        const end = source.indexOf('*/', index + 2);
        index = end < 0 ? source.length : end + 2;
        continue;
      }
      if (code === Char.LineFeed) {
        return index;
      }
      index++;
    }
    return index;
  }

  private scanDirective(): void {
    const start = this.position;
    const end = this.endOfDirective(start);
    this.position = end;

    if (!this.inInitializer) {
      return;
    }
    const text = this.source.slice(start, end);
    const keyword = /^#\s*([a-z]+)/.exec(text)?.[1] ?? '';
    const kind = directiveKind(keyword);
    if (kind !== undefined) {
      this.directives.push({ kind, start, end, text: text.trimEnd() });
    }
    // Any directive inside an initializer stops tree-sitter's initializer rule, so all are blanked.
    this.replacements.push({ start, end, text: blankText(text) });
  }

  private scanIdentifier(): void {
    const source = this.source;
    const start = this.position;
    let end = start + 1;
    while (end < source.length && isIdentifierPart(source.charCodeAt(end))) {
      end++;
    }
    const name = source.slice(start, end);
    this.position = end;

    // Finding a call's closing parenthesis costs a scan, so it is done only for the names
    // that masking handles, which are few among a file's identifiers.
    const special =
      BLANKED_NAMES.has(name) ||
      BLANKED_CALLS.has(name) ||
      ATTRIBUTE_CALLS.has(name) ||
      UNUSED_PARAMETER_CALLS.has(name) ||
      TYPE_WRAPPER_CALLS.has(name) ||
      HEAD_INIT_CALLS.has(name) ||
      HEAD_INIT_NAMES.has(name) ||
      name === 'offsetof' ||
      this.attributeMacros.has(name) ||
      this.statementMacros.has(name) ||
      this.inInitializer ||
      /^[A-Z_][A-Z0-9_]*$/.test(name);
    if (!special) {
      this.previous = 'identifier';
      return;
    }
    const callEnd = this.endOfCallArguments(end);
    if (BLANKED_NAMES.has(name) || (this.attributeMacros.has(name) && callEnd === undefined)) {
      this.replace('blank', start, end, name, blankText(name));
      return;
    }
    if (this.statementMacros.has(name) && this.nextSignificant(callEnd ?? end) !== ';') {
      const useEnd = callEnd ?? end;
      this.replace('blank', start, useEnd, name, blankText(source.slice(start, useEnd)));
      return;
    }
    if ((BLANKED_CALLS.has(name) || ATTRIBUTE_CALLS.has(name) || this.attributeMacros.has(name)) && callEnd !== undefined) {
      this.replace('blank', start, callEnd, name, blankText(source.slice(start, callEnd)));
      return;
    }
    // tree-sitter reads `offsetof(T, member)` but not a member path such as `a.b`; the value is never needed.
    if (name === 'offsetof' && callEnd !== undefined) {
      this.replace('blank', start, callEnd, name, placeholderText(source.slice(start, callEnd), false));
      this.previous = 'literal';
      return;
    }
    if ((UNUSED_PARAMETER_CALLS.has(name) || TYPE_WRAPPER_CALLS.has(name)) && callEnd !== undefined) {
      this.unwrapArgument(name, start, callEnd);
      return;
    }
    if (this.inInitializer && this.maskInitializerMacro(name, start, end, callEnd)) {
      return;
    }
    // `NPY_NO_EXPORT PyMethodDef methods[] = {`: a macro tree-sitter would take for the type.
    if (callEnd === undefined && /^[A-Z_][A-Z0-9_]*$/.test(name) && TABLE_TYPE_NAMES.has(this.peekIdentifier(end) ?? '')) {
      this.replace('blank', start, end, name, blankText(name));
      return;
    }
    this.previous = 'identifier';
  }

  /**
   * Keeps only the argument of a wrapper macro: `Py_UNUSED(ignored)` becomes
   * `          ignored ` and `PyAPI_FUNC(int)` becomes `           int `.
   */
  private unwrapArgument(name: string, start: number, callEnd: number): void {
    const open = this.source.indexOf('(', start + name.length);
    const inner = this.source.slice(open + 1, callEnd - 1);
    if (inner.includes('\n')) {
      this.previous = 'identifier';
      return;
    }
    const text = ' '.repeat(open + 1 - start) + inner + ' ';
    const kind = UNUSED_PARAMETER_CALLS.has(name) ? 'unused-parameter' : 'blank';
    this.replace(kind, start, callEnd, name, text, inner.trim());
    this.previous = 'identifier';
  }

  private maskInitializerMacro(name: string, start: number, end: number, callEnd: number | undefined): boolean {
    const useEnd = callEnd ?? end;
    const next = this.nextSignificant(useEnd);
    const followedBySeparator = next === ',' || next === '}' || next === '';
    const argumentsText = callEnd === undefined ? undefined : this.source.slice(end + 1, callEnd - 1);

    if ((HEAD_INIT_CALLS.has(name) && callEnd !== undefined) || HEAD_INIT_NAMES.has(name)) {
      const text = placeholderText(this.source.slice(start, useEnd), !followedBySeparator);
      this.replace('head-init', start, useEnd, name, text, argumentsText);
      this.previous = followedBySeparator ? 'identifier' : 'entry';
      return true;
    }

    const atEntryStart = this.previous === '{' || this.previous === ',' || this.previous === 'entry';
    if (!atEntryStart) {
      return false;
    }
    // An identifier directly followed by another identifier or a brace is never valid C,
    // so it must be a macro that expands to a whole entry with its own trailing comma.
    // Adjacent names that end in a string literal are string macros being concatenated,
    // as in `PACKAGE PREFIX "Name"`. tree-sitter reads one name before a string as part of
    // the concatenation, so every name but the last is blanked.
    if (next === 'identifier' && callEnd === undefined && this.chainEndsInString(useEnd)) {
      this.replace('blank', start, end, name, blankText(name));
      return true;
    }
    const followedByEntry = next === '{' || next === 'identifier';
    const known = this.entryMacros.has(name) || name.endsWith(CLINIC_ENTRY_SUFFIX);
    if (!followedByEntry && !known) {
      return false;
    }
    const text = placeholderText(this.source.slice(start, useEnd), !followedBySeparator);
    this.replace('entry-macro', start, useEnd, name, text, argumentsText);
    this.previous = followedBySeparator ? 'identifier' : 'entry';
    return true;
  }

  private replace(kind: MaskedRegionKind, start: number, end: number, name: string, text: string, argumentsText?: string): void {
    this.replacements.push({ start, end, text });
    this.regions.push({ kind, start, end, name, ...(argumentsText === undefined ? {} : { argumentsText }) });
    this.position = end;
  }

  /** Returns the offset after the `)` that closes a call starting at `from`, or undefined when no `(` follows. */
  private endOfCallArguments(from: number): number | undefined {
    const source = this.source;
    let index = from;
    while (index < source.length && isSpace(source.charCodeAt(index)) && source[index] !== '\n') {
      index++;
    }
    if (source.charCodeAt(index) !== Char.OpenParen) {
      return undefined;
    }
    let depth = 0;
    while (index < source.length) {
      const code = source.charCodeAt(index);
      if (code === Char.DoubleQuote || code === Char.SingleQuote) {
        index = this.endOfQuoted(index);
        continue;
      }
      if (code === Char.OpenParen) {
        depth++;
      } else if (code === Char.CloseParen) {
        depth--;
        if (depth === 0) {
          return index + 1;
        }
      } else if (code === Char.OpenBrace || code === Char.CloseBrace || code === 59 /* ; */) {
        // A brace or semicolon before the closing parenthesis means this is no macro call.
        return undefined;
      }
      index++;
    }
    return undefined;
  }

  /** True when the names (and their call arguments) that follow `from` are followed by a string literal. */
  private chainEndsInString(from: number): boolean {
    let index = from;
    for (let steps = 0; steps < 16; steps++) {
      const next = this.nextSignificant(index);
      if (next === '"') {
        return true;
      }
      if (next !== 'identifier') {
        return false;
      }
      index = this.source.slice(index).search(/[A-Za-z_]/) + index;
      const match = /^[A-Za-z_]\w*/.exec(this.source.slice(index, index + 256));
      index += match?.[0].length ?? 1;
      index = this.endOfCallArguments(index) ?? index;
    }
    return false;
  }

  /** Returns the identifier that follows `from` after spaces and comments, if one does. */
  private peekIdentifier(from: number): string | undefined {
    const source = this.source;
    let index = from;
    while (index < source.length) {
      if (isSpace(source.charCodeAt(index))) {
        index++;
        continue;
      }
      if (source.startsWith('/*', index)) {
        const end = source.indexOf('*/', index + 2);
        index = end < 0 ? source.length : end + 2;
        continue;
      }
      break;
    }
    const match = /^[A-Za-z_]\w*/.exec(source.slice(index, index + 64));
    return match?.[0];
  }

  /** Classifies the next token after `from`, skipping spaces, comments and preprocessor lines. */
  private nextSignificant(from: number): string {
    const source = this.source;
    let index = from;
    let atLineStart = false;
    while (index < source.length) {
      const code = source.charCodeAt(index);
      if (code === Char.LineFeed) {
        atLineStart = true;
        index++;
        continue;
      }
      if (isSpace(code)) {
        index++;
        continue;
      }
      if (code === Char.Hash && atLineStart) {
        index = this.endOfDirective(index);
        continue;
      }
      if (code === Char.Slash && source.charCodeAt(index + 1) === Char.Star) {
        const end = source.indexOf('*/', index + 2);
        index = end < 0 ? source.length : end + 2;
        continue;
      }
      if (code === Char.Slash && source.charCodeAt(index + 1) === Char.Slash) {
        const end = source.indexOf('\n', index);
        index = end < 0 ? source.length : end;
        continue;
      }
      if (isIdentifierStart(code)) {
        return 'identifier';
      }
      return source[index];
    }
    return '';
  }

  private applyReplacements(): string {
    if (this.replacements.length === 0) {
      return this.source;
    }
    this.replacements.sort((a, b) => a.start - b.start);
    const parts: string[] = [];
    let cursor = 0;
    for (const replacement of this.replacements) {
      if (replacement.start < cursor) {
        continue;
      }
      parts.push(this.source.slice(cursor, replacement.start), replacement.text);
      cursor = replacement.end;
    }
    parts.push(this.source.slice(cursor));
    return parts.join('');
  }
}

const DIRECTIVE_LINE = /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|elifdef|elifndef|else|endif)\b(.*)$/;
const ALWAYS_FALSE = /^\s*\(?\s*0\s*\)?\s*(?:\/\/.*|\/\*.*)?$/;
const ALWAYS_TRUE = /^\s*\(?\s*1\s*\)?\s*(?:\/\/.*|\/\*.*)?$/;

/**
 * Blanks code the compiler never compiles: the body of `#if 0` and the `#else` or `#elif`
 * branches of `#if 1`, up to the matching directive. The directive lines stay.
 */
function deadBranchReplacements(source: string): Replacement[] {
  const replacements: Replacement[] = [];
  // Per open #if: whether the current branch is dead, and where its body starts.
  const stack: { deadFrom: number | undefined; takenAlways: boolean }[] = [];
  let lineStart = 0;

  while (lineStart < source.length) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = source.length;
    }
    const directive = DIRECTIVE_LINE.exec(source.slice(lineStart, lineEnd));
    if (directive !== null) {
      const kind = directiveKind(directive[1]);
      const top = stack[stack.length - 1];
      const insideDead = stack.some((entry) => entry.deadFrom !== undefined);
      if (kind === 'if') {
        const isFalse = !insideDead && directive[1] === 'if' && ALWAYS_FALSE.test(directive[2]);
        const isTrue = !insideDead && directive[1] === 'if' && ALWAYS_TRUE.test(directive[2]);
        stack.push({ deadFrom: isFalse ? lineEnd : undefined, takenAlways: isTrue });
      } else if (top !== undefined && (kind === 'elif' || kind === 'else' || kind === 'endif')) {
        if (top.deadFrom !== undefined) {
          replacements.push({ start: top.deadFrom, end: lineStart, text: blankText(source.slice(top.deadFrom, lineStart)) });
          top.deadFrom = undefined;
        }
        if (kind === 'endif') {
          stack.pop();
        } else if (top.takenAlways) {
          top.deadFrom = lineEnd;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return replacements;
}

function directiveKind(keyword: string): DirectiveKind | undefined {
  switch (keyword) {
    case 'if':
    case 'ifdef':
    case 'ifndef':
      return 'if';
    case 'elif':
    case 'elifdef':
    case 'elifndef':
      return 'elif';
    case 'else':
      return 'else';
    case 'endif':
      return 'endif';
    default:
      return undefined;
  }
}

/** Masks the macros of `source` that would otherwise turn into parse errors. */
export function maskSource(source: string, options: MaskOptions = {}): MaskResult {
  const none = new Set<string>();
  return new Scanner(source, options.entryMacros ?? none, options.attributeMacros ?? none, options.statementMacros ?? none).run();
}
