// The linter: text and kind in, diagnostics out. Dispatches to the parsers and rules of each
// document kind and applies severity settings. Pure: core only.
import { policyModel, type PolicyModel } from './model/policy';
import { zoneModel, recordValueKind, type ZoneModel } from './model/zone';
import { findRule } from './rules/catalog';
import { checkPolicyFields } from './rules/policyFields';
import { checkPolicyLines } from './rules/policyLines';
import { checkPolicyMx } from './rules/policyMx';
import { checkStsRecord } from './rules/stsRecord';
import { checkTlsrptRecord } from './rules/tlsrptRecord';
import { letGoOfRecordFields } from './rules/tagSyntax';
import { isReportFileName, looksLikeReport } from './report/detect';
import { lintReport } from './report/lintReport';
import { DiagnosticSink, type Diagnostic, type DocumentKind, type SeveritySetting } from './rules/types';
import { checkZoneRecords, checkZoneSyntax } from './rules/zone';
import { parsePolicyFile } from './syntax/policyFile';
import { decodeTokenRange, mapDecodedSpan, parseZoneFile, type DecodedText } from './syntax/zoneFile';
import type { Span } from './text/span';

export interface LintOptions {
  /** Severity per rule code or name; `off` drops the rule. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
}

export interface LintResult {
  readonly kind: DocumentKind;
  readonly diagnostics: readonly Diagnostic[];
  /** Present for policy documents. */
  readonly policy?: PolicyModel;
  /** Present for zone and record documents. */
  readonly zone?: ZoneModel;
}

function byStart(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
}

/** Applies severity settings (by code or name) to diagnostics. */
export function applySeverities(ds: readonly Diagnostic[], severities: LintOptions['severities']): Diagnostic[] {
  if (!severities || Object.keys(severities).length === 0) return [...ds];
  const byCode = new Map<string, SeveritySetting>();
  for (const [k, v] of Object.entries(severities)) {
    const r = findRule(k);
    if (r) byCode.set(r.code, v);
  }
  const out: Diagnostic[] = [];
  for (const d of ds) {
    const s = byCode.get(d.code);
    if (s === 'off') continue;
    out.push(s ? { ...d, severity: s } : d);
  }
  return out;
}

/**
 * Lints a record value given in source coordinates through a decoded view; `fallback(at)` (where
 * the findings of an empty value go) is asked for once a finding is mapped.
 */
function lintDecoded(d: DecodedText, kind: 'sts' | 'tlsrpt', fallback: (at: number) => Span, at: number, sink: DiagnosticSink): void {
  const from = sink.items.length;
  checkValueInto(d.value, kind, sink);
  if (sink.items.length !== from) mapDecodedFrom(d, fallback, at, sink, from);
}

/**
 * Maps the spans of the findings from index `from` on out of the decoded value `d`. Apart from
 * lintDecoded, which runs for every value: a closure there made V8 build its captured variables'
 * context on every call, findings or none.
 */
function mapDecodedFrom(d: DecodedText, fallback: (at: number) => Span, at: number, sink: DiagnosticSink, from: number): void {
  let fb: Span | null = null;
  mapFrom(sink, from, (s) => mapDecodedSpan(d, s, (fb ??= fallback(at))));
}

/**
 * The diagnostic with every span (its own, related, fix edits) passed through `map`. The same
 * object as `{ ...x, span, related, suggestion }`, built as a literal: x comes from
 * DiagnosticSink.report, so its keys are these, in this order (a spread was far slower in V8).
 */
function mapDiagnostic(x: Diagnostic, map: (s: Span) => Span): Diagnostic {
  const y: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code: x.code, name: x.name, severity: x.severity, message: x.message, span: map(x.span) };
  if ('related' in x) y.related = x.related ? x.related.map((r) => ({ span: map(r.span), message: r.message })) : x.related;
  if ('suggestion' in x) y.suggestion = x.suggestion ? { title: x.suggestion.title, edits: x.suggestion.edits.map((e) => ({ span: map(e.span), newText: e.newText })) } : x.suggestion;
  return y;
}

/**
 * Checks a record value straight into the document's sink, spans in the value: the cap on each
 * code then counts over all the values of a document, and a finding past it is only counted
 * (a file of a million wrong records builds 100 diagnostics of each code, not a million).
 */
