// The one-line result of a check, from the record, the policy and the findings (RFC 8461 §5).
// No node:* imports.
import type { Finding, PolicyReport, RecordReport, Verdict } from './types';

const REFUSAL_CODES = new Set(['CHK140', 'CHK152', 'CHK153', 'CHK154', 'CHK155', 'CHK156', 'CHK157']);

export interface VerdictInput {
  readonly record: RecordReport;
  readonly policy: PolicyReport | null;
  readonly policyServed: boolean;
  readonly policyLookupTimedOut: boolean;
  readonly domainMissing: boolean;
  readonly findings: readonly Finding[];
  readonly smtpVerified: boolean;
  /** MX hosts left out of the SMTP probe by the `maxMxProbes` limit (not failures: unknown). */
  readonly smtpNotProbed: number;
  /** MX hosts whose addresses were not looked up within the time limit (CHK143; unknown too). */
  readonly mxNotLookedUp: number;
}

function counts(fs: readonly Finding[]): string {
  const e = fs.filter((f) => f.severity === 'error').length;
  const w = fs.filter((f) => f.severity === 'warning').length;
  const parts = [e && `${e} error${e === 1 ? '' : 's'}`, w && `${w} warning${w === 1 ? '' : 's'}`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no problems';
}

export function decideVerdict(v: VerdictInput): Verdict {
  const { record, policy, findings } = v;
  if (v.domainMissing) return { kind: 'not-deployed', title: 'Domain not found', detail: 'The domain does not exist in DNS, so it has no MTA-STS policy and receives no mail.' };
  if (record.status === 'unknown') return { kind: 'inconclusive', title: 'Inconclusive: DNS lookup failed', detail: 'The `_mta-sts` TXT lookup failed, so it is unknown whether senders find a policy.' };
  if (record.status === 'missing') {
    if (v.policyServed) return { kind: 'broken-ignored', title: 'Broken: senders ignore the policy', detail: 'A policy is served over HTTPS, but there is no `_mta-sts` TXT record, so senders never fetch it.' };
    return { kind: 'not-deployed', title: 'MTA-STS not deployed', detail: 'There is no `_mta-sts` TXT record and no policy; senders use opportunistic TLS only.' };
  }
  if (record.status === 'duplicated') return { kind: 'broken-ignored', title: 'Broken: senders ignore the policy', detail: 'More than one `_mta-sts` record begins with `v=STSv1;`, so senders act as if there were no policy.' };
  if (record.status === 'invalid') return { kind: 'broken-ignored', title: 'Broken: senders ignore the policy', detail: 'The `_mta-sts` TXT record is invalid, so senders act as if there were no policy.' };
  if (!policy?.usable) {
    if (v.policyLookupTimedOut) return { kind: 'inconclusive', title: 'Inconclusive: policy host lookup timed out', detail: 'The address of the policy host could not be looked up in time.' };
    return { kind: 'broken-ignored', title: 'Broken: senders ignore the policy', detail: 'The TXT record announces a policy, but senders cannot fetch a valid one, so they deliver as if there were no MTA-STS.' };
  }
  const c = counts(findings);
  if (policy.mode === 'none') return { kind: 'none', title: 'Opting out (mode: none)', detail: `The policy tells senders that MTA-STS no longer applies; ${c}.` };
  if (policy.mode === 'testing') return { kind: 'testing', title: 'Testing', detail: `Senders deliver even when validation fails and report failures over TLS-RPT; ${c}.` };
  if (findings.some((f) => f.severity === 'error' && REFUSAL_CODES.has(f.code))) {
    return { kind: 'broken-refused', title: 'Broken: mail will be refused', detail: `The policy is enforced, but at least one MX fails validation, so senders refuse to deliver to it; ${c}.` };
  }
  const clean = !findings.some((f) => f.severity === 'error' || f.severity === 'warning');
  const n = v.smtpNotProbed + v.mxNotLookedUp;
  // Hosts beyond the probe limit or not looked up are neither failures nor verified, so they
  // cost the "healthy".
  const title = !v.smtpVerified ? 'Enforced (MX TLS not verified)' : !clean ? 'Enforced' : n > 0 ? `Enforced (${n} MX host${n === 1 ? '' : 's'} not probed)` : 'Enforced and healthy';
  const hosts = (k: number) => `${k} MX host${k === 1 ? ' was' : 's were'}`;
  const limit = v.smtpNotProbed > 0 ? `; ${hosts(v.smtpNotProbed)} not probed over SMTP (probe limit)` : '';
  const lookups = v.mxNotLookedUp > 0 ? `; ${hosts(v.mxNotLookedUp)} not looked up in DNS (time limit)` : '';
  return { kind: 'enforced', title, detail: `Senders require valid TLS to the listed MX hosts; ${c}${limit}${lookups}.` };
}
