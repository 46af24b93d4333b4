/**
 * METH_* flags of PyMethodDef.ml_flags (Include/methodobject.h, values unchanged from
 * CPython 3.8 to 3.13) and the calling conventions they select.
 */

export const METHOD_FLAGS: Readonly<Record<string, number>> = {
  METH_VARARGS: 0x0001,
  METH_KEYWORDS: 0x0002,
  METH_NOARGS: 0x0004,
  METH_O: 0x0008,
  METH_CLASS: 0x0010,
  METH_STATIC: 0x0020,
  METH_COEXIST: 0x0040,
  METH_FASTCALL: 0x0080,
  // Stackless Python only; 0 in every CPython build.
  METH_STACKLESS: 0x0000,
  METH_METHOD: 0x0200,
};

export const CALL_FLAGS_MASK =
  METHOD_FLAGS.METH_VARARGS |
  METHOD_FLAGS.METH_KEYWORDS |
  METHOD_FLAGS.METH_NOARGS |
  METHOD_FLAGS.METH_O |
  METHOD_FLAGS.METH_FASTCALL |
  METHOD_FLAGS.METH_METHOD;

export interface CallingConvention {
  /** The call flags as a number. */
  value: number;
  /** The call flags as written in C. */
  flags: string;
  /** The key of the prototype in CONTRACT_PROTOTYPES. */
  contract: string;
  /** Routed through CPython's Emscripten call trampoline (Objects/methodobject.c, 3.11+). */
  trampolined: boolean;
}

/**
 * The seven valid values of `ml_flags & CALL_FLAGS_MASK`; CPython rejects any other with
 * "bad call flags" when it creates the function (Objects/methodobject.c, Objects/descrobject.c).
 */
export const CALLING_CONVENTIONS: ReadonlyMap<number, CallingConvention> = new Map([
  [0x0001, { value: 0x0001, flags: 'METH_VARARGS', contract: 'PyCFunction', trampolined: true }],
  [0x0003, { value: 0x0003, flags: 'METH_VARARGS | METH_KEYWORDS', contract: 'PyCFunctionWithKeywords', trampolined: true }],
  [0x0004, { value: 0x0004, flags: 'METH_NOARGS', contract: 'METH_NOARGS', trampolined: true }],
  [0x0008, { value: 0x0008, flags: 'METH_O', contract: 'METH_O', trampolined: true }],
  [0x0080, { value: 0x0080, flags: 'METH_FASTCALL', contract: 'PyCFunctionFast', trampolined: false }],
  [0x0082, { value: 0x0082, flags: 'METH_FASTCALL | METH_KEYWORDS', contract: 'PyCFunctionFastWithKeywords', trampolined: false }],
  [0x0282, { value: 0x0282, flags: 'METH_METHOD | METH_FASTCALL | METH_KEYWORDS', contract: 'PyCMethod', trampolined: false }],
]);

export type FlagsProblem = 'bad-call-flags' | 'class-and-static' | 'method-without-fastcall-keywords';

/** Returns what CPython rejects in `flags`, or undefined when the combination is valid. */
export function findFlagsProblem(flags: number): FlagsProblem | undefined {
  const call = flags & CALL_FLAGS_MASK;
  if (flags & METHOD_FLAGS.METH_CLASS && flags & METHOD_FLAGS.METH_STATIC) {
    return 'class-and-static';
  }
  if (flags & METHOD_FLAGS.METH_METHOD && call !== 0x0282) {
    return 'method-without-fastcall-keywords';
  }
  if (!CALLING_CONVENTIONS.has(call)) {
    return 'bad-call-flags';
  }
  return undefined;
}

/** Spells a flags value as METH_* names, for messages. */
export function spellFlags(flags: number): string {
  const names = Object.entries(METHOD_FLAGS)
    .filter(([, value]) => value !== 0 && (flags & value) === value)
    .map(([name]) => name);
  const rest = Object.values(METHOD_FLAGS).reduce((remaining, value) => remaining & ~value, flags);
  if (rest !== 0) {
    names.push(`0x${rest.toString(16)}`);
  }
  return names.length === 0 ? '0' : names.join(' | ');
}
