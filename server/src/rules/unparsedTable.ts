import { UnparsedRegion } from '../analysis/tables';
import { Finding, Rule, RuleContext, RuleMetadata } from './types';

export const metadata: RuleMetadata = {
  id: 'unparsed-table',
  defaultSeverity: 'info',
  fixSafety: 'none',
  description: 'Part of a CPython table could not be parsed, so the entries in it were not checked.',
};

function describe(region: UnparsedRegion): string {
  const table = region.tableName ?? 'unknown';
  switch (region.reason) {
    case 'unknown-macro':
      return (
        `The entry macro '${region.macroName}' in table '${table}' has no definition in this file or its local headers, so the entry was not checked. ` +
        'Include the header that defines it with #include "...", such as a missing Argument Clinic header. ' +
        'A macro defined by a file that includes this one, as in a template, is not seen yet.'
      );
    case 'declaration':
      return (
        `pyfpcast could not parse the declaration of table '${table}', so none of its entries were checked. ` +
        'A macro defined outside the file and its local headers is the usual cause; define it in a local header.'
      );
    case 'parse-error':
      return (
        `pyfpcast could not parse this part of table '${table}', so the entries in it were not checked. ` +
        'A macro defined outside the file and its local headers is the usual cause; define it in a local header or write the entry out.'
      );
  }
}

export const unparsedTable: Rule = {
  metadata,
  check(context: RuleContext): Finding[] {
    return context.unparsed.map((region) => ({
      rule: metadata.id,
      severity: 'info',
      effect: 'unchecked',
      message: describe(region),
      function: undefined,
      document: context.analysis.document,
      start: region.site.start,
      end: region.site.end,
      related: [],
      fixes: [],
    }));
  },
};
