// Completion for policy files, TXT record values and zone files: missing keys, mode values,
// max_age presets, `STSv1`, whole records with a fresh id. Pure: core only.
import { readPolicy } from '../model/policy';
import type { ParsedDocument } from './parsed';
import { humanDuration } from '../rules/policyFields';
import type { DocumentKind } from '../rules/types';
import { lineStartsOf } from '../text/lineIndex';
import type { Span } from '../text/span';
import { MAX_AGE_PRESETS, MODE_DOCS, POLICY_KEY_DOCS, timestampId } from './specText';

export type CompletionKind = 'key' | 'value' | 'record' | 'snippet';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string;
  /** Markdown. */
  readonly documentation: string;
  /** Text to insert; a snippet with `${1:…}` tab stops when `snippet` is true. */
  readonly insertText: string;
  readonly snippet: boolean;
  /** The text the completion replaces. */
  readonly replace: Span;
  /** Sort order among the results. */
  readonly sortText: string;
}

function lineAround(text: string, offset: number): { start: number; end: number } {
  const starts = lineStartsOf(text);
  let lo = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i]! <= offset) lo = i;
  const start = starts[lo]!;
  let end = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start, end };
}

function policyCompletions(text: string, offset: number, parsed?: ParsedDocument): Completion[] {
  const line = lineAround(text, offset);
  const before = text.slice(line.start, offset);
  const colon = before.indexOf(':');
  if (colon < 0) {
    if (/\s/.test(before.trim())) return [];
    const model = parsed?.policy ?? readPolicy(text);
    const present = new Set<string>();
    if (model.version) present.add('version');
    if (model.mode) present.add('mode');
    if (model.maxAge) present.add('max_age');
    const keys = ['version', 'mode', 'mx', 'max_age'].filter((k) => !present.has(k));
    const replace = { start: line.start + (before.length - before.trimStart().length), end: Math.max(offset, lineKeyEnd(text, line)) };
    return keys.map((k, i) => ({
      label: k, kind: 'key' as const, detail: k === 'mx' ? 'an allowed MX host (repeatable)' : 'required field',
      documentation: POLICY_KEY_DOCS[k]!, insertText: k === 'version' ? 'version: STSv1' : `${k}: `, snippet: false, replace, sortText: String(i),
    }));
  }
  const key = before.slice(0, colon).trim();
  let vs = line.start + colon + 1;
  while (vs < line.end && (text[vs] === ' ' || text[vs] === '\t')) vs++;
  const replace = { start: Math.min(vs, offset), end: line.end };
  if (key === 'mode') {
    return (['testing', 'enforce', 'none'] as const).map((m, i) => ({ label: m, kind: 'value' as const, detail: `mode ${m}`, documentation: MODE_DOCS[m]!, insertText: m, snippet: false, replace, sortText: String(i) }));
  }
  if (key === 'version') return [{ label: 'STSv1', kind: 'value', detail: 'the only policy version', documentation: POLICY_KEY_DOCS.version!, insertText: 'STSv1', snippet: false, replace, sortText: '0' }];
  if (key === 'max_age') {
    return MAX_AGE_PRESETS.map((p, i) => ({ label: String(p.seconds), kind: 'value' as const, detail: `${p.label} (${humanDuration(p.seconds)})`, documentation: `${p.seconds} seconds = ${p.label}: ${p.advice}.`, insertText: String(p.seconds), snippet: false, replace, sortText: String(i) }));
  }
  return [];
}

function lineKeyEnd(text: string, line: { start: number; end: number }): number {
  const c = text.indexOf(':', line.start);
  return c >= 0 && c < line.end ? line.start + (text.slice(line.start, c).trimEnd().length) : line.end;
}

function recordCompletions(now: Date, replace: Span, which: 'sts' | 'tlsrpt' | 'both'): Completion[] {
  const id = timestampId(now);
  const out: Completion[] = [];
  if (which !== 'tlsrpt') out.push({ label: `v=STSv1; id=${id}`, kind: 'record', detail: 'MTA-STS TXT record value with a fresh id', documentation: 'The `_mta-sts` record. The id is the current UTC time; change it whenever the policy file changes.', insertText: `v=STSv1; id=${id}`, snippet: false, replace, sortText: '0' });
  if (which !== 'sts') out.push({ label: 'v=TLSRPTv1; rua=mailto:', kind: 'record', detail: 'TLS-RPT TXT record value', documentation: 'The `_smtp._tls` record: where daily TLS reports go.', insertText: 'v=TLSRPTv1; rua=mailto:${1:tls-reports}@${2:example.com}', snippet: true, replace, sortText: '1' });
  return out;
}

function zoneCompletions(text: string, offset: number, now: Date): Completion[] {
  const line = lineAround(text, offset);
  const before = text.slice(line.start, offset);
  const id = timestampId(now);
  // Inside a quoted string or a bare value: offer record values.
  const quote = before.lastIndexOf('"');
  const quotes = (before.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) {
    const inner = before.slice(quote + 1);
    if (/^[A-Za-z=]*$/.test(inner)) return recordCompletions(now, { start: line.start + quote + 1, end: offset }, /_smtp\._tls/i.test(before) ? 'tlsrpt' : /_mta-sts/i.test(before) ? 'sts' : 'both');
    return [];
  }
  if (/^\s*[A-Za-z=_.-]*$/.test(before)) {
    const start = line.start + (before.length - before.trimStart().length);
    const replace = { start, end: offset };
    const out = recordCompletions(now, replace, 'both');
    if (before.trim().length === 0 || before.trim().startsWith('_')) {
      out.push(
        { label: '_mta-sts TXT record', kind: 'snippet', detail: 'the whole `_mta-sts` record', documentation: 'An MTA-STS TXT record with a fresh id.', insertText: `_mta-sts\${1:.example.com.}  \${2:3600}  IN  TXT  "v=STSv1; id=${id}"`, snippet: true, replace, sortText: '2' },
        { label: '_smtp._tls TXT record', kind: 'snippet', detail: 'the whole `_smtp._tls` record', documentation: 'A TLS-RPT TXT record.', insertText: '_smtp._tls${1:.example.com.}  ${2:3600}  IN  TXT  "v=TLSRPTv1; rua=mailto:${3:tls-reports}@${4:example.com}"', snippet: true, replace, sortText: '3' },
      );
    }
    return out;
  }
  return [];
}

/** Completions at `offset`. `now` supplies the fresh id. */
/** Completions at `offset`; `parsed` is the model a lint of the same text already built, if any. */
export function complete(text: string, kind: DocumentKind, offset: number, now: Date, parsed?: ParsedDocument): Completion[] {
  const o = Math.max(0, Math.min(offset, text.length));
  if (kind === 'policy') return policyCompletions(text, o, parsed);
  if (kind === 'zone') return zoneCompletions(text, o, now);
  if (kind === 'tlsrpt-report') return [];
  const line = lineAround(text, o);
  const before = text.slice(line.start, o);
  if (/^"?[A-Za-z=]*$/.test(before)) {
    const start = line.start + (before.startsWith('"') ? 1 : 0);
    return recordCompletions(now, { start, end: o }, kind === 'sts-record' ? 'sts' : 'tlsrpt');
  }
  return [];
}
