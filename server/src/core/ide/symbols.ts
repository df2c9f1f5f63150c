// Document symbols (the outline): policy fields, zone records and pasted record values.
// Pure: core only.
import { readPolicy } from '../model/policy';
import type { ParsedDocument } from './parsed';
import { readZone, recordValueKind } from '../model/zone';
import { field, parseJson } from '../report/json';
import type { DocumentKind } from '../rules/types';
import { lineStartsOf } from '../text/lineIndex';
import type { Span } from '../text/span';

export type SymbolKind = 'field' | 'record' | 'value';

export interface DocSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: SymbolKind;
  /** The whole construct. */
  readonly span: Span;
  /** The part to reveal when the symbol is picked. */
  readonly selection: Span;
}

function short(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function recordLabel(value: string): string {
  const k = recordValueKind(value);
  return k === 'sts' ? 'MTA-STS record' : k === 'tlsrpt' ? 'TLS-RPT record' : 'TXT value';
}

/** A report's outline: its top-level fields and one entry per policy with its session counts. */
function reportSymbols(text: string): DocSymbol[] {
  const { root } = parseJson(text);
  if (!root || root.kind !== 'object') return [];
  const str = (n: ReturnType<typeof field>) => (n && n.kind === 'string' ? n.value : n && n.kind === 'number' ? n.raw : '');
  const out: DocSymbol[] = [];
  for (const m of root.members) {
    const span = { start: m.key.span.start, end: m.value?.span.end ?? m.key.span.end };
    if (m.key.value === 'policies' && m.value?.kind === 'array') {
      m.value.items.forEach((item, i) => {
        const policy = field(item, 'policy');
        const summary = field(item, 'summary');
        const name = `${str(field(policy, 'policy-type')) || 'policy'} ${str(field(policy, 'policy-domain'))}`.trim();
        out.push({ name: `policies[${i}]: ${name}`, detail: `${str(field(summary, 'total-successful-session-count')) || '?'} successful, ${str(field(summary, 'total-failure-session-count')) || '?'} failed`, kind: 'record', span: item.span, selection: item.span });
      });
    } else {
      out.push({ name: m.key.value, detail: short(str(m.value) || (m.value?.kind ?? '')), kind: 'field', span, selection: m.key.span });
    }
  }
  return out;
}

/** The outline; `parsed` is the model a lint of the same text already built, if any. */
export function documentSymbols(text: string, kind: DocumentKind, parsed?: ParsedDocument): DocSymbol[] {
  if (kind === 'tlsrpt-report') return reportSymbols(text);
  if (kind === 'policy') {
    return (parsed?.policy ?? readPolicy(text)).entries.filter((e) => e.key.length > 0).map((e) => ({
      name: e.key, detail: short(e.value), kind: 'field' as const, span: e.line.span, selection: e.keySpan,
    }));
  }
  if (kind === 'zone') {
    const zone = parsed?.zone ?? readZone(text);
    const out: DocSymbol[] = [];
    for (const r of zone.records) {
      const first = r.entry.items[0]!;
      const last = r.entry.items[r.entry.items.length - 1]!;
      const detail = r.txt ? `${r.type} ${short(r.txt.value)}` : `${r.type} ${short(r.rdata.map((t) => text.slice(t.span.start, t.span.end)).join(' '))}`;
      out.push({ name: r.owner || '@', detail, kind: 'record', span: { start: first.span.start, end: last.span.end }, selection: (r.ownerToken ?? r.typeToken).span });
    }
    for (const s of zone.snippets) out.push({ name: recordLabel(s.txt.value), detail: short(s.txt.value), kind: 'value', span: s.span, selection: s.span });
    return out.sort((a, b) => a.span.start - b.span.start);
  }
  const starts = lineStartsOf(text);
  const out: DocSymbol[] = [];
  for (let i = 0; i < starts.length; i++) {
    const a = starts[i]!;
    let b = i + 1 < starts.length ? starts[i + 1]! : text.length;
    while (b > a && (text[b - 1] === '\n' || text[b - 1] === '\r')) b--;
    if (b === a) continue;
    const v = text.slice(a, b);
    out.push({ name: recordLabel(v.replace(/^"/, '')), detail: short(v), kind: 'value', span: { start: a, end: b }, selection: { start: a, end: b } });
  }
  return out;
}
