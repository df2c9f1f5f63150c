// Certificate judgements for the policy host and MX hosts: SAN dNSName matching (RFC 6125,
// RFC 8461 §3.3 / §4.2), trust and validity dates. No node:* imports.
import type { TlsInfo } from './env';
import type { CertificateReport } from './types';

const DAY = 86400000;
/** Certificates expiring sooner than this get a warning. */
export const EXPIRY_WARNING_DAYS = 14;

/**
 * True when one SAN dNSName matches `host`, case-insensitively. A `*` counts only as the whole
 * leftmost label (policy host, RFC 8461 §3.3); with `partialWildcards` a leftmost label such as
 * `mx*` is also allowed (RFC 6125 §6.4.3 permits it for MX certificates).
 */
export function sanMatches(dnsNames: readonly string[], host: string, partialWildcards: boolean): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return dnsNames.some((raw) => {
    const n = raw.toLowerCase().replace(/\.$/, '');
    if (!n.includes('*')) return n === h;
    const dot = n.indexOf('.');
    const dotH = h.indexOf('.');
    if (dot < 0 || dotH <= 0) return false;
    const first = n.slice(0, dot);
    const rest = n.slice(dot + 1);
    if (rest.includes('*') || rest.split('.').length < 2 || h.slice(dotH + 1) !== rest) return false;
    if (first === '*') return true;
    if (!partialWildcards || first.split('*').length !== 2 || first.startsWith('xn--')) return false;
    const [pre, post] = first.split('*') as [string, string];
    const label = h.slice(0, dotH);
    return label.length >= pre.length + post.length && label.startsWith(pre) && label.endsWith(post);
  });
}

export function certificateReport(tls: TlsInfo, host: string, now: number, partialWildcards: boolean): CertificateReport | null {
  const c = tls.certificate;
  if (!c) return null;
  const to = Date.parse(c.validTo);
  return {
    subject: c.subject,
    issuer: c.issuer,
    dnsNames: c.dnsNames,
    validFrom: c.validFrom,
    validTo: c.validTo,
    daysLeft: Number.isNaN(to) ? 0 : Math.floor((to - now) / DAY),
    fingerprint256: c.fingerprint256,
    trusted: tls.chainVerified,
    trustError: tls.verifyError,
    nameMatches: sanMatches(c.dnsNames, host, partialWildcards),
  };
}

export interface CertProblems {
  readonly expired: boolean;
  readonly notYetValid: boolean;
  /** Chain problems other than dates. */
  readonly untrusted: string | null;
  readonly nameMismatch: boolean;
  readonly expiring: boolean;
}

const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

export function certProblems(c: CertificateReport, now: number): CertProblems {
  const expired = Date.parse(c.validTo) < now || c.trustError === 'CERT_HAS_EXPIRED';
  const notYetValid = Date.parse(c.validFrom) > now || c.trustError === 'CERT_NOT_YET_VALID';
  return {
    expired,
    notYetValid,
    untrusted: !c.trusted && c.trustError && !DATE_ERRORS.has(c.trustError) ? c.trustError : null,
    nameMismatch: !c.nameMatches,
    expiring: !expired && c.daysLeft < EXPIRY_WARNING_DAYS,
  };
}

const TRUST_TEXT: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed certificate that is not a trusted root',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer is not a trusted CA (or an intermediate certificate is missing)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the chain cannot be verified (an intermediate certificate is probably missing)',
  CERT_UNTRUSTED: 'the certificate is not trusted',
  CERT_REVOKED: 'the certificate is revoked',
};

export function trustText(code: string): string {
  return TRUST_TEXT[code] ?? `the chain does not verify (${code})`;
}

/** True for TLS versions older than 1.2. */
export function tlsTooOld(protocol: string): boolean {
  return /^(SSLv|TLSv1(\.[01])?$)/.test(protocol);
}

export function describeCert(c: CertificateReport): string {
  return `subject ${c.subject || '(empty)'}; SAN ${c.dnsNames.length ? c.dnsNames.join(', ') : '(none)'}; issuer ${c.issuer}; valid ${c.validFrom.slice(0, 10)} to ${c.validTo.slice(0, 10)}`;
}
