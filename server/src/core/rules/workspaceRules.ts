// Cross-file rules: a policy file against the zone of the same domain (MX coverage, the
// `_mta-sts` and `_smtp._tls` records, ids that must change with the policy). Pure: core only.
import { rule } from './define';

const REF = 'RFC 8461 §3.1, §4.1';
const doc = (checks: string, why: string, fix: string, reference = REF) => ({ checks, why, fix, reference });
const ws = (scenario: string) => ({ kind: 'check' as const, bad: [`workspace: ${scenario}`], good: [] });

export const wsMxNotInPolicy = rule({
  code: 'WSP100', name: 'zone-mx-not-in-policy', severity: 'error',
  summary: 'An MX record of the zone matches no `mx` pattern of the domain\'s policy file.',
  docs: doc('Every MX host of the domain in the zone against the patterns of the policy file of the same domain. Severity: error under `mode: enforce`, warning under `testing`.', 'Under `enforce`, senders refuse to deliver to an MX the policy does not list.', 'Add an `mx:` line for the host to the policy (and publish a new id), or correct the MX record.'),
  examples: ws('an MX host missing from the policy'),
});
export const wsStalePattern = rule({
  code: 'WSP101', name: 'policy-pattern-matches-no-mx', severity: 'information',
  summary: 'An `mx` pattern of the policy matches no MX record in the zone.',
  docs: doc('Every pattern of the policy file against the MX records of the domain in the zone.', 'Harmless to senders, but a pattern without an MX is often a host that was retired or misspelt (the live check reports the same as CHK141).', 'Remove or correct the pattern, and publish a new id.'),
  examples: ws('a pattern with no MX'),
});
export const wsPolicyWithoutRecord = rule({
  code: 'WSP102', name: 'policy-without-sts-record', severity: 'error',
  summary: 'A policy file whose domain\'s zone has no `_mta-sts` record.',
  docs: doc('That the zone of the policy\'s domain publishes `_mta-sts.<domain>` with `v=STSv1`.', 'Senders find a policy only through the TXT record; without it the policy is never fetched.', 'Add `_mta-sts IN TXT "v=STSv1; id=<timestamp>"` to the zone.', 'RFC 8461 §3.1'),
  examples: ws('a policy file and a zone without the record'),
});
export const wsRecordWithoutPolicy = rule({
  code: 'WSP103', name: 'sts-record-without-policy', severity: 'information',
  summary: 'An `_mta-sts` record for a domain with no policy file in the workspace.',
  docs: doc('`_mta-sts.<domain>` records whose domain has no policy file among the open folders.', 'If the policy is not served, senders that see the record report fetch errors; it may just live in another repository.', 'Add the policy file (in a folder named `mta-sts.<domain>`, or map it with `mtaSts.policyDomains`).', 'RFC 8461 §3.3'),
  examples: ws('a zone with a record and no policy file'),
});
export const wsTestingWithoutTlsrpt = rule({
  code: 'WSP104', name: 'testing-without-tlsrpt-record', severity: 'warning',
  summary: 'A policy in `testing` mode whose zone has no `_smtp._tls` record.',
  docs: doc('That a testing policy\'s domain publishes a TLS-RPT record in its zone.', 'Testing mode exists to collect failure reports; without TLS-RPT no reports arrive.', 'Add `_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@<domain>"`.', 'RFC 8461 §5, RFC 8460 §3'),
  examples: ws('a testing policy and a zone without TLS-RPT'),
});
export const wsIdNotChanged = rule({
  code: 'WSP105', name: 'policy-changed-id-unchanged', severity: 'warning',
  summary: 'The policy file changed since the last commit, but the `_mta-sts` id did not.',
  docs: doc('In a git repository: the policy file against HEAD, and the zone\'s `_mta-sts` id against HEAD.', 'Senders refetch the policy only when the id changes; with the old id they keep the cached policy until max_age runs out.', 'Publish a new id (a fresh UTC timestamp) after the new policy is live.', 'RFC 8461 §3.1, §8.1'),
  examples: ws('a changed policy with the old id'),
});

export const WORKSPACE_RULES = [wsMxNotInPolicy, wsStalePattern, wsPolicyWithoutRecord, wsRecordWithoutPolicy, wsTestingWithoutTlsrpt, wsIdNotChanged];
