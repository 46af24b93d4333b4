import { compareSignature } from '../analysis/compare';
import { FunctionSignature } from '../analysis/signatures';
import { CALLING_CONVENTIONS, CallingConvention } from '../capi/methodFlags';
import { RuleContext } from './types';

/** Lists the METH_* calling conventions whose prototype `signature` already matches exactly. */
export function fittingConventions(context: RuleContext, signature: FunctionSignature): CallingConvention[] {
  return [...CALLING_CONVENTIONS.values()].filter((convention) => {
    const contract = context.catalog.get(convention.contract);
    return contract !== undefined && compareSignature(signature, contract, context.options.target).effect === undefined;
  });
}
