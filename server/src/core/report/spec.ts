// What the parts of an RFC 8460 report mean: result types (meaning, likely cause, fix), policy
// types and fields. The text behind report hovers and the summary. Pure: core only.

export interface ResultTypeDoc {
  readonly group: 'negotiation' | 'DANE' | 'MTA-STS' | 'general';
  readonly section: string;
  /** What the reporter saw. */
  readonly meaning: string;
  /** What usually causes it. */
  readonly cause: string;
  /** What the receiving domain's owner can do. */
  readonly fix: string;
}

/** The 11 values of the IANA "STARTTLS Validation Result Types" registry (RFC 8460 §4.3). */
export const RESULT_TYPES: Readonly<Record<string, ResultTypeDoc>> = {
  'starttls-not-supported': {
    group: 'negotiation', section: '4.3.1',
    meaning: 'The receiving MX did not offer STARTTLS, so no encrypted session was possible.',
    cause: 'STARTTLS is switched off or broken on that MX, a firewall or "SMTP inspection" appliance strips it from the EHLO reply, or the MX name points at a host that is not your mail server.',
    fix: 'Enable STARTTLS with a valid certificate on every MX, and check the EHLO reply from outside your network (it must list `250-STARTTLS`).',
  },
  'certificate-host-mismatch': {
    group: 'negotiation', section: '4.3.1',
    meaning: 'The certificate the MX presented does not cover the MX host name (or, under DANE, does not fit the TLSA constraints).',
    cause: 'The certificate names only the web host or the bare domain, a load balancer serves the wrong certificate, or the MX record was changed without a new certificate.',
    fix: 'Serve a certificate whose subject alternative names include the exact MX host name (or a matching wildcard), and keep the `mx` lines of the policy in step with the MX records.',
  },
  'certificate-expired': {
    group: 'negotiation', section: '4.3.1',
    meaning: 'The certificate the MX presented had expired.',
    cause: 'Automatic renewal failed, or the mail server was not reloaded after the certificate was renewed.',
    fix: 'Renew the certificate, reload the mail server, and monitor expiry dates of every MX.',
  },
  'certificate-not-trusted': {
    group: 'negotiation', section: '4.3.1',
    meaning: 'The certificate chain could not be validated: unknown or untrusted issuer, broken chain, name constraints and the like.',
    cause: 'A self-signed or private-CA certificate, or a server that sends only the leaf certificate without the intermediate(s). `failure-reason-code` usually says which.',
    fix: 'Use a certificate from a publicly trusted CA and configure the full chain (leaf plus intermediates) on the MX.',
  },
  'validation-failure': {
    group: 'general', section: '4.3.3',
    meaning: 'A failure that fits none of the other types; `failure-reason-code` should name it.',
    cause: 'Anything from TLS protocol or cipher mismatches to an MX that is not listed in the MTA-STS policy. Read `failure-reason-code`.',
    fix: 'Look up the `failure-reason-code`; check that every MX matches an `mx` line of the policy and that the server offers TLS 1.2 or later.',
  },
  'tlsa-invalid': {
    group: 'DANE', section: '4.3.2.1',
    meaning: 'None of the TLSA records published for the MX matched the certificate it presented.',
    cause: 'The certificate or key was replaced without publishing the new TLSA record first (a rollover mistake).',
    fix: 'Publish TLSA records for the new key before deploying it, and keep the old ones until caches expire; `3 1 1` records survive renewals that keep the key.',
  },
  'dnssec-invalid': {
    group: 'DANE', section: '4.3.2.1',
    meaning: 'The resolver returned no DNSSEC-valid records for the lookup.',
    cause: 'Broken DNSSEC: expired signatures, a DS record at the parent that does not match the zone\'s keys, or a botched key rollover.',
    fix: 'Check the zone with a DNSSEC debugger, re-sign it, and fix the DS record at the registrar.',
  },
  'dane-required': {
    group: 'DANE', section: '4.3.2.1',
    meaning: 'The sender requires DANE for your domain, but found no DNSSEC-validated TLSA records for this MX.',
    cause: 'An agreement with the sender to use mandatory DANE while the MX has no TLSA records, or the zone is not signed.',
    fix: 'Sign the zone and publish TLSA records for every MX (`_25._tcp.<mx>`), or end the mandatory-DANE arrangement.',
  },
  'sts-policy-fetch-error': {
    group: 'MTA-STS', section: '4.3.2.2',
    meaning: 'The sender could not fetch the MTA-STS policy from `https://mta-sts.<domain>/.well-known/mta-sts.txt`.',
    cause: 'The `mta-sts` host does not resolve or is down, the request timed out, the server answered with a non-200 status or a redirect, or the wrong content type.',
    fix: 'Serve the policy at that exact URL with status 200 and `Content-Type: text/plain`, from a host reachable on port 443 worldwide.',
  },
  'sts-policy-invalid': {
    group: 'MTA-STS', section: '4.3.2.2',
    meaning: 'The sender fetched the policy but it failed validation as a whole.',
    cause: 'A syntax error in the policy file: a misspelt field or mode, a missing `mx` in `enforce` or `testing`, a bad `max_age`, or an HTML page served instead of the file.',
    fix: 'Lint the policy file (`mta-sts lint`) and serve exactly `version`, `mode`, `mx` and `max_age` lines.',
  },
  'sts-webpki-invalid': {
    group: 'MTA-STS', section: '4.3.2.2',
    meaning: 'The HTTPS certificate of the policy host failed PKIX validation, so the policy could not be trusted.',
    cause: 'The certificate of `mta-sts.<domain>` is expired, self-signed, misses the intermediate, or does not name `mta-sts.<domain>` (for example, a CDN serves its own default certificate).',
    fix: 'Give the `mta-sts` host a publicly trusted certificate that names it, with the full chain.',
  },
};

