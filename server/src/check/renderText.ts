// Renders a check report as plain text for terminals and the editor's output channel.
// No node:* imports.
import { humanDuration } from '../core/index';
import type { CertificateReport, CheckReport, Finding, MxRow, SmtpReport } from './types';

function certLine(c: CertificateReport): string {
  const trust = c.trusted ? 'trusted' : `NOT trusted (${c.trustError ?? 'unknown'})`;
  return `certificate: ${c.subject || '(no subject)'}; SAN ${c.dnsNames.join(', ') || '(none)'}; issuer ${c.issuer}; expires ${c.validTo.slice(0, 10)} (${c.daysLeft} days); ${trust}; name ${c.nameMatches ? 'matches' : 'does NOT match'}`;
}

/** The SMTP state of an MX host in words; hosts beyond the probe limit read "not probed (limit)". */
export function smtpStatusText(s: SmtpReport): string {
  return s.status === 'not-probed' ? 'not probed (limit)' : s.status;
}

/** The addresses of an MX host, or why it has none: no record, a failed lookup, or none made. */
export function addressText(m: Pick<MxRow, 'addresses' | 'addressStatus'>): string {
  if (m.addresses.length > 0) return m.addresses.join(', ');
  return m.addressStatus === 'failed' ? '(address lookup failed)' : m.addressStatus === 'not-looked-up' ? '(not looked up: time limit)' : '(no address)';
}

export function findingText(f: Finding, indent = '  '): string {
  const where = f.line !== undefined ? ` (line ${f.line}, column ${f.column ?? 1})` : '';
  const lines = [`${indent}${f.severity.padEnd(11)} ${f.code} ${f.name} [${f.subject}]${where}`, `${indent}${' '.repeat(12)}${f.message}`];
  if (f.evidence) for (const e of f.evidence.split('\n').slice(0, 8)) lines.push(`${indent}${' '.repeat(12)}| ${e}`);
  return lines.join('\n');
}

export function countText(fs: readonly Finding[]): string {
  const n = (s: string) => fs.filter((f) => f.severity === s).length;
  return `${n('error')} error(s), ${n('warning')} warning(s), ${n('information') + n('hint')} note(s)`;
}

export function renderReportText(r: CheckReport): string {
  const out: string[] = [];
  out.push(`${r.domain ?? r.input}: ${r.verdict.title}`, `  ${r.verdict.detail}`, '');
  if (r.dns.length) {
    out.push('DNS');
    for (const l of r.dns) {
      const recs = l.records.length ? l.records.join(' | ') : l.status === 'ok' ? '' : l.status.toUpperCase();
      out.push(`  ${l.type.padEnd(4)} ${l.name}  ${recs}${l.cnames.length ? `  (CNAME ${l.cnames.join(', ')})` : ''}${l.error ? `  [${l.error}]` : ''}  ${l.ms} ms`);
    }
    out.push('');
  }
  const p = r.policy;
  if (p && (p.address || p.status !== null)) {
    out.push(`Policy ${p.url}`);
    const parts = [p.status !== null ? `HTTP ${p.status}` : null, p.headers['content-type'] ?? null, p.status !== null ? `${p.bytes} bytes${p.truncated ? ' (cut off)' : ''}` : null, p.tls ? `${p.tls.protocol}` : null, `${p.ms} ms`, p.address ? `from ${p.address}:${p.port}` : null].filter(Boolean);
    out.push(`  ${parts.join(', ')}`);
    if (p.headers.location) out.push(`  Location: ${p.headers.location}`);
    if (p.certificate) out.push(`  ${certLine(p.certificate)}`);
    if (p.error) out.push(`  error: ${p.error}`);
    if (p.mode) out.push(`  mode: ${p.mode}; max_age: ${p.maxAge ?? '?'}${p.maxAge !== null ? ` (${humanDuration(p.maxAge)})` : ''}; mx: ${p.mxPatterns.join(', ') || '(none)'}`);
    out.push('');
  }
  if (r.mx.length) {
    out.push('MX');
    for (const m of r.mx) {
      const match = m.matchedBy === null ? '' : m.matchedBy.length ? `  matched by ${m.matchedBy.join(', ')}` : '  NOT matched by the policy';
      out.push(`  ${String(m.preference).padStart(3)} ${m.host}${m.implicit ? ' (implicit)' : ''}  ${addressText(m)}${match}`);
      const s = m.smtp;
      if (s?.status === 'not-probed') out.push(`      SMTP ${smtpStatusText(s)}`);
      else if (s) {
        const tls = s.tls ? `, ${s.tls.protocol}` : '';
        out.push(`      SMTP ${s.status}${s.starttls === null ? '' : s.starttls ? ', STARTTLS offered' : ', no STARTTLS'}${tls}, ${s.ms} ms${s.error ? ` [${s.error}]` : ''}`);
        if (s.banner.length) out.push(`      banner: ${s.banner[0]}${s.banner.length > 1 ? ` (+${s.banner.length - 1} lines)` : ''}`);
        if (s.certificate) out.push(`      ${certLine(s.certificate)}`);
      }
    }
    out.push('');
  }
  if (r.tlsrpt) out.push(`TLS-RPT: ${r.tlsrpt.status}${r.tlsrpt.rua.length ? ` (rua ${r.tlsrpt.rua.join(', ')})` : ''}`, '');
  out.push(`Findings: ${countText(r.findings)}`);
  for (const f of r.findings) out.push(findingText(f));
  out.push('', `Checked in ${r.durationMs} ms at ${r.checkedAt}`);
  return out.join('\n');
}
