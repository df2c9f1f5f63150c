// The `_mta-sts` and `_smtp._tls` TXT records as senders see them (RFC 8461 §3.1, RFC 8460 §3):
// filtering by exact prefix, joining strings, linting with the core. No node:* imports.
import { lintRecordValue } from '../core/index';
import { CHK } from '../core/rules/checkRules';
import { answered, type Lookup } from './dnsLookup';
import { diagnosticFindings, finding } from './findings';
import type { Finding, RecordReport, StsRecordReport, Subject, TlsrptReport } from './types';

interface Analysed {
  readonly report: RecordReport;
  readonly findings: Finding[];
}

function analyse(lk: Lookup, kind: 'sts' | 'tlsrpt', subject: Subject): Analysed {
  const all = lk.records.flatMap((r) => (r.type === 'TXT' ? [r.strings.join('')] : []));
  const findings: Finding[] = [];
  const base = { all, cnames: lk.report.cnames };
  if (lk.report.cnames.length) findings.push(finding(CHK.cname, subject, `\`${lk.report.name}\` is a CNAME; the record is read at \`${lk.report.cnames[lk.report.cnames.length - 1]!.split(' -> ')[1]}\``, { evidence: lk.report.cnames.join(', ') }));
  if (!answered(lk)) return { report: { status: 'unknown', value: null, ...base }, findings };
  const prefix = kind === 'sts' ? 'v=STSv1;' : 'v=TLSRPTv1;';
  const looksLike = kind === 'sts' ? /^\s*v\s*=\s*sts/i : /^\s*v\s*=\s*tlsrpt/i;
  const kept = all.filter((v) => v.startsWith(prefix));
  const lookalikes = all.filter((v) => !v.startsWith(prefix) && looksLike.test(v));
  // A single record is not filtered: the grammar decides (rfc-digest A2, literal-prefix note).
  const candidates = kept.length === 0 && all.length === 1 && lookalikes.length === 1 ? lookalikes : kept;
  if (candidates !== lookalikes) {
    for (const v of lookalikes) findings.push(finding(CHK.recordDropped, subject, `senders drop the TXT record at \`${lk.report.name}\` because it does not begin with exactly \`${prefix}\``, { evidence: v }));
  }
  if (candidates.length === 0) return { report: { status: 'missing', value: null, ...base }, findings };
  if (candidates.length > 1) {
    const rule = kind === 'sts' ? CHK.recordDuplicated : CHK.tlsrptDuplicated;
    findings.push(finding(rule, subject, `${candidates.length} TXT records at \`${lk.report.name}\` begin with \`${prefix}\`; senders need exactly one and ignore them all`, { evidence: candidates.join('\n') }));
    return { report: { status: 'duplicated', value: null, ...base }, findings };
  }
  const value = candidates[0]!;
  const ds = lintRecordValue(value, kind);
  findings.push(...diagnosticFindings(value, ds, subject));
  const invalid = ds.some((d) => d.severity === 'error');
  if (invalid) {
    const rule = kind === 'sts' ? CHK.recordInvalid : CHK.tlsrptInvalid;
    const what = kind === 'sts' ? 'senders act as if the domain had no MTA-STS policy' : 'senders treat the domain as not implementing TLS-RPT';
    findings.push(finding(rule, subject, `the record at \`${lk.report.name}\` is invalid, so ${what}`, { evidence: value }));
  }
  return { report: { status: invalid ? 'invalid' : 'valid', value, ...base }, findings };
}

/** Field values of a tag record (`k=v; k=v`), first occurrence wins. */
function tags(value: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    if (!m.has(k)) m.set(k, part.slice(eq + 1).trim());
  }
  return m;
}

export function analyseStsRecord(lk: Lookup): { report: StsRecordReport; findings: Finding[] } {
  const a = analyse(lk, 'sts', 'dns');
  const id = a.report.value ? (tags(a.report.value).get('id') ?? null) : null;
  return { report: { ...a.report, id }, findings: a.findings };
}

export function analyseTlsrpt(lk: Lookup, legacy: Lookup): { report: TlsrptReport; findings: Finding[] } {
  const a = analyse(lk, 'tlsrpt', 'tlsrpt');
  const legacyValues = legacy.records.flatMap((r) => (r.type === 'TXT' ? [r.strings.join('')] : [])).filter((v) => /^\s*v\s*=\s*tlsrpt/i.test(v));
  for (const v of legacyValues) a.findings.push(finding(CHK.tlsrptLegacy, 'tlsrpt', `a TLS-RPT record is published at \`${legacy.report.name}\`, a draft name senders never read; publish it at \`${lk.report.name}\``, { evidence: v }));
  const rua = a.report.value ? (tags(a.report.value).get('rua') ?? '').split(',').map((s) => s.trim()).filter(Boolean) : [];
  return { report: { ...a.report, rua, legacy: legacyValues }, findings: a.findings };
}
