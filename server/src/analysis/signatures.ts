/**
 * Reads C declarations from a tree-sitter tree: function signatures (definitions and
 * prototypes) and typedefs, with each type resolved to a {@link CType}.
 */
import type { Node } from 'web-tree-sitter';

import { CType, lookupKnownType, ValueClass } from './ctypes';

/** A range of the file a declaration was read from: start inclusive, end exclusive. */
export interface SourceRange {
  start: number;
  end: number;
}

export interface Parameter {
  name: string | undefined;
  type: CType;
  /** The parameter's declaration, or the macro it was expanded from. */
  range: SourceRange;
}

/**
 * A function's signature as plain data. It stores offsets rather than tree nodes, so it
 * stays valid after its tree is edited and can be kept across reparses.
 */
export interface FunctionSignature {
  name: string;
  returnType: CType;
  parameters: Parameter[];
  /** Declared with `...`. */
  variadic: boolean;
  /** Declared with an empty list `()`: a prototype then declares nothing about the parameters. */
  unprototyped: boolean;
  isDefinition: boolean;
  isStatic: boolean;
  /** The function's name in its declarator. */
  nameRange: SourceRange;
  /** The parameter list, parentheses included. */
  parameterListRange: SourceRange;
  /** Set when a macro use generated the function; its ranges are then the macro use's. */
  generatedBy?: string;
}

function rangeOf(node: Node): SourceRange {
  return { start: node.startIndex, end: node.endIndex };
}

/** Moves a signature read at one offset to another, for a declaration that moved but did not change. */
export function shiftSignature(signature: FunctionSignature, delta: number): FunctionSignature {
  const shift = (range: SourceRange): SourceRange => ({ start: range.start + delta, end: range.end + delta });
  return {
    ...signature,
    parameters: signature.parameters.map((parameter) => ({ ...parameter, range: shift(parameter.range) })),
    nameRange: shift(signature.nameRange),
    parameterListRange: shift(signature.parameterListRange),
  };
}

/** A typedef read from the file: `typedef struct {...} FooObject;`. */
interface TypedefEntry {
  typeNode: Node;
  declarator: Node;
}

const POINTER_DECLARATORS = new Set(['pointer_declarator', 'abstract_pointer_declarator']);
const ARRAY_DECLARATORS = new Set(['array_declarator', 'abstract_array_declarator']);
const FUNCTION_DECLARATORS = new Set(['function_declarator', 'abstract_function_declarator']);