function checkValueInto(value: string, kind: 'sts' | 'tlsrpt', sink: DiagnosticSink): void {
  if (kind === 'sts') checkStsRecord(value, sink);
  else checkTlsrptRecord(value, sink);
}

/** Passes the spans of the sink's diagnostics from index `from` on through `map`, in place. */
function mapFrom(sink: DiagnosticSink, from: number, map: (s: Span) => Span): void {
  const items = sink.items;
  for (let i = from; i < items.length; i++) items[i] = mapDiagnostic(items[i]!, map);
}

/** The same diagnostic `by` characters further on. */
function shifted(x: Diagnostic, by: number): Diagnostic {
  return mapDiagnostic(x, (s) => ({ start: s.start + by, end: s.end + by }));
}

export function lintPolicyText(text: string): { diagnostics: Diagnostic[]; policy: PolicyModel } {
  const { tree } = parsePolicyFile(text);
  const sink = new DiagnosticSink();
  checkPolicyLines(tree, sink);
  const policy = policyModel(tree);
  if (!sink.items.some((d) => d.code === 'STS100')) {
    checkPolicyFields(policy, sink);
    checkPolicyMx(policy, sink);
  }
  return { diagnostics: sink.finish(), policy };
}

export function lintZoneText(text: string): { diagnostics: Diagnostic[]; zone: ZoneModel } {
  const { tree, errors } = parseZoneFile(text);
  const zone = zoneModel(tree);
  const sink = new DiagnosticSink();
  checkZoneSyntax(errors, zone, sink);
  checkZoneRecords(zone, sink, (txt, kind, fallback, at) => lintDecoded(txt, kind, fallback, at, sink));
  // Through the model's index (no snippet objects kept with the model; each value is decoded,
  // linted and let go).
  const snippetSpan = (i: number) => zone.snippetSpan(i);
  for (let i = 0; i < zone.snippetCount; i++) {
    const txt = zone.snippetTxt(i);
    const k = recordValueKind(txt.value);
    if (k !== 'other') lintDecoded(txt, k, snippetSpan, i, sink);
  }
  return { diagnostics: sink.finish(), zone };
}

const NONE: readonly Diagnostic[] = [];

/** Lints a file of record values, one per line (bare or quoted); `kind` decides unmarked lines. */
export function lintRecordLines(text: string, kind: 'sts' | 'tlsrpt'): Diagnostic[] {
  const sink = new DiagnosticSink();
  // A line equal to the one before (a pasted block) has the same findings, shifted: those kept
  // are added again (or counted, past the cap) and those counted are counted again.
  // (Variables, not an object per line.)
  let prevText: string | null = null;
  let prevStart = 0;
  let prevDiagnostics = NONE;
  // What the line before counted but did not keep stays in the sink's closed log.
  // Lines end at LF, CRLF or a bare CR. They are walked with the next LF and CR found by indexOf
  // (native), each moving only forward: no array of line starts (52,000 numbers for a megabyte
  // of short lines, in a second pass).
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (let next = 0; next >= 0; ) {
    const a = next;
    let b: number;
    if (lf < 0 && cr < 0) {
      b = text.length;
      next = -1;
    } else if (cr < 0 || (lf >= 0 && lf < cr)) {
      b = lf;
      next = lf + 1;
    } else {
      b = cr;
      next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    }
    if (lf >= 0 && lf < next) lf = text.indexOf('\n', next);
    if (cr >= 0 && cr < next) cr = text.indexOf('\r', next);
    if (a === b) continue;
    const lineText = text.slice(a, b);
    // Lines of equal length usually differ near the end (ids, addresses): the last character first.
    if (prevText !== null && prevText.length === lineText.length && prevText.charCodeAt(lineText.length - 1) === lineText.charCodeAt(lineText.length - 1) && prevText === lineText) {
      for (const d of prevDiagnostics) if (sink.room(d)) sink.add(shifted(d, a - prevStart));
      sink.replayLeftOutLog();
      continue;
    }
    // Spans of the value map to the line (through the decoding of quoted strings), then shift
    // by the line's start; a bare line maps one to one, without per-character tables. The map
    // is made only for a line with findings (most lines of a record file have none).
    const quote = lineText.indexOf('"');
    const d = quote >= 0 && lineText.slice(0, quote).trim() === '' ? decodeTokenRange(parseZoneFile(lineText).tree) : null;
    const value = d ? d.value : lineText;
    const detected = recordValueKind(value);
    const from = sink.items.length;
    sink.beginLeftOutLog();
    checkValueInto(value, detected === 'other' ? kind : detected, sink);
    let diagnostics = NONE;
    if (sink.items.length > from) {
      mapLineFrom(d, value, a, b, sink, from);
      diagnostics = sink.items.slice(from);
    }
    prevText = lineText;
    prevStart = a;
    prevDiagnostics = diagnostics;
    sink.endLeftOutLog();
  }
  return sink.finish();
}

