// Validation of the `policies` entries of a TLS-RPT report (RFC 8460 §4.4): policy type and
// strings, domains, MX patterns, counts and failure details. Pure: core only.
import {
  reportDomainNotALabel, reportFailureCountsDiffer, reportInvalidIp, reportInvalidUri, reportMissingReasonCode,
  reportMxHostString, reportTlsaRecordFormat, reportUnknownPolicyType, reportUnknownResultType, reportWrongType,
} from '../rules/reportRules';
import type { DiagnosticSink } from '../rules/types';
import { closest } from '../text/similar';
import { toALabels } from '../text/punycode';
import { checkMemberNames, getArray, getCount, getObject, getString, openBrace, shown, typeName, wrongType, type Obj } from './checkHelpers';
import { aLabelProblem, ipProblem, uriProblem } from './formats';
import { member, type JsonString } from './json';
import { POLICY_TYPES, RESULT_TYPES } from './spec';

const TLSA_RECORD = /^[0-9]{1,3} [0-9]{1,3} [0-9]{1,3} [0-9A-Fa-f]+$/;

function checkDomain(v: JsonString, name: string, sink: DiagnosticSink): void {
  const problem = aLabelProblem(v.value);
  if (!problem) return;
  const fixed = toALabels(v.value);
  sink.report(reportDomainNotALabel, v.span, `\`${name}\` \`${v.value}\` ${problem}`, fixed !== v.value ? { suggestion: { title: `Write \`${fixed}\``, edits: [{ span: v.span, newText: JSON.stringify(fixed) }] } } : undefined);
}

function checkPolicy(text: string, policy: Obj, sink: DiagnosticSink): void {
  checkMemberNames(policy, 'policy', sink);
  const type = getString(text, policy, 'policy-type', true, sink);
  if (type && !(type.value in POLICY_TYPES)) {
    const lower = type.value.toLowerCase();
    const guess = lower in POLICY_TYPES ? lower : /sts/.test(lower) ? 'sts' : /tlsa|dane/.test(lower) ? 'tlsa' : closest(lower, Object.keys(POLICY_TYPES), 3);
    sink.report(reportUnknownPolicyType, type.span, `\`policy-type\` must be \`sts\`, \`tlsa\` or \`no-policy-found\`; got \`${type.value}\``, guess ? { suggestion: { title: `Write \`${guess}\``, edits: [{ span: type.span, newText: JSON.stringify(guess) }] } } : undefined);
  }
  const domain = getString(text, policy, 'policy-domain', true, sink);
  if (domain) checkDomain(domain, 'policy-domain', sink);
  const strings = getArray(text, policy, 'policy-string', false, sink);
  for (const s of strings?.items ?? []) {
    if (s.kind !== 'string') {
      wrongType(text, sink, s, 'policy-string', 'an array of strings', '; write one string per policy line or TLSA record');
      continue;
    }
    if (type?.value !== 'tlsa' || TLSA_RECORD.test(s.value)) continue;
    const nested = s.value.trim().startsWith('[');
    sink.report(reportTlsaRecordFormat, s.span, nested
      ? 'this `policy-string` entry is a JSON-encoded array of TLSA records inside one string; each record should be its own string'
      : `\`${shown(text, s)}\` is not one TLSA record (usage, selector, matching type and hex data separated by single spaces)`);
  }
  const mx = member(policy.node, 'mx-host')?.value;
  if (!mx || mx.kind === 'null') return;
  if (mx.kind === 'string') {
    sink.report(reportMxHostString, mx.span, '`mx-host` is a string; RFC 8460 defines it as an array of strings (its own example uses a string, so both are accepted)', { suggestion: { title: 'Wrap the value in `[` `]`', edits: [{ span: mx.span, newText: `[${text.slice(mx.span.start, mx.span.end)}]` }] } });
    checkDomain(mx, 'mx-host', sink);
  } else if (mx.kind === 'array') {
    for (const h of mx.items) {
      if (h.kind === 'string') checkDomain(h, 'mx-host', sink);
      else wrongType(text, sink, h, 'mx-host', 'an array of strings');
    }
  } else wrongType(text, sink, mx, 'mx-host', 'an array of strings');
}

