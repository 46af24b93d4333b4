import { createSignatureRule } from './signatureRule';
import { RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'type-slot-signature',
  defaultSeverity: 'error',
  fixSafety: 'safe',
  description: 'A type slot function (tp_*, nb_*, sq_*, mp_*, am_*, bf_*) does not match its slot typedef.',
};

export const typeSlotSignature = createSignatureRule({
  metadata,
  tables: ['type', 'number', 'sequence', 'mapping', 'async', 'buffer', 'type-slots'],
});