function children(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

/**
 * Resolves type names to C types. Typedefs found in the file and its local headers are
 * followed; a name that is neither known nor declared gets the value class `unknown`.
 */
/** Expands an object-like macro written as a parameter list, `f(PYNOARGS)`, into the parameter_list it stands for. */
export type ParameterMacroExpander = (name: string) => Node | undefined;

export class TypeResolver {
  /** Set by the analysis when macros can be expanded. */
  expandParameterMacro: ParameterMacroExpander | undefined;
  private readonly typedefs = new Map<string, TypedefEntry>();
  private readonly resolved = new Map<string, { canonical: string; valueClass: ValueClass }>();
  private readonly resolving = new Set<string>();

  addTypedef(name: string, typeNode: Node, declarator: Node): void {
    if (!this.typedefs.has(name)) {
      this.typedefs.set(name, { typeNode, declarator });
    }
  }

  /**
   * Resolves the type written as `typeNode` with the pointer levels of `declarator`.
   * With `stopAtFunction`, the declarator is a function's and only its return type is read.
   */
  resolve(typeNode: Node | null, declarator: Node | null, qualifiers: string[] = [], stopAtFunction = false): CType {
    const base = this.baseType(typeNode);
    const shape = declaratorShape(declarator, stopAtFunction);
    const written = [...qualifiers, base.spelling].join(' ');

    if (shape.isFunction) {
      return { spelling: `${written} (*)(...)`, canonical: `${base.canonical} (*)()`, valueClass: 'pointer' };
    }
    if (shape.pointers.length === 0) {
      // Qualifiers of a value do not change the type a function is called with.
      return { spelling: written, canonical: base.canonical, valueClass: base.valueClass };
    }

    const pointee = [...[...qualifiers].sort(), base.canonical].join(' ');
    // Qualifiers on the outermost pointer qualify the parameter itself, likewise.
    const levels = shape.pointers.map((qualifier, index) => (index === shape.pointers.length - 1 ? '' : qualifier));
    return {
      spelling: `${written} ${spellPointers(shape.pointers)}`,
      canonical: `${pointee} ${spellPointers(levels)}`,
      valueClass: 'pointer',
    };
  }

  private baseType(typeNode: Node | null): { spelling: string; canonical: string; valueClass: ValueClass } {
    if (typeNode === null) {
      return { spelling: 'int', canonical: 'int', valueClass: 'int' };
    }
    const spelling = typeNode.text.replace(/\s+/g, ' ').trim();

    switch (typeNode.type) {
      case 'struct_specifier':
      case 'union_specifier': {
        const name = typeNode.childForFieldName('name');
        const canonical = name === null ? spelling : `${typeNode.type === 'struct_specifier' ? 'struct' : 'union'} ${name.text}`;
        return { spelling: canonical, canonical, valueClass: 'struct' };
      }
      case 'enum_specifier':
        return { spelling, canonical: spelling, valueClass: 'int' };
      case 'primitive_type':
      case 'sized_type_specifier': {
        const found = lookupKnownType(spelling);
        return { spelling, canonical: found?.canonical ?? spelling, valueClass: found?.valueClass ?? 'unknown' };
      }
      case 'type_identifier':
        return { spelling, ...this.resolveName(spelling) };
      default:
        return { spelling, canonical: spelling, valueClass: 'unknown' };
    }
  }

  /** Resolves a typedef name, preferring a declaration seen in the sources over the built-in table. */
  resolveName(name: string): { canonical: string; valueClass: ValueClass } {
    const cached = this.resolved.get(name);
    if (cached !== undefined) {
      return cached;
    }
    const builtIn = lookupKnownType(name);
    const entry = this.typedefs.get(name);
    let result: { canonical: string; valueClass: ValueClass };

    if (builtIn !== undefined) {
      result = { canonical: builtIn.canonical, valueClass: builtIn.valueClass };
    } else if (entry !== undefined && !this.resolving.has(name)) {
      this.resolving.add(name);
      const type = this.resolve(entry.typeNode, entry.declarator);
      this.resolving.delete(name);
      // An anonymous struct is known by its typedef name.
      const anonymous = type.valueClass === 'struct' && entry.typeNode.childForFieldName('name') === null;
      result = { canonical: anonymous ? name : type.canonical, valueClass: type.valueClass };
    } else {
      result = { canonical: name, valueClass: 'unknown' };
    }
    this.resolved.set(name, result);
    return result;
  }
}

function spellPointers(levels: string[]): string {
  return levels.map((qualifier) => (qualifier ? `*${qualifier} ` : '*')).join('').trimEnd();
}

interface DeclaratorShape {
  name: Node | undefined;
  /** Qualifiers of each pointer level, from the base type outwards. */
  pointers: string[];
  isFunction: boolean;
}

/**
 * Walks a parameter or typedef declarator. Arrays decay to pointers. A declarator such as
 * `Py_UNUSED(ignored)` that tree-sitter reads as a function type with one bare type name as
 * its only parameter is taken for an attribute macro wrapping the parameter's name.
 */
export function declaratorShape(declarator: Node | null, stopAtFunction = false): DeclaratorShape {
  const shape: DeclaratorShape = { name: undefined, pointers: [], isFunction: false };
  const outerLevels: string[] = [];
  let node = declarator;

  while (node !== null) {
    if (node.type === 'identifier' || node.type === 'type_identifier' || node.type === 'field_identifier') {
      shape.name = node;
      break;
    }
    if (POINTER_DECLARATORS.has(node.type)) {
      const qualifiers = children(node)
        .filter((child) => child.type === 'type_qualifier')
        .map((child) => child.text);
      outerLevels.push(qualifiers.join(' '));
      node = node.childForFieldName('declarator');
      continue;
    }
    if (ARRAY_DECLARATORS.has(node.type)) {
      outerLevels.push('');
      node = node.childForFieldName('declarator');
      continue;
    }
    if (node.type === 'parenthesized_declarator') {
      node = children(node)[0] ?? null;
      continue;
    }
    if (FUNCTION_DECLARATORS.has(node.type)) {
      if (stopAtFunction) {
        break;
      }
      const wrappedName = macroWrappedName(node);
      if (wrappedName !== undefined) {
        shape.name = wrappedName;
        break;
      }
      shape.isFunction = true;
      shape.name = findDeclaratorName(node.childForFieldName('declarator'));
      break;
    }
    break;
  }

  // The outermost declarator node is the pointer level nearest the base type.
  shape.pointers = outerLevels;
  return shape;
}

/** Macros that wrap a parameter's name but are not written in capitals. */
const KNOWN_NAME_WRAPPERS = new Set(['Py_UNUSED']);

function macroWrappedName(functionDeclarator: Node): Node | undefined {
  const inner = functionDeclarator.childForFieldName('declarator');
  const parameters = functionDeclarator.childForFieldName('parameters');
  if (inner?.type !== 'identifier' || parameters === null) {
    return undefined;
  }
  const list = children(parameters);
  if (list.length !== 1 || list[0].type !== 'parameter_declaration' || list[0].childForFieldName('declarator') !== null) {
    return undefined;
  }
  const type = list[0].childForFieldName('type');
  if (type?.type !== 'type_identifier' || !(/^[A-Z_][A-Z0-9_]*$/.test(inner.text) || KNOWN_NAME_WRAPPERS.has(inner.text))) {
    return undefined;
  }
  return type;
}

function findDeclaratorName(node: Node | null): Node | undefined {
  let current = node;
  while (current !== null) {
    if (current.type === 'identifier') {
      return current;
    }
    current = current.childForFieldName('declarator') ?? children(current)[0] ?? null;
  }
  return undefined;
}

function typeQualifiers(declaration: Node): string[] {
  return children(declaration)
    .filter((child) => child.type === 'type_qualifier')
    .map((child) => child.text);
}

function hasStorageClass(declaration: Node, storage: string): boolean {
  return children(declaration).some((child) => child.type === 'storage_class_specifier' && child.text === storage);
}

/**
 * Finds the function declarator under a definition's or declaration's declarator, below
 * the pointer levels of its return type.
 */
function findFunctionDeclarator(declarator: Node | null): Node | undefined {
  let node = declarator;
  while (node !== null) {
    if (node.type === 'function_declarator') {
      const inner = node.childForFieldName('declarator');
      // `int (*f)(void)` declares a pointer variable, not a function.
      if (inner?.type !== 'identifier') {
        return undefined;
      }
      return node;
    }
    if (node.type === 'pointer_declarator') {
      node = node.childForFieldName('declarator');
      continue;
    }
    if (node.type === 'attributed_declarator' || node.type === 'parenthesized_declarator') {
      node = children(node)[0] ?? null;
      continue;
    }
    return undefined;
  }
  return undefined;
}

export interface ParameterList {
  parameters: Parameter[];
  variadic: boolean;
  /** The list declares nothing reliable about the parameters: `f()`, or a name that may be an unseen macro. */
  unprototyped: boolean;
}

const MAX_PARAMETER_MACRO_DEPTH = 4;

/**
 * Reads a parameter list. A lone name with no declarator is either a type in a prototype
 * (`int f(Foo);`) or a macro that expands to parameters (`f(PYNOARGS)`). A known macro is
 * expanded. An unknown name in a definition makes the list unreliable, because a
 * definition's parameters need names.
 */
export function readParameters(parameterList: Node, resolver: TypeResolver, isDefinition = false, depth = 0): ParameterList {
  const parameters: Parameter[] = [];
  let variadic = false;
  let uncertain = false;
  const items = children(parameterList).filter((child) => child.type !== 'comment');

  for (const item of items) {
    if (item.type === 'variadic_parameter') {
      variadic = true;
      continue;
    }
    if (item.type !== 'parameter_declaration') {
      continue;
    }
    const typeNode = item.childForFieldName('type');
    const declarator = item.childForFieldName('declarator');
    if (declarator === null && typeNode?.type === 'type_identifier') {
      const expansion = depth < MAX_PARAMETER_MACRO_DEPTH ? resolver.expandParameterMacro?.(typeNode.text) : undefined;
      if (expansion !== undefined) {
        const expanded = readParameters(expansion, resolver, isDefinition, depth + 1);
        parameters.push(...expanded.parameters.map((parameter) => ({ ...parameter, range: rangeOf(item) })));
        variadic ||= expanded.variadic;
        uncertain ||= expanded.unprototyped;
        continue;
      }
      if (isDefinition && resolver.resolveName(typeNode.text).valueClass === 'unknown') {
        uncertain = true;
      }
    }
    const type = resolver.resolve(typeNode, declarator, typeQualifiers(item));
    parameters.push({ name: declaratorShape(declarator).name?.text, type, range: rangeOf(item) });
  }

  // `(void)` declares no parameters.
  if (parameters.length === 1 && parameters[0].type.valueClass === 'void' && parameters[0].name === undefined) {
    return { parameters: [], variadic, unprototyped: false };
  }
  const unprototyped = uncertain || (items.length === 0 && !variadic);
  return { parameters, variadic, unprototyped };
}

/** Reads a function definition or a prototype declaration, or returns undefined for anything else. */
export function readFunction(node: Node, resolver: TypeResolver): FunctionSignature | undefined {
  const isDefinition = node.type === 'function_definition';
  if (!isDefinition && node.type !== 'declaration') {
    return undefined;
  }
  const functionDeclarator = findFunctionDeclarator(node.childForFieldName('declarator'));
  if (functionDeclarator === undefined) {
    return undefined;
  }
  const nameNode = functionDeclarator.childForFieldName('declarator');
  const parameterList = functionDeclarator.childForFieldName('parameters');
  if (nameNode === null || parameterList === null) {
    return undefined;
  }

  const returnType = resolver.resolve(node.childForFieldName('type'), node.childForFieldName('declarator'), typeQualifiers(node), true);
  return {
    name: nameNode.text,
    returnType,
    ...readParameters(parameterList, resolver, isDefinition),
    isDefinition,
    isStatic: hasStorageClass(node, 'static'),
    nameRange: rangeOf(nameNode),
    parameterListRange: rangeOf(parameterList),
  };
}

/** Registers the names a `typedef` declaration defines with `resolver`. */
export function collectTypedef(definition: Node, resolver: TypeResolver): void {
  const typeNode = definition.childForFieldName('type');
  if (typeNode === null) {
    return;
  }
  for (const declarator of definition.childrenForFieldName('declarator')) {
    const name = declarator === null ? undefined : declaratorShape(declarator).name;
    if (declarator !== null && name !== undefined) {
      resolver.addTypedef(name.text, typeNode, declarator);
    }
  }
}
