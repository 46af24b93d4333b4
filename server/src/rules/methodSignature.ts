import { compareSignature } from '../analysis/compare';
import { CALLING_CONVENTIONS } from '../capi/methodFlags';
import { createSignatureRule } from './signatureRule';
import { RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'method-signature',
  defaultSeverity: 'error',
  fixSafety: 'safe',
  description: 'A PyMethodDef function does not match the prototype its METH_* flags select.',
};

export const methodSignature = createSignatureRule({
  metadata,
  tables: ['methods'],
  extraParametersAdvice(context, declarations) {
    // Suggest the calling conventions whose prototype the function already has.
    const fitting = [...CALLING_CONVENTIONS.values()].filter((convention) => {
      const contract = context.catalog.get(convention.contract);
      return contract !== undefined && compareSignature(declarations.effective, contract, context.options.target).effect === undefined;
    });
    if (fitting.length === 0) {
      return undefined;
    }
    return `If it is meant to take these arguments, register it with ${fitting.map((convention) => convention.flags).join(' or ')}; otherwise remove the extra parameters.`;
  },
});
