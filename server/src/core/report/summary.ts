// Aggregates many TLS-RPT reports: totals per reporter, per policy, per day, failures grouped
// by result type and receiving MX, and plain-language readings. Pure: core only; no IO.
import type { TlsRptReport } from './model';
import { POLICY_TYPE_LABELS } from './spec';

export interface FailureGroup {
  readonly policyDomain: string;
  readonly resultType: string;
  /** The receiving MX host name, or null when the reports do not name one. */
  readonly receivingMx: string | null;
  readonly sessions: number;
  /** Distinct `failure-reason-code` values seen (at most 5). */
  readonly reasons: readonly string[];
}

export interface Totals {
  readonly reports: number;
  readonly successfulSessions: number;
  readonly failedSessions: number;
}

export interface ReporterSummary extends Totals {
  /** `organization-name`, else the domain of `contact-info`. */
  readonly reporter: string;
  readonly firstDay: string | null;
  readonly lastDay: string | null;
}

export interface PolicySummary extends Totals {
  readonly policyType: string;
  readonly policyDomain: string;
  readonly reporters: readonly string[];
  readonly failures: readonly FailureGroup[];
}

export interface DaySummary extends Totals {
  /** `YYYY-MM-DD` (UTC day of `start-datetime`), or `unknown`. */
  readonly day: string;
}

export interface ReportSummary extends Totals {
  /** Earliest start and latest end of the date ranges, as ISO date-times; null when none is readable. */
  readonly start: string | null;
  readonly end: string | null;
  /** Reports skipped because a report with the same reporter and `report-id` came earlier. */
  readonly duplicates: readonly { readonly reportId: string; readonly source: string | null }[];
  readonly reporters: readonly ReporterSummary[];
  readonly policies: readonly PolicySummary[];
  readonly failures: readonly FailureGroup[];
  readonly days: readonly DaySummary[];
  /** One sentence per reporter and policy, e.g. "All 1,204 sessions from Google Inc. to example.com (MTA-STS) used TLS successfully." */
  readonly readings: readonly string[];
}

/** Formats a count with thousands separators: 1204 → "1,204". */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function reporterOf(r: TlsRptReport): string {
  if (r.organizationName && r.organizationName.trim()) return r.organizationName.trim();
  const domain = r.contactInfo ? /@([^@\s>]+)/.exec(r.contactInfo)?.[1] : undefined;
  return domain ?? 'an unnamed reporter';
}

const dayOf = (ms: number) => (Number.isNaN(ms) ? 'unknown' : new Date(ms).toISOString().slice(0, 10));
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

class Acc {
  reports = 0;
  successfulSessions = 0;
  failedSessions = 0;
  readonly reporters = new Set<string>();
  readonly failures = new Map<string, { resultType: string; receivingMx: string | null; sessions: number; reasons: Set<string> }>();
  totals(): Totals {
    return { reports: this.reports, successfulSessions: this.successfulSessions, failedSessions: this.failedSessions };
  }
  groups(domain: string): FailureGroup[] {
    return [...this.failures.values()]
      .map((g) => ({ policyDomain: domain, resultType: g.resultType, receivingMx: g.receivingMx, sessions: g.sessions, reasons: [...g.reasons].slice(0, 5) }))
      .sort((a, b) => b.sessions - a.sessions || a.resultType.localeCompare(b.resultType) || (a.receivingMx ?? '').localeCompare(b.receivingMx ?? ''));
  }
}

function acc<K>(m: Map<K, Acc>, k: K): Acc {
  let a = m.get(k);
  if (!a) m.set(k, (a = new Acc()));
  return a;
}

function reading(reporter: string, type: string, domain: string, a: Acc): string {
  const label = POLICY_TYPE_LABELS[type] ?? type;
  const s = a.successfulSessions;
  const f = a.failedSessions;
  const plural = (n: number) => `${formatCount(n)} session${n === 1 ? '' : 's'}`;
  if (s + f === 0) return `${reporter} reported no sessions to ${domain} (${label}).`;
  if (f === 0) return s === 1 ? `The one session from ${reporter} to ${domain} (${label}) used TLS successfully.` : `All ${plural(s)} from ${reporter} to ${domain} (${label}) used TLS successfully.`;
  const head = `${reporter}: ${formatCount(s)} of ${plural(s + f)} to ${domain} (${label}) used TLS successfully; ${formatCount(f)} failed`;
  const groups = a.groups(domain);
  if (groups.length === 0) return `${head} (the report gives no failure details).`;
  const where = (g: FailureGroup) => `${g.resultType}${g.receivingMx ? ` on ${g.receivingMx}` : ''}`;
  if (groups.length === 1 && groups[0]!.sessions === f) return `${head} with ${where(groups[0]!)}.`;
  const parts = groups.slice(0, 3).map((g) => `${formatCount(g.sessions)} with ${where(g)}`);
  const more = groups.length > 3 ? `, and ${groups.length - 3} more kind${groups.length === 4 ? '' : 's'}` : '';
  const sum = groups.reduce((t, g) => t + g.sessions, 0);
  return `${head}${sum === f ? ': ' : '; the failure details list '}${parts.join(', ')}${more}.`;
}

