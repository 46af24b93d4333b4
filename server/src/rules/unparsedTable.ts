import { Finding, Rule, RuleContext, RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'unparsed-table',
  defaultSeverity: 'info',
  fixSafety: 'none',
  description: 'Part of a CPython table could not be parsed, so the entries in it were not checked.',
};

export const unparsedTable: Rule = {
  metadata,
  check(context: RuleContext): Finding[] {
    return context.unparsed.map((region) => ({
      rule: metadata.id,
      severity: 'info',
      effect: 'unchecked',
      message:
        `pyfpcast could not parse this part of table '${region.tableName ?? 'unknown'}', so the entries in it were not checked. ` +
        'A macro defined outside the file and its local headers is the usual cause; define it in a local header or write the entry out.',
      function: undefined,
      document: context.analysis.document,
      start: region.site.start,
      end: region.site.end,
      related: [],
      fixes: [],
    }));
  },
};
