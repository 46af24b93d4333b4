import type { Node } from 'web-tree-sitter';

import { compareSignature } from '../analysis/compare';
import { readFunction } from '../analysis/signatures';
import { signatureMessage } from './messages';
import { Finding, Rule, RuleContext, RuleMetadata, severityOf } from './types';

export const metadata: RuleMetadata = {
  id: 'init-signature',
  defaultSeverity: 'error',
  fixSafety: 'none',
  description: 'A PyInit_* module init function does not take (void) or does not return PyObject *.',
};

function enclosingDeclaration(node: Node | null): Node | undefined {
  let current = node;
  for (let depth = 0; current !== null && depth < 8; depth++) {
    if (current.type === 'function_definition' || current.type === 'declaration') {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

export const initSignature: Rule = {
  metadata,
  check(context: RuleContext): Finding[] {
    const contract = context.catalog.get('PyModInitFunction');
    const document = context.analysis.document;
    const findings: Finding[] = [];
    if (contract === undefined) {
      return findings;
    }

    for (const match of document.mask.text.matchAll(/\bPyInit_\w+\b/g)) {
      const node = document.tree.rootNode.descendantForIndex(match.index ?? 0);
      const declaration = enclosingDeclaration(node);
      const signature = declaration === undefined ? undefined : readFunction(declaration, context.analysis.resolver);
      if (signature === undefined || signature.name !== match[0] || signature.nameNode.startIndex !== match.index) {
        continue;
      }
      const comparison = compareSignature(signature, contract, context.options.target);
      if (comparison.effect === undefined) {
        continue;
      }
      findings.push({
        rule: metadata.id,
        severity: severityOf(comparison.effect, context.options),
        effect: comparison.effect,
        message: signatureMessage({
          subject: 'Module init function',
          functionName: signature.name,
          contract,
          comparison,
          target: context.options.target,
          extraParametersAdvice: 'Declare it as `PyMODINIT_FUNC ' + signature.name + '(void)`: the import machinery passes no arguments.',
        }),
        function: signature.name,
        document,
        start: signature.nameNode.startIndex,
        end: signature.parameterList.endIndex,
        related: [],
        fixes: [],
      });
    }
    return findings;
  },
};