/** Aggregates reports; duplicates (same reporter and report-id) are counted once. */
export function summarizeReports(reports: readonly TlsRptReport[]): ReportSummary {
  const total = new Acc();
  const byReporter = new Map<string, Acc>();
  const reporterDays = new Map<string, string[]>();
  const byPolicy = new Map<string, Acc>();
  const byReading = new Map<string, Acc>();
  const byDay = new Map<string, Acc>();
  const seen = new Set<string>();
  const duplicates: { reportId: string; source: string | null }[] = [];
  let start = NaN;
  let end = NaN;
  for (const r of reports) {
    const reporter = reporterOf(r);
    if (r.reportId !== null) {
      const key = `${reporter}\u0000${r.reportId}`;
      if (seen.has(key)) {
        duplicates.push({ reportId: r.reportId, source: r.source ?? null });
        continue;
      }
      seen.add(key);
    }
    if (!Number.isNaN(r.startMs) && !(r.startMs >= start)) start = r.startMs;
    if (!Number.isNaN(r.endMs) && !(r.endMs <= end)) end = r.endMs;
    const day = dayOf(r.startMs);
    const days = reporterDays.get(reporter) ?? [];
    if (day !== 'unknown') days.push(day);
    reporterDays.set(reporter, days);
    const perReport = [total, acc(byReporter, reporter), acc(byDay, day)];
    for (const a of perReport) a.reports++;
    const policyAccs = new Set<Acc>();
    for (const p of r.policies) {
      const type = p.policyType ?? 'unknown';
      const domain = p.policyDomain ?? 'an unnamed domain';
      const pa = acc(byPolicy, `${domain}\u0000${type}`);
      const ra = acc(byReading, `${reporter}\u0000${domain}\u0000${type}`);
      pa.reporters.add(reporter);
      policyAccs.add(pa);
      for (const a of [...perReport, pa, ra]) {
        a.successfulSessions += p.successfulSessions;
        a.failedSessions += p.failedSessions;
      }
      for (const d of p.failureDetails) {
        const resultType = d.resultType ?? 'unknown';
        const mx = d.receivingMxHostname;
        for (const a of [pa, ra]) {
          const k = `${resultType}\u0000${mx ?? ''}`;
          const g = a.failures.get(k) ?? { resultType, receivingMx: mx, sessions: 0, reasons: new Set<string>() };
          g.sessions += d.failedSessionCount;
          if (d.failureReasonCode) g.reasons.add(d.failureReasonCode);
          a.failures.set(k, g);
        }
      }
    }
    for (const pa of policyAccs) pa.reports++;
  }
  const split = (k: string) => k.split('\u0000');
  const policies: PolicySummary[] = [...byPolicy].map(([k, a]) => {
    const [domain = '', type = ''] = split(k);
    return { policyType: type, policyDomain: domain, ...a.totals(), reporters: [...a.reporters].sort(), failures: a.groups(domain) };
  }).sort((a, b) => a.policyDomain.localeCompare(b.policyDomain) || a.policyType.localeCompare(b.policyType));
  const reporters: ReporterSummary[] = [...byReporter].map(([name, a]) => {
    const days = (reporterDays.get(name) ?? []).sort();
    return { reporter: name, ...a.totals(), firstDay: days[0] ?? null, lastDay: days[days.length - 1] ?? null };
  }).sort((a, b) => b.successfulSessions + b.failedSessions - (a.successfulSessions + a.failedSessions) || a.reporter.localeCompare(b.reporter));
  const readings = [...byReading].sort(([a], [b]) => a.localeCompare(b)).map(([k, a]) => {
    const [reporter = '', domain = '', type = ''] = split(k);
    return reading(reporter, type, domain, a);
  });
  return {
    ...total.totals(),
    start: Number.isNaN(start) ? null : iso(start),
    end: Number.isNaN(end) ? null : iso(end),
    duplicates,
    reporters,
    policies,
    failures: policies.flatMap((p) => p.failures).sort((a, b) => b.sessions - a.sessions || a.policyDomain.localeCompare(b.policyDomain)),
    days: [...byDay].map(([day, a]) => ({ day, ...a.totals() })).sort((a, b) => a.day.localeCompare(b.day)),
    readings,
  };
}
