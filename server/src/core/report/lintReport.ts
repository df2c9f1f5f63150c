// Validation of one TLS-RPT JSON report (RFC 8460 §4): JSON syntax and I-JSON duplicates, then
// the report metadata and date range; policies are checked in lintPolicies.ts. Parses leniently
// and is strict only where the RFC is. Pure: core only.
import {
  reportContactNotAddress, reportFailureCountsDiffer, reportMissingField, reportDateRangeNotADay, reportDatetimeInvalid, reportDatetimeNoOffset, reportDuplicateKey,
  reportJsonSyntax, reportPoliciesNotArray, reportWrongType,
} from '../rules/reportRules';
import { DiagnosticSink, type Diagnostic } from '../rules/types';
import { checkMemberNames, get, getObject, getString, openBrace, shown, typeName, type Obj } from './checkHelpers';
import { checkDateTime } from './formats';
import { member, parseJson, type JsonParse, type JsonString } from './json';
import { checkPolicyEntry } from './lintPolicies';

const DAY = 86_400_000;
const SYNTAX_MASKED = new Set([reportMissingField.code, reportFailureCountsDiffer.code, reportPoliciesNotArray.code]);

/** Validates report text; diagnostics are sorted by position. Never throws. */
export function lintReport(text: string): Diagnostic[] {
  return lintReportJson(text, parseJson(text));
}

/** Validates an already parsed report. */
export function lintReportJson(text: string, json: JsonParse): Diagnostic[] {
  const sink = new DiagnosticSink();
  for (const p of json.problems) {
    if (p.kind === 'duplicate-key') sink.report(reportDuplicateKey, p.span, p.message, p.first ? { related: [{ span: p.first, message: 'the first member of that name' }] } : undefined);
    else sink.report(reportJsonSyntax, p.span, p.message);
  }
  const syntaxErrors = json.problems.some((p) => p.kind === 'syntax');
  const root = json.root;
  if (root && root.kind !== 'object') {
    sink.report(reportWrongType, root.kind === 'array' ? openBrace(root) : root.span, `a TLS-RPT report must be a JSON object; got ${typeName(root)}`);
  } else if (root) {
    const report: Obj = { node: root, label: 'the report', anchor: openBrace(root) };
    checkMemberNames(report, 'report', sink);
    getString(text, report, 'organization-name', true, sink);
    getString(text, report, 'report-id', true, sink);
    const contact = getString(text, report, 'contact-info', true, sink);
    if (contact) checkContact(text, contact, sink);
    const range = getObject(text, report, 'date-range', true, sink);
    if (range) checkDateRange(text, range, sink);
    checkPolicies(text, report, sink);
  }
  // A broken or truncated text lacks members for syntax reasons; do not also call them missing.
  const items = syntaxErrors ? sink.items.filter((d) => !SYNTAX_MASKED.has(d.code) || (d.code === reportPoliciesNotArray.code && root?.kind === 'object' && member(root, 'policies') !== undefined)) : sink.items;
  return items.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}

function checkContact(text: string, v: JsonString, sink: DiagnosticSink): void {
  if (/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/.test(v.value)) return;
  const inner = /<([^<>\s]+@[^<>\s]+)>/.exec(v.value)?.[1] ?? /^mailto:([^?\s]+@[^?\s]+)$/i.exec(v.value)?.[1];
  sink.report(reportContactNotAddress, v.span, `\`contact-info\` must be a bare mail address such as \`tlsrpt@example.com\`; got \`${shown(text, v)}\``,
    inner ? { suggestion: { title: `Write \`${inner}\``, edits: [{ span: v.span, newText: JSON.stringify(inner) }] } } : undefined);
}

function checkDateTimeValue(text: string, v: JsonString, name: string, sink: DiagnosticSink): number {
  const c = checkDateTime(v.value);
  if (c.problem) {
    sink.report(reportDatetimeInvalid, v.span, `\`${name}\` \`${shown(text, v)}\` is not an RFC 3339 date-time: ${c.problem}`);
    return NaN;
  }
  if (c.noOffset) {
    const closeQuote = text[v.span.end - 1] === '"' ? v.span.end - 1 : v.span.end;
    sink.report(reportDatetimeNoOffset, v.span, `\`${name}\` \`${v.value}\` has no time offset; it is read as UTC, but RFC 3339 requires \`Z\` or \`±hh:mm\``, { suggestion: { title: 'Append `Z` (UTC)', edits: [{ span: { start: closeQuote, end: closeQuote }, newText: 'Z' }] } });
  }
  return c.epochMs;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function checkDateRange(text: string, range: Obj, sink: DiagnosticSink): void {
  checkMemberNames(range, 'dateRange', sink);
  const s = getString(text, range, 'start-datetime', true, sink);
  const e = getString(text, range, 'end-datetime', true, sink);
  const a = s ? checkDateTimeValue(text, s, 'start-datetime', sink) : NaN;
  const b = e ? checkDateTimeValue(text, e, 'end-datetime', sink) : NaN;
  if (!s || !e || Number.isNaN(a) || Number.isNaN(b)) return;
  const spanOf = { start: Math.min(s.span.start, e.span.start), end: Math.max(s.span.end, e.span.end) };
  if (b < a) {
    sink.report(reportDateRangeNotADay, spanOf, `\`end-datetime\` ${utc(b)} is before \`start-datetime\` ${utc(a)}`);
    return;
  }
  const length = b - a;
  const fullDay = a % DAY === 0 && (length === DAY || length === DAY - 1000 || length === DAY - 1);
  if (fullDay) return;
  const covers = length >= 2 * DAY ? `${+(length / DAY).toFixed(2)} days` : `${+(length / 3_600_000).toFixed(2)} hours`;
  const why = a % DAY !== 0 ? `starts at ${utc(a)}, not at midnight UTC` : `covers ${covers} from ${utc(a)}, not one day`;
  sink.report(reportDateRangeNotADay, spanOf, `the date range ${why}; reports should cover one full UTC day`);
}

function checkPolicies(text: string, report: Obj, sink: DiagnosticSink): void {
  const m = member(report.node, 'policies');
  const v = get(report, 'policies', false, sink);
  if (!v) {
    if (!m) sink.report(reportPoliciesNotArray, report.anchor, 'the report has no `policies` array, so it carries no results');
    else if (m.value) sink.report(reportPoliciesNotArray, m.value.span, '`policies` must be an array of policy results; got null');
    return;
  }
  if (v.kind === 'object') {
    sink.report(reportPoliciesNotArray, m!.key.span, '`policies` must be an array, even for one policy; got an object', { suggestion: { title: 'Wrap the object in `[` `]`', edits: [{ span: { start: v.span.start, end: v.span.start }, newText: '[' }, { span: { start: v.span.end, end: v.span.end }, newText: ']' }] } });
    checkPolicyEntry(text, { node: v, label: '`policies`', anchor: m!.key.span }, sink);
    return;
  }
  if (v.kind !== 'array') {
    sink.report(reportPoliciesNotArray, v.span, `\`policies\` must be an array of policy results; got ${typeName(v)} \`${shown(text, v)}\``);
    return;
  }
  for (const item of v.items) {
    if (item.kind === 'object') checkPolicyEntry(text, { node: item, label: 'this `policies` entry', anchor: openBrace(item) }, sink);
    else sink.report(reportWrongType, item.span, `each \`policies\` entry must be an object; got ${typeName(item)} \`${shown(text, item)}\``);
  }
}
