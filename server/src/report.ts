/**
 * The JSON form of findings, shared by `pyfpcast lint --format json` and tests.
 * Lines and columns are 1-based; columns count UTF-16 code units.
 */
import { positionAt } from './analysis/document';
import { Finding, Severity } from './rules/types';

export const REPORT_VERSION = 1;

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Severity;
  effect: string;
  message: string;
  function: string | null;
  related: { file: string; line: number; column: number; message: string }[];
  fixes: { title: string; safe: boolean; edits: { file: string; range: { start: JsonPosition; end: JsonPosition }; newText: string }[] }[];
}

function jsonPosition(document: { lineStarts: number[] }, offset: number): JsonPosition {
  const position = positionAt(document, offset);
  return { line: position.line + 1, column: position.character + 1 };
}

/** Converts a finding; `displayPath` maps an analyzed path to the path shown to the user. */
export function toJsonDiagnostic(finding: Finding, displayPath: (path: string) => string): JsonDiagnostic {
  const start = jsonPosition(finding.document, finding.start);
  const end = jsonPosition(finding.document, finding.end);
  return {
    file: displayPath(finding.document.path),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    rule: finding.rule,
    severity: finding.severity,
    effect: finding.effect,
    message: finding.message,
    function: finding.function ?? null,
    related: finding.related.map((related) => ({
      file: displayPath(related.document.path),
      ...jsonPosition(related.document, related.start),
      message: related.message,
    })),
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      edits: fix.edits.map((edit) => ({
        file: displayPath(edit.document.path),
        range: { start: jsonPosition(edit.document, edit.start), end: jsonPosition(edit.document, edit.end) },
        newText: edit.newText,
      })),
    })),
  };
}
