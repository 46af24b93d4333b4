/**
 * Field order of the CPython structs whose initializers store functions. A field maps
 * to the typedef of the function stored there, or to null for data. Sources:
 * Include/cpython/object.h (PyTypeObject and its method suites, CPython 3.8 to 3.13),
 * Include/methodobject.h (PyMethodDef), Include/descrobject.h (PyGetSetDef),
 * Include/moduleobject.h (PyModuleDef, PyModuleDef_Slot) and Include/object.h (PyType_Slot).
 */

export interface StructField {
  name: string;
  typedef: string | null;
}

function fields(list: ReadonlyArray<readonly [string, string | null]>): StructField[] {
  return list.map(([name, typedef]) => ({ name, typedef }));
}

/** PyTypeObject after its PyObject_VAR_HEAD, for CPython 3.8 to 3.13. */
// TODO: positional initializers follow 3.8-3.13 only; 3.14 field order is not modelled yet.
export const TYPE_OBJECT_FIELDS = fields([
  ['tp_name', null],
  ['tp_basicsize', null],
  ['tp_itemsize', null],
  ['tp_dealloc', 'destructor'],
  // A Py_ssize_t offset since 3.8; it was `printfunc tp_print` before.
  ['tp_vectorcall_offset', null],
  ['tp_getattr', 'getattrfunc'],
  ['tp_setattr', 'setattrfunc'],
  ['tp_as_async', null],
  ['tp_repr', 'reprfunc'],
  ['tp_as_number', null],
  ['tp_as_sequence', null],
  ['tp_as_mapping', null],
  ['tp_hash', 'hashfunc'],
  ['tp_call', 'ternaryfunc'],
  ['tp_str', 'reprfunc'],
  ['tp_getattro', 'getattrofunc'],
  ['tp_setattro', 'setattrofunc'],
  ['tp_as_buffer', null],
  ['tp_flags', null],
  ['tp_doc', null],
  ['tp_traverse', 'traverseproc'],
  ['tp_clear', 'inquiry'],
  ['tp_richcompare', 'richcmpfunc'],
  ['tp_weaklistoffset', null],
  ['tp_iter', 'getiterfunc'],
  ['tp_iternext', 'iternextfunc'],
  ['tp_methods', null],
  ['tp_members', null],
  ['tp_getset', null],
  ['tp_base', null],
  ['tp_dict', null],
  ['tp_descr_get', 'descrgetfunc'],
  ['tp_descr_set', 'descrsetfunc'],
  ['tp_dictoffset', null],
  ['tp_init', 'initproc'],
  ['tp_alloc', 'allocfunc'],
  ['tp_new', 'newfunc'],
  ['tp_free', 'freefunc'],
  ['tp_is_gc', 'inquiry'],
  ['tp_bases', null],
  ['tp_mro', null],
  ['tp_cache', null],
  ['tp_subclasses', null],
  ['tp_weaklist', null],
  ['tp_del', 'destructor'],
  ['tp_version_tag', null],
  ['tp_finalize', 'destructor'],
  ['tp_vectorcall', 'vectorcallfunc'],
]);

export const NUMBER_METHODS_FIELDS = fields([
  ['nb_add', 'binaryfunc'],
  ['nb_subtract', 'binaryfunc'],
  ['nb_multiply', 'binaryfunc'],
  ['nb_remainder', 'binaryfunc'],
  ['nb_divmod', 'binaryfunc'],
  ['nb_power', 'ternaryfunc'],
  ['nb_negative', 'unaryfunc'],
  ['nb_positive', 'unaryfunc'],
  ['nb_absolute', 'unaryfunc'],
  ['nb_bool', 'inquiry'],
  ['nb_invert', 'unaryfunc'],
  ['nb_lshift', 'binaryfunc'],
  ['nb_rshift', 'binaryfunc'],
  ['nb_and', 'binaryfunc'],
  ['nb_xor', 'binaryfunc'],
  ['nb_or', 'binaryfunc'],
  ['nb_int', 'unaryfunc'],
  ['nb_reserved', null],
  ['nb_float', 'unaryfunc'],
  ['nb_inplace_add', 'binaryfunc'],
  ['nb_inplace_subtract', 'binaryfunc'],
  ['nb_inplace_multiply', 'binaryfunc'],
  ['nb_inplace_remainder', 'binaryfunc'],
  ['nb_inplace_power', 'ternaryfunc'],
  ['nb_inplace_lshift', 'binaryfunc'],
  ['nb_inplace_rshift', 'binaryfunc'],
  ['nb_inplace_and', 'binaryfunc'],
  ['nb_inplace_xor', 'binaryfunc'],
  ['nb_inplace_or', 'binaryfunc'],
  ['nb_floor_divide', 'binaryfunc'],
  ['nb_true_divide', 'binaryfunc'],
  ['nb_inplace_floor_divide', 'binaryfunc'],
  ['nb_inplace_true_divide', 'binaryfunc'],
  ['nb_index', 'unaryfunc'],
  ['nb_matrix_multiply', 'binaryfunc'],
  ['nb_inplace_matrix_multiply', 'binaryfunc'],
]);

