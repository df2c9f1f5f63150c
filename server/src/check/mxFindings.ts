// Judges MX hosts against the policy (RFC 8461 §4.1, §10.4) and their SMTP sessions (§4.2,
// §7.2), with severities that follow the policy mode. No node:* imports.
import { mxMatches, normalizeHost, type Mode, type PolicyModel, type Severity } from '../core/index';
import { CHK } from '../core/rules/checkRules';
import { certificateReport, certProblems, describeCert, tlsTooOld, trustText } from './certificate';
import { finding } from './findings';
import type { MxHost } from './mxHosts';
import type { Finding, MxRow, SmtpReport } from './types';

/** Error under enforce, warning otherwise. */
function byMode(mode: Mode | null): Severity {
  return mode === 'enforce' ? 'error' : 'warning';
}

export function judgeMxPatterns(domain: string, hosts: readonly MxHost[], policy: PolicyModel | null, mxLookupOk: boolean): Finding[] {
  const fs: Finding[] = [];
  if (!policy) return fs;
  const patterns = policy.mxPatterns;
  for (const p of patterns) {
    if (normalizeHost(p) === `*.${domain}`) fs.push(finding(CHK.wildcardZone, 'policy', `\`mx: ${p}\` allows every host in \`${domain}\` with a CA certificate to receive mail; list the MX hosts instead`, { evidence: `mx: ${p}` }));
  }
  if (policy.modeValue === 'none') return fs;
  for (const h of hosts) {
    if (patterns.some((p) => mxMatches(p, h.host))) continue;
    const sev = byMode(policy.modeValue);
    const consequence = policy.modeValue === 'enforce' ? 'senders refuse to deliver to it' : 'senders would refuse it under enforce and report it now';
    fs.push(finding(CHK.mxNotCovered, `mx:${h.host}`, `the MX host \`${h.host}\` matches no \`mx\` pattern of the policy (${patterns.join(', ')}); ${consequence}`, { evidence: `${h.implicit ? '(implicit MX)' : `MX ${h.preference}`} ${h.host}`, severity: sev }));
  }
  if (mxLookupOk && hosts.length > 0) {
    for (const p of patterns) {
      if (!hosts.some((h) => mxMatches(p, h.host))) fs.push(finding(CHK.mxPatternStale, 'policy', `\`mx: ${p}\` matches none of the current MX hosts (${hosts.map((h) => h.host).join(', ')})`, { evidence: `mx: ${p}` }));
    }
  }
  return fs;
}

/** The report row and findings of one MX host's SMTP session. */
export function judgeSmtp(h: MxHost, policy: PolicyModel | null, smtpEnabled: boolean, now: number): { row: MxRow; findings: Finding[] } {
  const fs: Finding[] = [];
  const subject = `mx:${h.host}` as const;
  const matchedBy = policy ? policy.mxPatterns.filter((p) => mxMatches(p, h.host)) : null;
  const s = h.smtp;
  const sev = byMode(policy?.modeValue ?? null);
  if (!s) {
    // Not probed: no address, SMTP switched off, or beyond the probe limit (neither a failure
    // nor a success; CHK142 names the limit once for the whole list).
    const status = h.overProbeLimit ? 'not-probed' : smtpEnabled ? 'inconclusive' : 'skipped';
    const error = h.overProbeLimit ? null : smtpEnabled ? 'no address' : 'SMTP checks switched off';
    const smtp: SmtpReport | null = h.addresses.length === 0 ? null : { status, address: h.addresses[0] ?? null, port: 0, banner: [], ehlo: [], starttls: null, tls: null, certificate: null, error, ms: 0 };
    return { row: { host: h.host, preference: h.preference, implicit: h.implicit, addresses: h.addresses, addressStatus: h.addressStatus, matchedBy, smtp }, findings: fs };
  }
  const cert = s.tls ? certificateReport(s.tls, h.host, now, true) : null;
  let status: SmtpReport['status'] = 'ok';
  const where = `${s.address}:${s.port}`;
  if (s.failure) {
    if (s.failure.stage === 'connect') {
      status = 'inconclusive';
      fs.push(finding(CHK.smtpUnreachable, subject, `could not connect to \`${h.host}\` (${where}): ${s.failure.message}; outbound port 25 is blocked on many networks, so this is inconclusive`, { evidence: where }));
    } else if (s.failure.stage === 'starttls' || s.failure.stage === 'tls' || s.failure.stage === 'ehlo-tls') {
      status = 'failed';
      const what = s.failure.stage === 'starttls' ? 'STARTTLS' : s.failure.stage === 'tls' ? 'the TLS handshake' : 'the TLS session';
      fs.push(finding(CHK.smtpTlsFailed, subject, `${what} with \`${h.host}\` failed: ${s.failure.message}`, { evidence: s.ehlo.join('\n') || where, severity: sev }));
    } else {
      status = 'failed';
      fs.push(finding(CHK.smtpDialogue, subject, `the SMTP session with \`${h.host}\` failed: ${s.failure.message}`, { evidence: [...s.banner, ...s.ehlo].slice(0, 6).join('\n') || where }));
    }
  } else if (s.starttls === false) {
    status = 'failed';
    fs.push(finding(CHK.smtpNoStarttls, subject, `\`${h.host}\` does not offer STARTTLS in its EHLO reply`, { evidence: s.ehlo.join('\n'), severity: sev }));
  }
  if (s.tls && cert) {
    const p = certProblems(cert, now);
    const ev = describeCert(cert);
    if (p.nameMismatch) fs.push(finding(CHK.smtpCertName, subject, `the certificate of \`${h.host}\` is not valid for that name (SAN: ${cert.dnsNames.join(', ') || 'none'}; the CN is not used)`, { evidence: ev, severity: sev }));
    if (p.expired) fs.push(finding(CHK.smtpCertExpired, subject, `the certificate of \`${h.host}\` expired on ${cert.validTo}`, { evidence: ev, severity: sev }));
    else if (p.notYetValid) fs.push(finding(CHK.smtpCertUntrusted, subject, `the certificate of \`${h.host}\` is not valid before ${cert.validFrom}`, { evidence: ev, severity: sev }));
    if (p.untrusted) fs.push(finding(CHK.smtpCertUntrusted, subject, `the certificate of \`${h.host}\` is not trusted: ${trustText(p.untrusted)}`, { evidence: ev, severity: sev }));
    if (p.expiring) fs.push(finding(CHK.smtpCertExpiring, subject, `the certificate of \`${h.host}\` expires in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'} (${cert.validTo})`, { evidence: ev }));
    const old = tlsTooOld(s.tls.protocol);
    if (old) fs.push(finding(CHK.smtpTlsOld, subject, `\`${h.host}\` negotiated ${s.tls.protocol}; MTA-STS senders require TLS 1.2 or newer`, { evidence: `${s.tls.protocol} ${s.tls.cipher}`, severity: sev }));
    if (p.nameMismatch || p.expired || p.notYetValid || p.untrusted || old) status = 'failed';
  }
  const smtp: SmtpReport = {
    status,
    address: s.address,
    port: s.port,
    banner: s.banner,
    ehlo: s.ehlo,
    starttls: s.starttls,
    tls: s.tls ? { protocol: s.tls.protocol, cipher: s.tls.cipher } : null,
    certificate: cert,
    error: s.failure?.message ?? null,
    ms: s.ms,
  };
  return { row: { host: h.host, preference: h.preference, implicit: h.implicit, addresses: h.addresses, addressStatus: h.addressStatus, matchedBy, smtp }, findings: fs };
}
