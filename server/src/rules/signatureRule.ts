/**
 * The shared shape of the rules that check a function stored in a table: resolve the
 * stored function, compare its signature with the contract, report the worst difference
 * on the entry, and offer to add missing parameters.
 */
import { compareSignature, Comparison, Effect, EFFECT_ORDER } from '../analysis/compare';
import { FunctionDeclarations } from '../analysis/context';
import { Contract } from '../analysis/contracts';
import { FunctionSignature } from '../analysis/signatures';
import { FunctionUse } from '../analysis/uses';
import { TableKind } from '../capi/structs';
import { addMissingParametersFix } from '../fixes/addMissingParameters';
import { signatureMessage } from './messages';
import { Finding, RelatedLocation, Rule, RuleContext, RuleMetadata, severityOf } from './types';

export interface SignatureRuleOptions {
  metadata: RuleMetadata;
  tables: TableKind[];
  /** Advice for a function with more parameters than the contract, given the function's signature. */
  extraParametersAdvice?(context: RuleContext, declarations: FunctionDeclarations): string | undefined;
}

/** Ranks effects so that a higher rank is a better match; no difference at all ranks highest. */
function effectRank(effect: Effect | undefined): number {
  return effect === undefined ? EFFECT_ORDER.length : EFFECT_ORDER.indexOf(effect);
}

function relatedLocations(context: RuleContext, use: FunctionUse, declarations: FunctionDeclarations, signature: FunctionSignature): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const declaration = declarations.definition ?? signature;
  const document = declarations.documentOf.get(declaration);
  if (document !== undefined) {
    related.push({
      document,
      start: declaration.nameRange.start,
      end: declaration.nameRange.end,
      message:
        declaration.generatedBy === undefined
          ? `'${declaration.name}' is ${declaration.isDefinition ? 'defined' : 'declared'} here`
          : `'${declaration.name}' is defined by this use of macro '${declaration.generatedBy}'`,
    });
  }
  const macro = use.entry.macro?.definition;
  const macroDocument = macro === undefined ? undefined : context.analysis.documentAt(macro.file);
  if (macro !== undefined && macroDocument !== undefined) {
    related.push({
      document: macroDocument,
      start: macro.offset,
      end: macro.offset + macro.name.length,
      message: `the entry comes from macro '${macro.name}', defined here`,
    });
  }
  return related;
}

export function createSignatureRule(options: SignatureRuleOptions): Rule {
  const { metadata } = options;

  function checkUse(context: RuleContext, use: FunctionUse): Finding | undefined {
    const declarations = context.analysis.lookupFunctionOrAlias(use.reference.name);
    if (declarations === undefined) {
      return undefined;
    }
    // Declarations in exclusive #if branches are each a possible signature: report only
    // what the best-matching one gets wrong.
    let signature = declarations.effective;
    let comparison: Comparison = compareSignature(signature, use.contract, context.options.target);
    for (const candidate of declarations.candidates) {
      const candidateComparison = compareSignature(candidate, use.contract, context.options.target);
      if (effectRank(candidateComparison.effect) > effectRank(comparison.effect)) {
        signature = candidate;
        comparison = candidateComparison;
      }
    }
    if (comparison.effect === undefined) {
      return undefined;
    }

    const conflicting = (context.usesByFunction.get(use.reference.name) ?? []).filter(
      (other) => other !== use && other.contract.parameters.length !== use.contract.parameters.length,
    );
    const otherContracts: Contract[] = (context.usesByFunction.get(use.reference.name) ?? [])
      .filter((other) => other !== use && other.contract !== use.contract)
      .map((other) => other.contract);
    // A function stored under two contracts with different arity needs a wrapper for one of them.
    const conflict = conflicting[0];
    const message = signatureMessage({
      subject: use.subject,
      functionName: use.reference.name,
      contract: use.contract,
      comparison,
      target: context.options.target,
      extraParametersAdvice: options.extraParametersAdvice?.(context, declarations),
      advice:
        conflict === undefined
          ? undefined
          : `It is also stored as ${conflict.subject.replace(/ function$/, '')}, which CPython calls with ${conflict.contract.parameters.length}, ` +
            `so one signature cannot serve both: register a wrapper with the ${use.contract.typedefName} signature that calls '${use.reference.name}'.`,
    });
    const sameFunction = context.usesByFunction.get(use.reference.name) ?? [];
    const fix = addMissingParametersFix({
      functionName: use.reference.name,
      tableDocument: context.analysis.document,
      tableSites: sameFunction.map((other) => other.entry.macro?.site ?? { start: other.value.startIndex, end: other.value.endIndex }),
      macros: context.analysis.macros.values(),
      declarations,
      contract: use.contract,
      comparison,
      otherContracts,
    });
    const site = use.entry.macro?.site ?? { start: use.value.startIndex, end: use.value.endIndex };

    return {
      rule: metadata.id,
      severity: severityOf(comparison.effect, context.options),
      effect: comparison.effect,
      message,
      function: use.reference.name,
      document: context.analysis.document,
      start: site.start,
      end: site.end,
      related: relatedLocations(context, use, declarations, signature),
      fixes: fix === undefined ? [] : [fix],
    };
  }

  return {
    metadata,
    check(context: RuleContext): Finding[] {
      const findings: Finding[] = [];
      for (const use of context.uses) {
        if (!options.tables.includes(use.entry.layout.kind)) {
          continue;
        }
        const finding = checkUse(context, use);
        if (finding !== undefined) {
          findings.push(finding);
        }
      }
      return findings;
    },
  };
}
