/**
 * Wording shared by the signature rules. A message states what is wrong, how CPython calls
 * the function, what happens on the target, and what to do.
 */
import { Comparison, Difference, Target } from '../analysis/compare';
import { Contract, joinTypeAndName, spellContract } from '../analysis/contracts';
import { DATA_MODEL_NAMES, DataModel } from '../analysis/ctypes';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function ordinal(index: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'][index] ?? `#${index + 1}`;
}

function listModels(models: DataModel[]): string {
  return models.map((model) => DATA_MODEL_NAMES[model]).join(' and ');
}

/** Returns the difference a message leads with: the first one of the worst effect. */
export function primaryDifference(comparison: Comparison): Difference | undefined {
  return comparison.differences.find((difference) => difference.effect === comparison.effect);
}

/** Spells the parameters a fix adds, e.g. `PyObject *Py_UNUSED(ignored)`. */
export function missingParameterText(contract: Contract, from: number, takenNames: ReadonlySet<string>): string[] {
  return contract.parameters.slice(from).map((parameter) => {
    let name = parameter.name;
    for (let suffix = 2; takenNames.has(name); suffix++) {
      name = `${parameter.name}${suffix}`;
    }
    return joinTypeAndName(parameter.type.spelling, `Py_UNUSED(${name})`);
  });
}

function describeCall(contract: Contract): string {
  if (contract.id === 'METH_NOARGS') {
    return 'CPython passes 2, self and NULL';
  }
  return `CPython passes ${contract.parameters.length}`;
}

function describeProblem(difference: Difference, contract: Contract): string {
  switch (difference.kind) {
    case 'count':
      return `takes ${plural(difference.actual, 'parameter')}, but ${describeCall(contract)}`;
    case 'variadic':
      return 'is variadic, but CPython calls it with fixed arguments';
    case 'return':
      return `returns '${difference.actual.spelling}', but CPython expects '${difference.expected.spelling}'`;
    case 'parameter':
      return `declares its ${ordinal(difference.index)} parameter as '${difference.actual.spelling}', but CPython passes '${difference.expected.spelling}'`;
  }
}

function describeEffect(difference: Difference, target: Target): string {
  switch (difference.effect) {
    case 'trap':
      return `On ${target} the indirect call traps with "RuntimeError: function signature mismatch".`;
    case 'abi':
      if (difference.kind === 'variadic') {
        return 'The function reads its arguments through a variadic list that CPython never builds, so it receives wrong values.';
      }
      if (difference.kind === 'parameter' || difference.kind === 'return') {
        return `The types have the same width on ${target} but not on ${listModels(difference.models.filter((model) => model !== target))}, where the value is truncated or its upper bits are garbage.`;
      }
      return '';
    case 'type':
      return "Both lower to the same machine signature, so it works in practice, but calling through the wrong type is undefined behaviour that clang's -fsanitize=function and CFI report.";
    case 'import':
    case 'unchecked':
      return '';
  }
}

function describeAdvice(difference: Difference, contract: Contract, extraAdvice: string | undefined): string {
  switch (difference.kind) {
    case 'count':
      if (difference.actual < difference.expected) {
        const missing = missingParameterText(contract, difference.actual, new Set());
        return `Add the missing ${difference.expected - difference.actual === 1 ? 'parameter' : 'parameters'} \`${missing.join(', ')}\`.`;
      }
      return extraAdvice ?? `Remove the extra parameters so that it matches \`${spellContract(contract)}\`.`;
    case 'variadic':
      return `Declare the parameters as \`${spellContract(contract)}\`.`;
    case 'return':
      return `Declare it to return '${difference.expected.spelling}'.`;
    case 'parameter': {
      const name = contract.parameters[difference.index]?.name ?? '';
      const cast = difference.effect === 'type' ? ' and cast inside the function' : '';
      return `Declare the parameter as \`${joinTypeAndName(difference.expected.spelling, name)}\`${cast}.`;
    }
  }
}

export interface SignatureMessageInput {
  /** The role of the function for CPython, capitalized: "METH_NOARGS function", "Getter", "tp_hash function". */
  subject: string;
  functionName: string;
  contract: Contract;
  comparison: Comparison;
  target: Target;
  /** Advice for a function with too many parameters, such as other METH_* flags that fit it. */
  extraParametersAdvice?: string;
  /** Advice that replaces the usual one, when the usual fix would break another use. */
  advice?: string;
}

export function signatureMessage(input: SignatureMessageInput): string {
  const { contract, comparison, target } = input;
  const primary = primaryDifference(comparison);
  if (primary === undefined) {
    return '';
  }
  const parts = [
    `${input.subject} '${input.functionName}' ${describeProblem(primary, contract)}; CPython calls it as ${contract.typedefName} \`${spellContract(contract)}\`.`,
    describeEffect(primary, target),
    input.advice ?? describeAdvice(primary, contract, input.extraParametersAdvice),
  ];
  const others = comparison.differences.filter((difference) => difference !== primary && difference.effect !== 'type');
  for (const other of others) {
    parts.push(`It also ${describeProblem(other, contract)}.`);
  }
  return parts.filter((part) => part !== '').join(' ');
}
