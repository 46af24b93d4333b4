/**
 * Slot ids of PyType_Slot (Include/typeslots.h; part of the stable ABI, never renumbered)
 * and PyModuleDef_Slot (Include/moduleobject.h).
 */
import { slotFieldTypedef } from './structs';

/** Py_tp_* ids by number: each id names the PyTypeObject field with the `Py_` prefix dropped. */
const TYPE_SLOT_NAMES = [
  'Py_bf_getbuffer', 'Py_bf_releasebuffer', 'Py_mp_ass_subscript', 'Py_mp_length', 'Py_mp_subscript',
  'Py_nb_absolute', 'Py_nb_add', 'Py_nb_and', 'Py_nb_bool', 'Py_nb_divmod', 'Py_nb_float',
  'Py_nb_floor_divide', 'Py_nb_index', 'Py_nb_inplace_add', 'Py_nb_inplace_and',
  'Py_nb_inplace_floor_divide', 'Py_nb_inplace_lshift', 'Py_nb_inplace_multiply', 'Py_nb_inplace_or',
  'Py_nb_inplace_power', 'Py_nb_inplace_remainder', 'Py_nb_inplace_rshift', 'Py_nb_inplace_subtract',
  'Py_nb_inplace_true_divide', 'Py_nb_inplace_xor', 'Py_nb_int', 'Py_nb_invert', 'Py_nb_lshift',
  'Py_nb_multiply', 'Py_nb_negative', 'Py_nb_or', 'Py_nb_positive', 'Py_nb_power', 'Py_nb_remainder',
  'Py_nb_rshift', 'Py_nb_subtract', 'Py_nb_true_divide', 'Py_nb_xor', 'Py_sq_ass_item', 'Py_sq_concat',
  'Py_sq_contains', 'Py_sq_inplace_concat', 'Py_sq_inplace_repeat', 'Py_sq_item', 'Py_sq_length',
  'Py_sq_repeat', 'Py_tp_alloc', 'Py_tp_base', 'Py_tp_bases', 'Py_tp_call', 'Py_tp_clear', 'Py_tp_dealloc',
  'Py_tp_del', 'Py_tp_descr_get', 'Py_tp_descr_set', 'Py_tp_doc', 'Py_tp_getattr', 'Py_tp_getattro',
  'Py_tp_hash', 'Py_tp_init', 'Py_tp_is_gc', 'Py_tp_iter', 'Py_tp_iternext', 'Py_tp_methods', 'Py_tp_new',
  'Py_tp_repr', 'Py_tp_richcompare', 'Py_tp_setattr', 'Py_tp_setattro', 'Py_tp_str', 'Py_tp_traverse',
  'Py_tp_members', 'Py_tp_getset', 'Py_tp_free', 'Py_nb_matrix_multiply', 'Py_nb_inplace_matrix_multiply',
  'Py_am_await', 'Py_am_aiter', 'Py_am_anext', 'Py_tp_finalize', 'Py_am_send',
];

/** Resolves a PyType_Slot id written as a name (`Py_tp_repr`) or a number (`66`) to its slot name. */
export function typeSlotName(id: string): string | undefined {
  if (/^\d+$/.test(id)) {
    return TYPE_SLOT_NAMES[Number(id) - 1];
  }
  return TYPE_SLOT_NAMES.includes(id) ? id : undefined;
}

/** Returns the field (`tp_repr`) and typedef (`reprfunc`) of a function slot, or undefined for data slots. */
export function typeSlotContract(slotName: string): { field: string; typedef: string } | undefined {
  const field = slotName.replace(/^Py_/, '');
  const typedef = slotFieldTypedef(field);
  return typedef === undefined ? undefined : { field, typedef };
}

/** Module slots that hold functions; Py_mod_multiple_interpreters (3.12+) and Py_mod_gil (3.13+) hold values. */
const MODULE_SLOT_IDS: ReadonlyMap<string, string> = new Map([
  ['Py_mod_create', 'Py_mod_create'],
  ['1', 'Py_mod_create'],
  ['Py_mod_exec', 'Py_mod_exec'],
  ['2', 'Py_mod_exec'],
]);

/** Returns the contract of a PyModuleDef_Slot id, or undefined for value slots and unknown ids. */
export function moduleSlotContract(id: string): string | undefined {
  return MODULE_SLOT_IDS.get(id);
}
