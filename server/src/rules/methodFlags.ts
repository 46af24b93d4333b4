import { readMethodFlags } from '../analysis/uses';
import { resolveFunctionReference } from '../analysis/resolve';
import { FlagsProblem, findFlagsProblem, METHOD_FLAGS, spellFlags } from '../capi/methodFlags';
import { fittingConventions } from './conventions';
import { Finding, Rule, RuleContext, RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'method-flags',
  defaultSeverity: 'error',
  fixSafety: 'none',
  description: 'A PyMethodDef entry has METH_* flags that CPython rejects when it creates the function.',
};

/** The exception CPython raises for each problem (Objects/methodobject.c, Objects/descrobject.c, Objects/typeobject.c, Objects/moduleobject.c). */
const PROBLEM_TEXT: Record<FlagsProblem | 'module-class-static' | 'module-method', string> = {
  'bad-call-flags': 'which is not one of the calling conventions CPython accepts, so it raises SystemError ("bad call flags") when it creates the function',
  'class-and-static': 'which sets both METH_CLASS and METH_STATIC, so CPython raises ValueError ("method cannot be both class and static") when it creates the type',
  'method-without-fastcall-keywords': 'but METH_METHOD is valid only as METH_METHOD | METH_FASTCALL | METH_KEYWORDS, so CPython raises SystemError ("bad call flags") when it creates the function',
  'module-class-static': 'but the table contains module functions, which cannot be class or static methods, so CPython raises ValueError when it creates the module',
  'module-method': 'but the table contains module functions, which have no defining class, so CPython raises SystemError when it creates the module',
};

/** Names of method tables that a PyModuleDef stores as m_methods. */
function moduleMethodTables(context: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const entry of context.entries) {
    const methods = entry.layout.kind === 'module' ? entry.fields.get('m_methods') : undefined;
    const reference = methods === undefined ? undefined : resolveFunctionReference(methods);
    if (reference !== undefined) {
      names.add(reference.name);
    }
  }
  return names;
}

/**
 * Suggests the calling conventions the function's signature fits, preferring those made
 * only of flags already written, which fix the entry by dropping the others.
 */
function suggestion(context: RuleContext, functionName: string | undefined, flags: number): string {
  const declarations = functionName === undefined ? undefined : context.analysis.lookupFunctionOrAlias(functionName);
  const fitting = declarations === undefined ? [] : fittingConventions(context, declarations.effective);
  const withinWritten = fitting.filter((convention) => (convention.value & ~flags) === 0);
  if (withinWritten.length > 0) {
    return `The function's signature fits ${withinWritten.map((convention) => convention.flags).join(' or ')}; drop the other call flags.`;
  }
  if (fitting.length > 0) {
    return `The function's signature fits ${fitting.map((convention) => convention.flags).join(' or ')}.`;
  }
  return "Use the METH_* flags that match the function's signature.";
}

export const methodFlags: Rule = {
  metadata,
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const moduleTables = moduleMethodTables(context);

    for (const entry of context.entries) {
      if (entry.layout.kind !== 'methods') {
        continue;
      }
      const flags = readMethodFlags(entry, context.analysis.macros);
      if (flags?.value === undefined) {
        continue;
      }
      const inModule = moduleTables.has(entry.tableName);
      let problem: keyof typeof PROBLEM_TEXT | undefined = findFlagsProblem(flags.value);
      if (problem === undefined && inModule && flags.value & (METHOD_FLAGS.METH_CLASS | METHOD_FLAGS.METH_STATIC)) {
        problem = 'module-class-static';
      } else if (problem === undefined && inModule && flags.value & METHOD_FLAGS.METH_METHOD) {
        problem = 'module-method';
      }
      if (problem === undefined) {
        continue;
      }

      const meth = entry.fields.get('ml_meth');
      const functionName = meth === undefined ? undefined : resolveFunctionReference(meth)?.name;
      const subject = functionName === undefined ? 'This entry' : `'${functionName}'`;
      const advice = problem === 'bad-call-flags' || problem === 'method-without-fastcall-keywords' ? ` ${suggestion(context, functionName, flags.value)}` : '';
      const site = entry.macro?.site ?? { start: flags.node.startIndex, end: flags.node.endIndex };
      findings.push({
        rule: metadata.id,
        severity: 'error',
        effect: 'import',
        message: `${subject} is registered with ${spellFlags(flags.value)}, ${PROBLEM_TEXT[problem]}.${advice}`,
        function: functionName,
        document: context.analysis.document,
        start: site.start,
        end: site.end,
        related: [],
        fixes: [],
      });
    }
    return findings;
  },
};
