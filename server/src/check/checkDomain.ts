// "Check domain": runs the independent steps in parallel (TXT, TLS-RPT, policy host → HTTPS,
// MX → addresses → SMTP), then judges the results into one report. No node:* imports.
import { CHK } from '../core/rules/checkRules';
import { createContext, resolveOptions, type CheckContext } from './context';
import { throwIfCancelled } from './deadline';
import { parseDomainInput } from './domainInput';
import { lookup, lookupAddresses } from './dnsLookup';
import type { CheckEnv } from './env';
import { finding, sortFindings } from './findings';
import { judgeMxPatterns, judgeSmtp } from './mxFindings';
import { checkMxHosts } from './mxHosts';
import { fetchPolicy, type FetchOutcome } from './policyFetch';
import { judgePolicy } from './policyFindings';
import { analyseStsRecord, analyseTlsrpt } from './txtRecords';
import type { CheckOptions, CheckReport, DnsLookupReport, Finding, MxRow } from './types';
import { decideVerdict } from './verdict';

export interface CheckHooks {
  /** Called with a short description as each stage starts (for progress reports). */
  onStep?(step: string): void;
  /** Aborting cancels all IO; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

function dnsFindings(lookups: readonly DnsLookupReport[]): Finding[] {
  const fs: Finding[] = [];
  for (const l of lookups) {
    const ev = `${l.name} ${l.type}${l.server ? ` @${l.server}` : ''}: ${l.status}${l.error ? ` (${l.error})` : ''}`;
    if (l.status === 'timeout') fs.push(finding(CHK.dnsTimeout, 'dns', `the ${l.type} lookup of \`${l.name}\` got no answer: ${l.error ?? 'timeout'}`, { evidence: ev }));
    else if (l.status === 'servfail' || l.status === 'refused' || l.status === 'error') fs.push(finding(CHK.dnsFailed, 'dns', `the ${l.type} lookup of \`${l.name}\` failed: ${l.status === 'error' ? l.error : l.status.toUpperCase()}`, { evidence: ev }));
  }
  return fs;
}

async function policyBranch(ctx: CheckContext, host: string): Promise<{ out: FetchOutcome | null; addressError: string | null; timedOut: boolean }> {
  const { a, aaaa, addresses } = await lookupAddresses(ctx, host);
  if (addresses.length === 0) {
    const statuses = [a.report.status, aaaa.report.status];
    const why = statuses.includes('nxdomain') ? 'NXDOMAIN' : statuses.every((s) => s === 'nodata') ? 'no address records' : `lookup ${statuses.join('/')}`;
    return { out: null, addressError: why, timedOut: statuses.includes('timeout') };
  }
  ctx.step(`Fetching the policy from ${host}`);
  const out = await ctx.timed(`https ${host}`, () => fetchPolicy(ctx, host, addresses[0]!));
  return { out, addressError: null, timedOut: false };
}

function reportOptions(ctx: CheckContext): CheckReport['options'] {
  const o = ctx.opts;
  return { timeoutMs: o.timeoutMs, smtp: o.smtp, httpsPort: o.httpsPort, smtpPort: o.smtpPort, maxMxProbes: o.maxMxProbes, smtpConcurrency: o.smtpConcurrency, dnsConcurrency: o.dnsConcurrency };
}

function invalidReport(input: string, reason: string, ctx: CheckContext): CheckReport {
  return {
    input,
    domain: null,
    checkedAt: new Date(ctx.startedAt).toISOString(),
    durationMs: 0,
    verdict: { kind: 'invalid-input', title: 'Not a domain', detail: reason },
    findings: [finding(CHK.inputInvalid, 'input', reason, { evidence: input })],
    dns: [],
    stsRecord: null,
    policy: null,
    mx: [],
    tlsrpt: null,
    timings: [],
    options: reportOptions(ctx),
  };
}

/** Checks one domain live. Never rejects for network trouble; rejects only when cancelled. */
export async function checkDomain(input: string, options: CheckOptions, env: CheckEnv, hooks: CheckHooks = {}): Promise<CheckReport> {
  const ctx = createContext(env, resolveOptions(options, env), hooks.signal, hooks.onStep);
  throwIfCancelled(ctx.signal);
  const parsed = parseDomainInput(input);
  if (!parsed.ok) return invalidReport(input, parsed.reason, ctx);
  const d = parsed.domain;
  const policyHost = `mta-sts.${d}`;
  ctx.step(`Looking up DNS records of ${d}`);
  const [sts, rpt, legacy, pol, mx] = await Promise.all([
    lookup(ctx, `_mta-sts.${d}`, 'TXT'),
    lookup(ctx, `_smtp._tls.${d}`, 'TXT'),
    lookup(ctx, `_smtp-tlsrpt.${d}`, 'TXT'),
    policyBranch(ctx, policyHost),
    checkMxHosts(ctx, d),
  ]);
  throwIfCancelled(ctx.signal);
  ctx.step('Judging the results');
  const now = env.now();
  const record = analyseStsRecord(sts);
  const tlsrpt = analyseTlsrpt(rpt, legacy);
  const policy = judgePolicy(policyHost, ctx.opts.httpsPort, pol.out, pol.addressError, record.report, now);
  const findings: Finding[] = [...dnsFindings(ctx.dns), ...record.findings];
  const domainMissing = mx.lookup.report.status === 'nxdomain';
  if (record.report.status === 'missing' && !domainMissing) {
    if (policy.served) findings.push(finding(CHK.recordMissing, 'dns', `a policy is served at ${policy.report.url}, but \`_mta-sts.${d}\` has no record beginning with \`v=STSv1;\`, so senders never fetch it`, { evidence: sts.report.records.join('\n') || `_mta-sts.${d} TXT: ${sts.report.status}` }));
    else findings.push(finding(CHK.notDeployed, 'dns', `\`${d}\` has no MTA-STS record and serves no policy`, { evidence: `_mta-sts.${d} TXT: ${sts.report.status}` }));
  }
  findings.push(...policy.findings, ...mx.findings);
  const model = policy.model;
  findings.push(...judgeMxPatterns(d, mx.hosts, model, mx.lookup.report.status === 'ok'));
  const rows: MxRow[] = [];
  for (const h of mx.hosts) {
    const j = judgeSmtp(h, model, ctx.opts.smtp, now);
    rows.push(j.row);
    findings.push(...j.findings);
  }
  if (!ctx.opts.smtp && mx.hosts.length > 0) findings.push(finding(CHK.smtpSkipped, 'dns', `the SMTP checks of ${mx.hosts.length} MX host${mx.hosts.length === 1 ? '' : 's'} were switched off`));
  findings.push(...tlsrpt.findings);
  const hasTlsrpt = tlsrpt.report.status === 'valid';
  if (model?.modeValue === 'testing' && !hasTlsrpt) findings.push(finding(CHK.testingNoReports, 'tlsrpt', `the policy is in testing mode, but \`_smtp._tls.${d}\` has no valid TLS-RPT record, so no failure reports arrive`, { evidence: 'mode: testing' }));
  else if (tlsrpt.report.status === 'missing' && !domainMissing && !mx.nullMx) findings.push(finding(CHK.tlsrptMissing, 'tlsrpt', `\`_smtp._tls.${d}\` has no TLS-RPT record, so you receive no reports of TLS failures`));
  if (model?.modeValue === 'none') findings.push(finding(CHK.modeNone, 'policy', `the policy has \`mode: none\`; keep serving it with a new TXT id until every earlier policy has expired (last served + its max_age), then remove the TXT record and the policy host`, { evidence: 'mode: none' }));
  const smtpVerified = rows.length > 0 && rows.some((r) => r.smtp?.status === 'ok' || r.smtp?.status === 'failed');
  const smtpNotProbed = mx.hosts.filter((h) => h.overProbeLimit).length;
  const mxNotLookedUp = mx.hosts.filter((h) => h.addressStatus === 'not-looked-up').length;
  const verdict = decideVerdict({ record: record.report, policy: policy.report, policyServed: policy.served, policyLookupTimedOut: pol.timedOut, domainMissing, findings, smtpVerified, smtpNotProbed, mxNotLookedUp });
  return {
    input,
    domain: d,
    checkedAt: new Date(ctx.startedAt).toISOString(),
    durationMs: env.now() - ctx.startedAt,
    verdict,
    findings: sortFindings(findings),
    dns: [...ctx.dns].sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type)),
    stsRecord: record.report,
    policy: policy.report,
    mx: rows,
    tlsrpt: tlsrpt.report,
    timings: [...ctx.timings].sort((a, b) => a.startMs - b.startMs),
    options: reportOptions(ctx),
  };
}