export const SEQUENCE_METHODS_FIELDS = fields([
  ['sq_length', 'lenfunc'],
  ['sq_concat', 'binaryfunc'],
  ['sq_repeat', 'ssizeargfunc'],
  ['sq_item', 'ssizeargfunc'],
  ['was_sq_slice', null],
  ['sq_ass_item', 'ssizeobjargproc'],
  ['was_sq_ass_slice', null],
  ['sq_contains', 'objobjproc'],
  ['sq_inplace_concat', 'binaryfunc'],
  ['sq_inplace_repeat', 'ssizeargfunc'],
]);

export const MAPPING_METHODS_FIELDS = fields([
  ['mp_length', 'lenfunc'],
  ['mp_subscript', 'binaryfunc'],
  ['mp_ass_subscript', 'objobjargproc'],
]);

/** am_send exists from CPython 3.10. */
export const ASYNC_METHODS_FIELDS = fields([
  ['am_await', 'unaryfunc'],
  ['am_aiter', 'unaryfunc'],
  ['am_anext', 'unaryfunc'],
  ['am_send', 'sendfunc'],
]);

export const BUFFER_PROCS_FIELDS = fields([
  ['bf_getbuffer', 'getbufferproc'],
  ['bf_releasebuffer', 'releasebufferproc'],
]);

export const METHOD_DEF_FIELDS = fields([
  ['ml_name', null],
  ['ml_meth', null],
  ['ml_flags', null],
  ['ml_doc', null],
]);

export const GETSET_DEF_FIELDS = fields([
  ['name', null],
  ['get', 'getter'],
  ['set', 'setter'],
  ['doc', null],
  ['closure', null],
]);

/** PyModuleDef after its PyModuleDef_HEAD_INIT. */
export const MODULE_DEF_FIELDS = fields([
  ['m_name', null],
  ['m_doc', null],
  ['m_size', null],
  ['m_methods', null],
  ['m_slots', null],
  ['m_traverse', 'traverseproc'],
  ['m_clear', 'inquiry'],
  ['m_free', 'freefunc'],
]);

export const TYPE_SLOT_FIELDS = fields([
  ['slot', null],
  ['pfunc', null],
]);

export const MODULE_SLOT_FIELDS = fields([
  ['slot', null],
  ['value', null],
]);

export type TableKind =
  | 'type'
  | 'number'
  | 'sequence'
  | 'mapping'
  | 'async'
  | 'buffer'
  | 'methods'
  | 'getset'
  | 'module'
  | 'type-slots'
  | 'module-slots';

export interface TableLayout {
  kind: TableKind;
  /** Arrays hold one entry per element; structs are one entry. */
  isArray: boolean;
  fields: StructField[];
  /** A head initializer macro comes before the fields. */
  hasHead: boolean;
}

function layout(kind: TableKind, isArray: boolean, fieldList: StructField[], hasHead = false): TableLayout {
  return { kind, isArray, fields: fieldList, hasHead };
}

/** Declared type names, as typedef or struct tag, mapped to their layouts. */
export const TABLE_LAYOUTS: ReadonlyMap<string, TableLayout> = new Map([
  ['PyTypeObject', layout('type', false, TYPE_OBJECT_FIELDS, true)],
  ['struct _typeobject', layout('type', false, TYPE_OBJECT_FIELDS, true)],
  ['PyNumberMethods', layout('number', false, NUMBER_METHODS_FIELDS)],
  ['PySequenceMethods', layout('sequence', false, SEQUENCE_METHODS_FIELDS)],
  ['PyMappingMethods', layout('mapping', false, MAPPING_METHODS_FIELDS)],
  ['PyAsyncMethods', layout('async', false, ASYNC_METHODS_FIELDS)],
  ['PyBufferProcs', layout('buffer', false, BUFFER_PROCS_FIELDS)],
  ['PyMethodDef', layout('methods', true, METHOD_DEF_FIELDS)],
  ['struct PyMethodDef', layout('methods', true, METHOD_DEF_FIELDS)],
  ['PyGetSetDef', layout('getset', true, GETSET_DEF_FIELDS)],
  ['struct PyGetSetDef', layout('getset', true, GETSET_DEF_FIELDS)],
  ['PyModuleDef', layout('module', false, MODULE_DEF_FIELDS, true)],
  ['struct PyModuleDef', layout('module', false, MODULE_DEF_FIELDS, true)],
  ['PyType_Slot', layout('type-slots', true, TYPE_SLOT_FIELDS)],
  ['PyModuleDef_Slot', layout('module-slots', true, MODULE_SLOT_FIELDS)],
  ['struct PyModuleDef_Slot', layout('module-slots', true, MODULE_SLOT_FIELDS)],
]);

const SLOT_FIELD_TYPEDEFS: ReadonlyMap<string, string> = new Map(
  [
    ...TYPE_OBJECT_FIELDS,
    ...NUMBER_METHODS_FIELDS,
    ...SEQUENCE_METHODS_FIELDS,
    ...MAPPING_METHODS_FIELDS,
    ...ASYNC_METHODS_FIELDS,
    ...BUFFER_PROCS_FIELDS,
  ]
    .filter((field): field is { name: string; typedef: string } => field.typedef !== null)
    .map((field) => [field.name, field.typedef]),
);

/** Returns the typedef of a type-slot field such as `tp_repr`, or undefined for data and unknown names. */
export function slotFieldTypedef(field: string): string | undefined {
  return SLOT_FIELD_TYPEDEFS.get(field);
}
