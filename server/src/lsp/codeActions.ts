// Code actions: quick fixes from the rules' suggestions, fresh policy ids, and fix-all.
// Thin: the fixes themselves come from the core.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { timestampId, type Diagnostic, type TextEdit } from '../core/index';
import { toRange } from './convert';
import type { Analysis } from './documents';

function lspEdits(a: Analysis, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(a.index, e.span), newText: e.newText }));
}

function sameStart(a: LspDiagnostic, b: LspDiagnostic): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** All non-overlapping fixes of a document, first come first served. */
export function fixAllEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const overlaps = (x: TextEdit) => chosen.some((c) => x.span.start < c.span.end && c.span.start < x.span.end || (x.span.start === c.span.start && x.span.end === c.span.end));
  for (const d of diagnostics) {
    const edits = d.suggestion?.edits ?? [];
    if (edits.length === 0 || edits.some(overlaps)) continue;
    chosen.push(...edits);
  }
  return chosen.sort((a, b) => a.span.start - b.span.start);
}

/** Edits that write a fresh UTC timestamp id into every `id=` of the STS records in range (or the document). */
export function freshIdEdits(a: Analysis, now: Date): TextEdit[] {
  const id = timestampId(now);
  const edits: TextEdit[] = [];
  const { text } = a;
  const re = /v=STSv1\s*;[^"\n]*?\bid=([A-Za-z0-9:._+-]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length;
    edits.push({ span: { start, end: start + m[1]!.length }, newText: id });
  }
  return edits;
}

export function codeActions(a: Analysis, uri: string, p: CodeActionParams, now: Date): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = p.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of a.result.diagnostics) {
      const range = toRange(a.index, d.span);
      const match = p.context.diagnostics.find((w) => w.code === d.code && sameStart(w, { range } as LspDiagnostic));
      if (!match) continue;
      if (d.suggestion && d.suggestion.edits.length > 0) {
        actions.push({ title: d.suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [match], isPreferred: true, edit: { changes: { [uri]: lspEdits(a, d.suggestion.edits) } } });
      }
      if (d.code === 'STS202') {
        const id = timestampId(now);
        const valueSpan = d.span;
        actions.push({ title: `Use a fresh id (${id})`, kind: CodeActionKind.QuickFix, diagnostics: [match], edit: { changes: { [uri]: lspEdits(a, [{ span: valueSpan, newText: id }]) } } });
      }
    }
  }
  if (a.kind !== 'policy' && wants(CodeActionKind.RefactorRewrite)) {
    const edits = freshIdEdits(a, now).filter((e) => {
      const r = toRange(a.index, e.span);
      return r.start.line <= p.range.end.line && r.end.line >= p.range.start.line;
    });
    if (edits.length) actions.push({ title: 'New policy id (UTC timestamp)', kind: CodeActionKind.RefactorRewrite, edit: { changes: { [uri]: lspEdits(a, edits) } } });
  }
  if (wants(CodeActionKind.SourceFixAll)) {
    const edits = fixAllEdits(a.result.diagnostics);
    if (edits.length) actions.push({ title: 'Fix all MTA-STS problems', kind: CodeActionKind.SourceFixAll, edit: { changes: { [uri]: lspEdits(a, edits) } } });
  }
  return actions;
}
