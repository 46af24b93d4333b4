import { createSignatureRule } from './signatureRule';
import { RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'getset-signature',
  defaultSeverity: 'error',
  fixSafety: 'safe',
  description: 'A PyGetSetDef getter or setter does not match the getter or setter prototype.',
};

export const getsetSignature = createSignatureRule({ metadata, tables: ['getset'] });
