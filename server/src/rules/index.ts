import { getsetSignature } from './getsetSignature';
import { initSignature } from './initSignature';
import { methodFlags } from './methodFlags';
import { methodSignature } from './methodSignature';
import { moduleDefSignature } from './moduleDefSignature';
import { moduleSlotSignature } from './moduleSlotSignature';
import { typeSlotSignature } from './typeSlotSignature';
import { unparsedTable } from './unparsedTable';
import { Rule } from './types';

/** Every rule, in the order of the README's rule table. */
export const RULES: readonly Rule[] = [
  methodSignature,
  methodFlags,
  getsetSignature,
  typeSlotSignature,
  moduleDefSignature,
  moduleSlotSignature,
  initSignature,
  unparsedTable,
];
