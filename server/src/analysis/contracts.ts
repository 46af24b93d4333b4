/**
 * The catalog of prototypes CPython calls extension functions with, read from
 * capi/prototypes.ts by the same declaration reader that reads extension code.
 */
import type { Parser } from 'web-tree-sitter';

import { CONTRACT_PROTOTYPES, CONTRACT_TYPEDEF_NAMES } from '../capi/prototypes';
import { CType } from './ctypes';
import { readParameters, TypeResolver } from './signatures';

export interface ContractParameter {
  name: string;
  type: CType;
}

export interface Contract {
  /** The key callers look the contract up by: a typedef name, or METH_NOARGS and METH_O. */
  id: string;
  /** The CPython typedef the function is stored as. */
  typedefName: string;
  returnType: CType;
  parameters: ContractParameter[];
}

export type ContractCatalog = ReadonlyMap<string, Contract>;

export function buildContractCatalog(parser: Parser): ContractCatalog {
  const tree = parser.parse(CONTRACT_PROTOTYPES);
  if (tree === null) {
    throw new Error('tree-sitter returned no tree for the built-in contract prototypes');
  }
  const resolver = new TypeResolver();
  const catalog = new Map<string, Contract>();

  for (const definition of tree.rootNode.descendantsOfType('type_definition')) {
    const declarator = definition?.childForFieldName('declarator');
    const functionDeclarator = declarator?.descendantsOfType('function_declarator')[0];
    const name = functionDeclarator?.descendantsOfType('type_identifier')[0];
    const parameterList = functionDeclarator?.childForFieldName('parameters');
    if (definition == null || declarator == null || name == null || parameterList == null) {
      throw new Error(`cannot read the built-in contract prototype: ${definition?.text}`);
    }
    const returnType = resolver.resolve(definition.childForFieldName('type'), declarator, [], true);
    const { parameters } = readParameters(parameterList, resolver);
    catalog.set(name.text, {
      id: name.text,
      typedefName: CONTRACT_TYPEDEF_NAMES[name.text] ?? name.text,
      returnType,
      parameters: parameters.map((parameter) => ({ name: parameter.name ?? '', type: parameter.type })),
    });
  }
  tree.delete();
  return catalog;
}

/** Spells a contract as a C prototype for messages: `PyObject *(PyObject *self, PyObject *args)`. */
export function spellContract(contract: Contract): string {
  const parameters = contract.parameters.map((parameter) => joinTypeAndName(parameter.type.spelling, parameter.name));
  return `${contract.returnType.spelling}${contract.returnType.spelling.endsWith('*') ? '' : ' '}(${parameters.join(', ') || 'void'})`;
}

/** Joins a type and a declarator name the way C code is usually written: `PyObject *self`, `int op`. */
export function joinTypeAndName(type: string, name: string): string {
  return type.endsWith('*') ? `${type}${name}` : `${type} ${name}`;
}
