/**
 * Compares a function's signature with the prototype CPython calls it through, and
 * grades each difference by what it does: a trap where the lowered signatures differ
 * on the target, a wrong-width value on another target, or a C-only type mismatch.
 */
import { Contract } from './contracts';
import { CType, DataModel, sameLowering, ValueClass } from './ctypes';
import { FunctionSignature } from './signatures';

/**
 * The consequence of a mismatch, worst first. `import` is for tables CPython rejects when it loads
 * them; `unchecked` marks table parts pyfpcast could not read.
 */
export type Effect = 'import' | 'trap' | 'abi' | 'type' | 'unchecked';

export const EFFECT_ORDER: Effect[] = ['import', 'trap', 'abi', 'type', 'unchecked'];

export function worseEffect(a: Effect | undefined, b: Effect | undefined): Effect | undefined {
  if (a === undefined) {
    return b;
  }
  if (b === undefined) {
    return a;
  }
  return EFFECT_ORDER.indexOf(a) <= EFFECT_ORDER.indexOf(b) ? a : b;
}

const DATA_MODELS: DataModel[] = ['wasm32', 'wasm64', 'llp64'];

export type Difference =
  | { kind: 'count'; actual: number; expected: number; effect: Effect }
  | { kind: 'variadic'; effect: Effect }
  | { kind: 'return'; actual: CType; expected: CType; effect: Effect; models: DataModel[] }
  | { kind: 'parameter'; index: number; actual: CType; expected: CType; effect: Effect; models: DataModel[] };

export interface Comparison {
  /** The worst effect of all differences; undefined when the signature matches. */
  effect: Effect | undefined;
  differences: Difference[];
}

export type Target = 'wasm32' | 'wasm64';

/** Grades one pair of types: undefined when they are the same C type. */
function gradeTypes(actual: ValueClass, expected: ValueClass, sameCType: boolean, target: Target): { effect: Effect; models: DataModel[] } | undefined {
  const models = DATA_MODELS.filter((model) => !sameLowering(actual, expected, model));
  if (models.includes(target)) {
    return { effect: 'trap', models };
  }
  if (models.length > 0) {
    return { effect: 'abi', models };
  }
  return sameCType ? undefined : { effect: 'type', models };
}

/** Lowers a signature's parameters as the wasm C ABI passes them: struct returns add a leading pointer, `...` a trailing one. */
function loweredParameterCount(returnClass: ValueClass, parameterCount: number, variadic: boolean): number {
  return parameterCount + (returnClass === 'struct' ? 1 : 0) + (variadic ? 1 : 0);
}

function returnsValue(valueClass: ValueClass): boolean {
  return valueClass !== 'void' && valueClass !== 'struct';
}

export function compareSignature(actual: FunctionSignature, contract: Contract, target: Target): Comparison {
  const differences: Difference[] = [];
  const expectedParameters = contract.parameters;

  // A prototype written `f()` does not say what the function takes.
  if (!actual.unprototyped) {
    if (actual.variadic) {
      // `...` is lowered to one pointer to the variadic arguments, so the counts may still agree.
      const actualCount = loweredParameterCount(actual.returnType.valueClass, actual.parameters.length, true);
      const expectedCount = loweredParameterCount(contract.returnType.valueClass, expectedParameters.length, false);
      differences.push(
        actualCount === expectedCount
          ? { kind: 'variadic', effect: 'abi' }
          : { kind: 'count', actual: actual.parameters.length, expected: expectedParameters.length, effect: 'trap' },
      );
    } else if (actual.parameters.length !== expectedParameters.length) {
      differences.push({ kind: 'count', actual: actual.parameters.length, expected: expectedParameters.length, effect: 'trap' });
    }
    const shared = Math.min(actual.parameters.length, expectedParameters.length);
    for (let index = 0; index < shared; index++) {
      const actualType = actual.parameters[index].type;
      const expectedType = expectedParameters[index].type;
      const grade = gradeTypes(actualType.valueClass, expectedType.valueClass, actualType.canonical === expectedType.canonical, target);
      if (grade !== undefined) {
        differences.push({ kind: 'parameter', index, actual: actualType, expected: expectedType, ...grade });
      }
    }
  }

  const returnGrade = gradeReturn(actual.returnType, contract.returnType, target);
  if (returnGrade !== undefined) {
    differences.push({ kind: 'return', actual: actual.returnType, expected: contract.returnType, ...returnGrade });
  }

  return { effect: differences.reduce<Effect | undefined>((worst, difference) => worseEffect(worst, difference.effect), undefined), differences };
}

function gradeReturn(actual: CType, expected: CType, target: Target): { effect: Effect; models: DataModel[] } | undefined {
  if (actual.valueClass === 'unknown' || expected.valueClass === 'unknown') {
    return actual.canonical === expected.canonical ? undefined : { effect: 'type', models: [] };
  }
  if (returnsValue(actual.valueClass) !== returnsValue(expected.valueClass)) {
    return { effect: 'trap', models: DATA_MODELS };
  }
  return gradeTypes(actual.valueClass, expected.valueClass, actual.canonical === expected.canonical, target);
}
