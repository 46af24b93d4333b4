import { compareSignature } from '../analysis/compare';
import { enclosing } from '../analysis/nodes';
import { FunctionSignature, readFunction } from '../analysis/signatures';
import { signatureMessage } from './messages';
import { Finding, Rule, RuleContext, RuleMetadata, severityOf } from './types';

export const metadata: RuleMetadata = {
  id: 'init-signature',
  defaultSeverity: 'error',
  fixSafety: 'none',
  description: 'A PyInit_* module init function does not take (void) or does not return PyObject *.',
};

export const initSignature: Rule = {
  metadata,
  check(context: RuleContext): Finding[] {
    const contract = context.catalog.get('PyModInitFunction');
    const document = context.analysis.document;
    const findings: Finding[] = [];
    if (contract === undefined) {
      return findings;
    }

    const declared = new Map<string, FunctionSignature[]>();
    const called = new Set<string>();
    for (const match of document.mask.text.matchAll(/\bPyInit_\w+\b/g)) {
      const node = document.tree.rootNode.descendantForIndex(match.index ?? 0);
      if (node?.parent?.type === 'call_expression') {
        called.add(match[0]);
        continue;
      }
      const declaration = enclosing(node, ['function_definition', 'declaration']);
      const signature = declaration === undefined ? undefined : readFunction(declaration, context.analysis.resolver);
      if (signature === undefined || signature.name !== match[0] || signature.nameRange.start !== match.index) {
        continue;
      }
      declared.set(signature.name, [...(declared.get(signature.name) ?? []), signature]);
    }

    for (const [name, signatures] of declared) {
      // The import machinery finds only exported functions, and a PyInit_ function the file
      // calls itself is a helper, such as a static build's setup function.
      const signature = signatures.find((candidate) => candidate.isDefinition) ?? signatures[0];
      if (signatures.some((candidate) => candidate.isStatic) || called.has(name)) {
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
        start: signature.nameRange.start,
        end: signature.parameterListRange.end,
        related: [],
        fixes: [],
      });
    }
    return findings;
  },
};