/**
 * Maps the spans of the findings from index `from` on, given in the line's value, to the document:
 * through the decoding `d` of a quoted line (null for a bare line, whose value is the line), then by
 * the line's start `a` (it ends at `b`). Apart from lintRecordLines' loop: a closure there made V8
 * build a context for the loop's variables on every line, findings or none.
 */
function mapLineFrom(d: DecodedText | null, value: string, a: number, b: number, sink: DiagnosticSink, from: number): void {
  const whole = { start: 0, end: b - a };
  mapFrom(sink, from, (s) => {
    let m: Span;
    if (d) m = mapDecodedSpan(d, s, whole);
    else {
      const x = Math.max(0, Math.min(s.start, value.length));
      m = { start: x, end: Math.max(x, Math.min(s.end, value.length)) };
    }
    return { start: m.start + a, end: m.end + a };
  });
}

/** Lints one TXT record value (character-strings already joined); spans are offsets into `value`. */
export function lintRecordValue(value: string, kind: 'sts' | 'tlsrpt'): Diagnostic[] {
  const sink = new DiagnosticSink();
  if (kind === 'sts') checkStsRecord(value, sink);
  else checkTlsrptRecord(value, sink);
  letGoOfRecordFields();
  return sink.finish().sort(byStart);
}

/** Lints text of the given kind. Never throws for any input. */
export function lint(text: string, kind: DocumentKind, options: LintOptions = {}): LintResult {
  let diagnostics: Diagnostic[];
  let policy: PolicyModel | undefined;
  let zone: ZoneModel | undefined;
  if (kind === 'policy') {
    const r = lintPolicyText(text);
    diagnostics = r.diagnostics;
    policy = r.policy;
  } else if (kind === 'zone') {
    const r = lintZoneText(text);
    diagnostics = r.diagnostics;
    zone = r.zone;
  } else if (kind === 'tlsrpt-report') {
    diagnostics = lintReport(text);
  } else {
    diagnostics = lintRecordLines(text, kind === 'sts-record' ? 'sts' : 'tlsrpt');
  }
  letGoOfRecordFields();
  // Built property by property: an object spread here costs more than linting a small policy.
  const result: { -readonly [K in keyof LintResult]: LintResult[K] } = { kind, diagnostics: applySeverities(diagnostics, options.severities).sort(byStart) };
  if (policy) result.policy = policy;
  if (zone) result.zone = zone;
  return result;
}

/** Guesses the kind of a document from its file name, then its content. */
export function detectKind(fileName: string, text: string): DocumentKind {
  const base = fileName.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (isReportFileName(base) || (base.endsWith('.json') && looksLikeReport(text)) || (/^\s*\{/.test(text.slice(0, 64)) && looksLikeReport(text))) return 'tlsrpt-report';
  if (base === 'mta-sts.txt' || base.endsWith('.mta-sts.txt') || base.endsWith('.policy')) return 'policy';
  if (base.endsWith('.zone') || base.startsWith('db.') || base.endsWith('.db')) return 'zone';
  const first = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/).find((l) => l.trim().length > 0)?.trim().replace(/^"/, '') ?? '';
  if (/^v=stsv1/i.test(first)) return 'sts-record';
  if (/^v=tlsrptv1/i.test(first)) return 'tlsrpt-record';
  if (/^(version|mode|mx|max_age)\s*:/i.test(first)) return 'policy';
  if (/^(\$ORIGIN|\$TTL)|\s(IN\s+)?(TXT|MX|SOA|NS|A|CNAME)\s/i.test(text.slice(0, 4096))) return 'zone';
  return 'policy';
}
