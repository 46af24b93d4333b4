import { createSignatureRule } from './signatureRule';
import { RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'module-slot-signature',
  defaultSeverity: 'error',
  fixSafety: 'safe',
  description: 'A PyModuleDef_Slot Py_mod_exec or Py_mod_create function does not match its prototype.',
};

export const moduleSlotSignature = createSignatureRule({ metadata, tables: ['module-slots'] });
