/**
 * C types as the analysis models them: a spelling for messages, a canonical form for comparing
 * C types, and the value class that decides how the type is passed on each target.
 */

/**
 * The class of a value that decides how it is passed. `long` and `size` differ only in
 * their width on Windows x64. `struct` is a structure passed by value, which the wasm C
 * ABI passes through a pointer.
 */
export type ValueClass =
  | 'void'
  | 'int'
  | 'long'
  | 'size'
  | 'longlong'
  | 'float'
  | 'double'
  | 'longdouble'
  | 'pointer'
  | 'struct'
  | 'unknown';

export interface CType {
  /** The type as written, with spacing normalized: `FooObject *`. */
  spelling: string;
  /** The type with known typedefs resolved and top-level qualifiers dropped: `struct _object *`. */
  canonical: string;
  valueClass: ValueClass;
}

/** Targets whose calling conventions pyfpcast compares. */
export type DataModel = 'wasm32' | 'wasm64' | 'llp64';

export const DATA_MODEL_NAMES: Record<DataModel, string> = {
  wasm32: 'wasm32',
  wasm64: 'wasm64 and other LP64 targets (x86-64 Linux, macOS)',
  llp64: 'Windows x64',
};

/**
 * Lowers a value class to the WebAssembly value types it is passed as, following the
 * BasicCABI of WebAssembly/tool-conventions for wasm32 and wasm64. For Windows x64 the
 * result stands for the register width, which is what a mismatch corrupts there.
 */
export function lowerValueClass(valueClass: ValueClass, model: DataModel): string {
  const wide = model !== 'wasm32';
  switch (valueClass) {
    case 'void':
      return '';
    case 'int':
      return 'i32';
    case 'long':
      return model === 'wasm64' ? 'i64' : 'i32';
    case 'size':
    case 'pointer':
    case 'struct':
      return wide ? 'i64' : 'i32';
    case 'longlong':
      return 'i64';
    case 'float':
      return 'f32';
    case 'double':
      return 'f64';
    case 'longdouble':
      return 'i64 i64';
    case 'unknown':
      return '?';
  }
}

interface KnownType {
  canonical: string;
  valueClass: ValueClass;
}

function known(canonical: string, valueClass: ValueClass): KnownType {
  return { canonical, valueClass };
}

/**
 * Base types whose width is known without a declaration in the sources: C's own types,
 * <stdint.h> and <stddef.h> types, and CPython's typedefs (Include/pyport.h for
 * Py_ssize_t and Py_hash_t, Include/object.h for the slot typedefs).
 */