export const POLICY_TYPES: Readonly<Record<string, string>> = {
  sts: 'the sender applied your MTA-STS policy (RFC 8461)',
  tlsa: 'the sender applied your DANE TLSA records (RFC 7672)',
  'no-policy-found': 'the sender found neither an MTA-STS policy nor DANE TLSA records; TLS was opportunistic',
};

/** Short labels for summaries. */
export const POLICY_TYPE_LABELS: Readonly<Record<string, string>> = { sts: 'MTA-STS', tlsa: 'DANE', 'no-policy-found': 'no policy' };

/** Meaning of each member name, by name; `section` is the RFC 8460 section. */
export const REPORT_FIELDS: Readonly<Record<string, { readonly text: string; readonly section: string }>> = {
  'organization-name': { text: 'The organization that produced the report (the sending side).', section: '4.4' },
  'date-range': { text: 'The period the report covers; it should be one full UTC day.', section: '4.1' },
  'start-datetime': { text: 'Start of the period, an RFC 3339 date-time with offset.', section: '4.4' },
  'end-datetime': { text: 'End of the period, an RFC 3339 date-time with offset.', section: '4.4' },
  'contact-info': { text: 'A mail address of whoever is responsible for the report.', section: '4.4' },
  'report-id': { text: 'The reporter\'s unique id for this report; use it to spot duplicates.', section: '4.4' },
  policies: { text: 'One entry per policy the sender applied (MTA-STS, DANE, or none found), each with counts and failure details. Always an array.', section: '4' },
  policy: { text: 'Which policy the sender applied: its type, text, domain and MX patterns.', section: '4.4' },
  'policy-type': { text: '`sts`, `tlsa` or `no-policy-found`.', section: '4.4' },
  'policy-string': { text: 'The policy as applied: one string per MTA-STS policy line, or one per TLSA record.', section: '4.5' },
  'policy-domain': { text: 'The domain the policy belongs to (your domain), in A-label form.', section: '4.4' },
  'mx-host': { text: 'The MX patterns of the MTA-STS policy, an array of strings.', section: '4.4' },
  summary: { text: 'Session totals for this policy.', section: '4.2' },
  'total-successful-session-count': { text: 'Sessions that negotiated TLS as the policy requires: the "heartbeat" showing reporting works.', section: '4.2.1' },
  'total-failure-session-count': { text: 'Sessions that failed to set up TLS as the policy requires. Under MTA-STS `enforce` or DANE, this mail was not delivered over that connection.', section: '4.2.2' },
  'failure-details': { text: 'One entry per kind of failure, per sending and receiving host. Entries can overlap: one session may fail in several ways.', section: '4.4' },
  'result-type': { text: 'What went wrong; one of the registered result types.', section: '4.3' },
  'sending-mta-ip': { text: 'The address of the sender\'s server that tried to connect.', section: '4.4' },
  'receiving-mx-hostname': { text: 'Your MX host the sender tried to reach.', section: '4.4' },
  'receiving-mx-helo': { text: 'The name your server announced in its HELO/EHLO reply (optional).', section: '4.4' },
  'receiving-ip': { text: 'The address of your MX the sender connected to.', section: '4.4' },
  'failed-session-count': { text: 'How many sessions failed this way.', section: '4.4' },
  'additional-information': { text: 'A URI with more detail, such as the certificate chain seen (optional; called `additional-info-uri` in the RFC text).', section: '4.4' },
  'failure-reason-code': { text: 'The TLS error code or message the sender saw.', section: '4.4' },
};

/** Member names the RFC 8460 schema defines, per level of the report. */
export const KNOWN_MEMBERS = {
  report: ['organization-name', 'date-range', 'contact-info', 'report-id', 'policies'],
  dateRange: ['start-datetime', 'end-datetime'],
  policyEntry: ['policy', 'summary', 'failure-details'],
  policy: ['policy-type', 'policy-string', 'policy-domain', 'mx-host'],
  summary: ['total-successful-session-count', 'total-failure-session-count'],
  failure: ['result-type', 'sending-mta-ip', 'receiving-mx-hostname', 'receiving-mx-helo', 'receiving-ip', 'failed-session-count', 'additional-information', 'failure-reason-code'],
} as const;
