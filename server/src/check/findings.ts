// Building findings from catalog rules and core diagnostics. No node:* imports.
import { createLineIndex, type Diagnostic, type Rule, type Severity } from '../core/index';
import type { Finding, Subject } from './types';

export interface FindingExtras {
  readonly evidence?: string;
  readonly severity?: Severity;
  readonly line?: number;
  readonly column?: number;
}

export function finding(rule: Rule, subject: Subject, message: string, extras: FindingExtras = {}): Finding {
  const f: Finding = { code: rule.code, name: rule.name, severity: extras.severity ?? rule.severity, subject, message };
  return {
    ...f,
    ...(extras.evidence !== undefined ? { evidence: extras.evidence } : {}),
    ...(extras.line !== undefined ? { line: extras.line, column: extras.column ?? 1 } : {}),
  };
}

/** Core diagnostics on `text` as findings, with 1-based line/column and the line as evidence. */
export function diagnosticFindings(text: string, ds: readonly Diagnostic[], subject: Subject): Finding[] {
  const index = createLineIndex(text);
  return ds.map((d) => {
    const p = index.positionAt(d.span.start);
    const span = index.lineSpan(p.line);
    return {
      code: d.code,
      name: d.name,
      severity: d.severity,
      subject,
      message: d.message,
      evidence: text.slice(span.start, span.end),
      line: p.line + 1,
      column: p.character + 1,
    };
  });
}

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Sorts by severity, keeping the order of discovery within a severity. */
export function sortFindings(fs: readonly Finding[]): Finding[] {
  return fs.map((f, i) => [f, i] as const).sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1]).map(([f]) => f);
}