const KNOWN_TYPES: ReadonlyMap<string, KnownType> = new Map<string, KnownType>([
  ['void', known('void', 'void')],
  ['char', known('char', 'int')],
  ['signed char', known('signed char', 'int')],
  ['unsigned char', known('unsigned char', 'int')],
  ['short', known('short', 'int')],
  ['short int', known('short', 'int')],
  ['signed short', known('short', 'int')],
  ['unsigned short', known('unsigned short', 'int')],
  ['unsigned short int', known('unsigned short', 'int')],
  ['int', known('int', 'int')],
  ['signed', known('int', 'int')],
  ['signed int', known('int', 'int')],
  ['unsigned', known('unsigned int', 'int')],
  ['unsigned int', known('unsigned int', 'int')],
  ['long', known('long', 'long')],
  ['long int', known('long', 'long')],
  ['signed long', known('long', 'long')],
  ['unsigned long', known('unsigned long', 'long')],
  ['unsigned long int', known('unsigned long', 'long')],
  ['long long', known('long long', 'longlong')],
  ['long long int', known('long long', 'longlong')],
  ['signed long long', known('long long', 'longlong')],
  ['unsigned long long', known('unsigned long long', 'longlong')],
  ['unsigned long long int', known('unsigned long long', 'longlong')],
  ['float', known('float', 'float')],
  ['double', known('double', 'double')],
  ['long double', known('long double', 'longdouble')],
  ['_Bool', known('_Bool', 'int')],
  ['bool', known('_Bool', 'int')],
  ['wchar_t', known('wchar_t', 'int')],
  ['int8_t', known('int8_t', 'int')],
  ['int16_t', known('int16_t', 'int')],
  ['int32_t', known('int32_t', 'int')],
  ['uint8_t', known('uint8_t', 'int')],
  ['uint16_t', known('uint16_t', 'int')],
  ['uint32_t', known('uint32_t', 'int')],
  ['int64_t', known('int64_t', 'longlong')],
  ['uint64_t', known('uint64_t', 'longlong')],
  ['size_t', known('size_t', 'size')],
  ['ssize_t', known('Py_ssize_t', 'size')],
  ['ptrdiff_t', known('ptrdiff_t', 'size')],
  ['intptr_t', known('intptr_t', 'size')],
  ['uintptr_t', known('uintptr_t', 'size')],
  ['Py_ssize_t', known('Py_ssize_t', 'size')],
  ['Py_hash_t', known('Py_ssize_t', 'size')],
  ['Py_uhash_t', known('size_t', 'size')],
  ['Py_intptr_t', known('intptr_t', 'size')],
  ['Py_uintptr_t', known('uintptr_t', 'size')],
  ['PY_LONG_LONG', known('long long', 'longlong')],
  ['Py_UCS1', known('uint8_t', 'int')],
  ['Py_UCS2', known('uint16_t', 'int')],
  ['Py_UCS4', known('uint32_t', 'int')],
  ['PySendResult', known('PySendResult', 'int')],
  ['PyGILState_STATE', known('PyGILState_STATE', 'int')],
  ['PyObject', known('struct _object', 'struct')],
  ['PyVarObject', known('PyVarObject', 'struct')],
  ['PyTypeObject', known('struct _typeobject', 'struct')],
  ['PyModuleDef', known('struct PyModuleDef', 'struct')],
  ['PyMethodDef', known('struct PyMethodDef', 'struct')],
  ['PyGetSetDef', known('struct PyGetSetDef', 'struct')],
  ['PyMemberDef', known('struct PyMemberDef', 'struct')],
  ['Py_buffer', known('Py_buffer', 'struct')],
  ['FILE', known('FILE', 'struct')],
  // PyMODINIT_FUNC is `Py_EXPORTED_SYMBOL PyObject*` (Include/exports.h, Include/pyport.h).
  ['PyMODINIT_FUNC', known('struct _object *', 'pointer')],
]);

/** CPython's function-pointer typedefs: each is a pointer whatever its prototype. */
const FUNCTION_POINTER_TYPEDEFS = [
  'unaryfunc', 'binaryfunc', 'ternaryfunc', 'inquiry', 'lenfunc', 'ssizeargfunc', 'ssizessizeargfunc',
  'ssizeobjargproc', 'ssizessizeobjargproc', 'objobjargproc', 'objobjproc', 'visitproc', 'traverseproc',
  'freefunc', 'destructor', 'getattrfunc', 'getattrofunc', 'setattrfunc', 'setattrofunc', 'reprfunc',
  'hashfunc', 'richcmpfunc', 'getiterfunc', 'iternextfunc', 'descrgetfunc', 'descrsetfunc', 'initproc',
  'newfunc', 'allocfunc', 'vectorcallfunc', 'sendfunc', 'getbufferproc', 'releasebufferproc', 'getter',
  'setter', 'PyCFunction', 'PyCFunctionWithKeywords', 'PyCFunctionFast', 'PyCFunctionFastWithKeywords',
  '_PyCFunctionFast', '_PyCFunctionFastWithKeywords', 'PyCMethod', 'PyNoArgsFunction', 'wrapperfunc',
  'wrapperfunc_kwds', 'PyCapsule_Destructor', 'Py_tracefunc',
];

/** Looks up the canonical form and value class of a base type (no pointers). */
export function lookupKnownType(spelling: string): KnownType | undefined {
  const found = KNOWN_TYPES.get(spelling);
  if (found !== undefined) {
    return found;
  }
  if (FUNCTION_POINTER_TYPEDEFS.includes(spelling)) {
    return known(spelling, 'pointer');
  }
  return undefined;
}

/** True when both types lower to the same value types on `model`; unknown widths never differ. */
export function sameLowering(a: ValueClass, b: ValueClass, model: DataModel): boolean {
  if (a === 'unknown' || b === 'unknown') {
    return true;
  }
  return lowerValueClass(a, model) === lowerValueClass(b, model);
}
