// Conversions between the core's spans and LSP types. The only place that knows both.
import { createLineIndex, ruleAnchor, findRule, type Completion, type Diagnostic, type DocSymbol, type LineIndex, type Span } from '../core/index';
import {
  CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind,
  type CompletionItem, type Diagnostic as LspDiagnostic, type DocumentSymbol, type Range,
} from 'vscode-languageserver';

export const RULES_DOC_URL = 'https://github.com/mta-sts-tools/mta-sts-tools/blob/main/docs/rules.md';

export function toRange(index: LineIndex, s: Span): Range {
  return { start: index.positionAt(s.start), end: index.positionAt(s.end) };
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(uri: string, index: LineIndex, d: Diagnostic): LspDiagnostic {
  const rule = findRule(d.code);
  const out: LspDiagnostic = {
    range: toRange(index, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'mta-sts',
    message: d.message,
    data: { name: d.name },
  };
  if (rule) out.codeDescription = { href: `${RULES_DOC_URL}#${ruleAnchor(rule)}` };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri, range: toRange(index, r.span) }, message: r.message }));
  return out;
}

const COMPLETION_KIND: Record<Completion['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property, value: CompletionItemKind.EnumMember, record: CompletionItemKind.Value, snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(index: LineIndex, c: Completion): CompletionItem {
  return {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    textEdit: { range: toRange(index, c.replace), newText: c.insertText },
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: c.sortText,
    filterText: c.label,
  };
}

const SYMBOL_KIND: Record<DocSymbol['kind'], SymbolKind> = { field: SymbolKind.Field, record: SymbolKind.Object, value: SymbolKind.String };

export function toDocumentSymbol(index: LineIndex, s: DocSymbol): DocumentSymbol {
  return { name: s.name, detail: s.detail, kind: SYMBOL_KIND[s.kind], range: toRange(index, s.span), selectionRange: toRange(index, s.selection) };
}

export { createLineIndex };
