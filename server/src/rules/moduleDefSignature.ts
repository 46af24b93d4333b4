import { createSignatureRule } from './signatureRule';
import { RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'module-def-signature',
  defaultSeverity: 'error',
  fixSafety: 'safe',
  description: 'A PyModuleDef m_traverse, m_clear or m_free function does not match its typedef.',
};

export const moduleDefSignature = createSignatureRule({ metadata, tables: ['module'] });
