import type { ContractCatalog } from '../analysis/contracts';
import type { AnalysisContext } from '../analysis/context';
import type { Effect, Target } from '../analysis/compare';
import type { ParsedDocument } from '../analysis/document';
import type { TableEntry, UnparsedRegion } from '../analysis/tables';
import type { FunctionUse } from '../analysis/uses';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type FixSafety = 'safe' | 'unsafe' | 'none';

export interface RuleMetadata {
  id: string;
  /** Severity of the rule's worst finding with default options. */
  defaultSeverity: Severity;
  /** Whether the rule offers a fix, and whether that fix is safe to apply without review. */
  fixSafety: FixSafety;
  description: string;
}

export interface LintOptions {
  target: Target;
  /** Report C-only type mismatches as warnings instead of hints. */
  strict: boolean;
}

export const DEFAULT_LINT_OPTIONS: LintOptions = { target: 'wasm32', strict: false };

export interface RelatedLocation {
  document: ParsedDocument;
  start: number;
  end: number;
  message: string;
}

export interface TextEdit {
  document: ParsedDocument;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes keep the program's behaviour; unsafe ones need a review. */
  safe: boolean;
  isPreferred: boolean;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  effect: Effect;
  message: string;
  /** The function whose signature does not match, when the finding is about one. */
  function: string | undefined;
  document: ParsedDocument;
  start: number;
  end: number;
  related: RelatedLocation[];
  fixes: Fix[];
}

export interface RuleContext {
  analysis: AnalysisContext;
  entries: TableEntry[];
  uses: FunctionUse[];
  /** The uses grouped by the stored function's name. */
  usesByFunction: ReadonlyMap<string, FunctionUse[]>;
  unparsed: UnparsedRegion[];
  catalog: ContractCatalog;
  options: LintOptions;
}

export interface Rule {
  metadata: RuleMetadata;
  check(context: RuleContext): Finding[];
}

export function severityOf(effect: Effect, options: LintOptions): Severity {
  switch (effect) {
    case 'import':
    case 'trap':
      return 'error';
    case 'abi':
      return 'warning';
    case 'type':
      return options.strict ? 'warning' : 'hint';
    case 'unchecked':
      return 'info';
  }
}