function checkIp(v: JsonString | null, name: string, sink: DiagnosticSink): void {
  if (!v) return;
  const p = ipProblem(v.value);
  if (p) sink.report(reportInvalidIp, v.span, `\`${name}\` \`${v.value}\` is not an IP address: ${p}`);
}

/** Checks one failure detail; returns its valid `failed-session-count`, if any. */
function checkFailure(text: string, f: Obj, sink: DiagnosticSink): number | null {
  checkMemberNames(f, 'failure', sink);
  const type = getString(text, f, 'result-type', true, sink);
  if (type && !(type.value in RESULT_TYPES)) {
    const guess = closest(type.value.toLowerCase(), Object.keys(RESULT_TYPES), 3);
    sink.report(reportUnknownResultType, type.span, `\`${type.value}\` is not a registered result type${guess ? `; did you mean \`${guess}\`?` : ' (kept; the registry can grow)'}`, guess ? { suggestion: { title: `Write \`${guess}\``, edits: [{ span: type.span, newText: JSON.stringify(guess) }] } } : undefined);
  }
  checkIp(getString(text, f, 'sending-mta-ip', false, sink), 'sending-mta-ip', sink);
  checkIp(getString(text, f, 'receiving-ip', false, sink), 'receiving-ip', sink);
  getString(text, f, 'receiving-mx-hostname', false, sink);
  getString(text, f, 'receiving-mx-helo', false, sink);
  const reason = getString(text, f, 'failure-reason-code', false, sink);
  const info = getString(text, f, 'additional-information', false, sink);
  if (info) {
    const p = uriProblem(info.value);
    if (p) sink.report(reportInvalidUri, info.span, `\`additional-information\` \`${shown(text, info)}\` is not a URI: ${p}`);
  }
  if (type && (type.value === 'certificate-not-trusted' || type.value === 'validation-failure') && !(reason && reason.value.trim())) {
    sink.report(reportMissingReasonCode, type.span, `a \`${type.value}\` detail should carry a \`failure-reason-code\` naming the actual error`);
  }
  return getCount(text, f, 'failed-session-count', sink);
}

/** Checks one entry of `policies`. */
export function checkPolicyEntry(text: string, entry: Obj, sink: DiagnosticSink): void {
  checkMemberNames(entry, 'policyEntry', sink);
  const policy = getObject(text, entry, 'policy', true, sink);
  if (policy) checkPolicy(text, policy, sink);
  const summary = getObject(text, entry, 'summary', true, sink);
  let failed: number | null = null;
  if (summary) {
    checkMemberNames(summary, 'summary', sink);
    getCount(text, summary, 'total-successful-session-count', sink);
    failed = getCount(text, summary, 'total-failure-session-count', sink);
  }
  const details = getArray(text, entry, 'failure-details', false, sink);
  let sum = 0;
  let allValid = true;
  for (const d of details?.items ?? []) {
    if (d.kind !== 'object') {
      sink.report(reportWrongType, d.span, `each \`failure-details\` entry must be an object; got ${typeName(d)} \`${shown(text, d)}\``);
      continue;
    }
    const n = checkFailure(text, { node: d, label: 'this failure detail', anchor: openBrace(d) }, sink);
    if (n === null) allValid = false;
    else sum += n;
  }
  const detailsValue = member(entry.node, 'failure-details')?.value;
  if (failed === null || !allValid || (detailsValue && detailsValue.kind !== 'array' && detailsValue.kind !== 'null')) return;
  const at = member(summary!.node, 'total-failure-session-count')!.value!.span;
  if (sum < failed) {
    const msg = details && details.items.length > 0 ? `\`failure-details\` account for ${sum} of the ${failed} failed sessions; the rest are not explained` : `no \`failure-details\` explain the ${failed} failed session${failed === 1 ? '' : 's'}`;
    sink.report(reportFailureCountsDiffer, at, msg);
  } else if (failed === 0 && sum > 0) {
    sink.report(reportFailureCountsDiffer, at, `\`total-failure-session-count\` is 0, but \`failure-details\` list ${sum} failed session${sum === 1 ? '' : 's'}`);
  }
}
