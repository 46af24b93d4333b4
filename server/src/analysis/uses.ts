/**
 * Turns table entries into function uses: which function each entry stores and which
 * CPython prototype it will be called through.
 */
import type { Node } from 'web-tree-sitter';

import { CALLING_CONVENTIONS, CALL_FLAGS_MASK } from '../capi/methodFlags';
import { moduleSlotContract, typeSlotContract, typeSlotName } from '../capi/slotIds';
import { TableKind } from '../capi/structs';
import { Contract, ContractCatalog } from './contracts';
import { foldFlags } from './flags';
import { MacroDefinition } from './macros';
import { FunctionReference, MacroExpander, resolveFunctionReference } from './resolve';
import { TableEntry } from './tables';

export interface FunctionUse {
  entry: TableEntry;
  /** The field that stores the function: `ml_meth`, `get`, `tp_repr`, `Py_tp_clear`. */
  field: string;
  /** The expression stored in the field. */
  value: Node;
  reference: FunctionReference;
  contract: Contract;
  /** The role of the function for CPython, for messages: "METH_NOARGS function", "Getter". */
  subject: string;
}

export interface MethodFlags {
  node: Node;
  /** The folded value, or undefined when the expression is not a known constant. */
  value: number | undefined;
}

/** True for the `{NULL, NULL}` entry that ends an array: no name or no function. */
export function isSentinel(entry: TableEntry): boolean {
  const first = entry.fields.get(entry.layout.fields[0].name);
  return first === undefined || first.type === 'null' || first.text === '0' || first.text === 'NULL';
}

export function readMethodFlags(entry: TableEntry, macros: ReadonlyMap<string, MacroDefinition>): MethodFlags | undefined {
  const node = entry.fields.get('ml_flags');
  if (node === undefined || isSentinel(entry)) {
    return undefined;
  }
  return { node, value: foldFlags(node.text, macros) };
}

/** The field holding a slot id and the field holding the function, for the id-keyed slot arrays. */
function slotPair(entry: TableEntry): { id: string; value: Node } | undefined {
  const idNode = entry.fields.get('slot');
  const value = entry.fields.get(entry.layout.kind === 'type-slots' ? 'pfunc' : 'value');
  if (idNode === undefined || value === undefined) {
    return undefined;
  }
  return { id: idNode.text.trim(), value };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function usesOfEntry(entry: TableEntry, catalog: ContractCatalog, macros: ReadonlyMap<string, MacroDefinition>): Array<Omit<FunctionUse, 'reference'>> {
  const kind: TableKind = entry.layout.kind;

  if (kind === 'methods') {
    const value = entry.fields.get('ml_meth');
    const flags = readMethodFlags(entry, macros);
    const convention = flags?.value === undefined ? undefined : CALLING_CONVENTIONS.get(flags.value & CALL_FLAGS_MASK);
    const contract = convention === undefined ? undefined : catalog.get(convention.contract);
    if (value === undefined || convention === undefined || contract === undefined) {
      return [];
    }
    return [{ entry, field: 'ml_meth', value, contract, subject: `${convention.flags} function` }];
  }

  if (kind === 'type-slots' || kind === 'module-slots') {
    const pair = slotPair(entry);
    if (pair === undefined) {
      return [];
    }
    const slotName = kind === 'type-slots' ? typeSlotName(pair.id) : pair.id;
    if (slotName === undefined) {
      return [];
    }
    const slotContract = kind === 'type-slots' ? typeSlotContract(slotName) : undefined;
    const contractId = kind === 'type-slots' ? slotContract?.typedef : moduleSlotContract(slotName);
    const contract = contractId === undefined ? undefined : (catalog.get(slotContract?.field ?? '') ?? catalog.get(contractId));
    if (contract === undefined) {
      return [];
    }
    const label = kind === 'module-slots' ? (moduleSlotContract(slotName) ?? slotName) : slotName;
    return [{ entry, field: label, value: pair.value, contract, subject: `${label} function` }];
  }

  const uses: Array<Omit<FunctionUse, 'reference'>> = [];
  for (const field of entry.layout.fields) {
    const value = entry.fields.get(field.name);
    // A slot with its own parameter names in the catalog (nb_power) uses them in messages and fixes.
    const contract = field.typedef === null ? undefined : (catalog.get(field.name) ?? catalog.get(field.typedef));
    if (value === undefined || contract === undefined) {
      continue;
    }
    const subject = kind === 'getset' ? capitalize(contract.id) : `${field.name} function`;
    uses.push({ entry, field: field.name, value, contract, subject });
  }
  return uses;
}

/** Lists every function stored in the entries, with the contract it is called through. */
export function collectFunctionUses(
  entries: TableEntry[],
  catalog: ContractCatalog,
  macros: ReadonlyMap<string, MacroDefinition>,
  expand?: MacroExpander,
): FunctionUse[] {
  const uses: FunctionUse[] = [];
  for (const entry of entries) {
    for (const use of usesOfEntry(entry, catalog, macros)) {
      const reference = resolveFunctionReference(use.value, expand);
      if (reference !== undefined) {
        uses.push({ ...use, reference });
      }
    }
  }
  return uses;
}

/** Groups uses by the name of the function they store. */
export function groupUsesByFunction(uses: FunctionUse[]): Map<string, FunctionUse[]> {
  const groups = new Map<string, FunctionUse[]>();
  for (const use of uses) {
    const group = groups.get(use.reference.name);
    if (group === undefined) {
      groups.set(use.reference.name, [use]);
    } else {
      group.push(use);
    }
  }
  return groups;
}
