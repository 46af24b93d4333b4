import { fittingConventions } from './conventions';
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
    const fitting = fittingConventions(context, declarations.effective);
    if (fitting.length === 0) {
      return undefined;
    }
    return `If it is meant to take these arguments, register it with ${fitting.map((convention) => convention.flags).join(' or ')}; otherwise remove the extra parameters.`;
  },
});
