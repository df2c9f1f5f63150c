// Renders a check report as Markdown ("copy as Markdown"). No node:* imports.
import { addressText, smtpStatusText } from './renderText';
import type { CheckReport, Finding } from './types';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

function findingRow(f: Finding): string {
  const where = f.line !== undefined ? ` (line ${f.line})` : '';
  return `| ${f.severity} | ${f.code} \`${f.name}\` | ${cell(f.subject)} | ${cell(f.message)}${where} | ${f.evidence ? cell(code(f.evidence.split('\n')[0]!)) : ''} |`;
}

export function renderReportMarkdown(r: CheckReport): string {
  const out: string[] = [`## MTA-STS check: ${r.domain ?? r.input}`, '', `**${r.verdict.title}.** ${r.verdict.detail}`, ''];
  if (r.findings.length) {
    out.push('### Findings', '', '| Severity | Code | Subject | Message | Evidence |', '| --- | --- | --- | --- | --- |', ...r.findings.map(findingRow), '');
  }
  if (r.dns.length) {
    out.push('### DNS', '', '| Name | Type | Status | Records | ms |', '| --- | --- | --- | --- | --- |');
    for (const l of r.dns) out.push(`| ${code(l.name)} | ${l.type} | ${l.status}${l.cnames.length ? ` (CNAME ${cell(l.cnames.join(', '))})` : ''} | ${cell(l.records.join('\n'))} | ${l.ms} |`);
    out.push('');
  }
  const p = r.policy;
  if (p && (p.address || p.status !== null)) {
    out.push('### Policy', '', `- URL: ${p.url}`, `- Status: ${p.status ?? 'no response'}${p.error ? ` (${p.error})` : ''}`);
    if (p.headers['content-type']) out.push(`- Content-Type: ${code(p.headers['content-type'])}`);
    if (p.tls) out.push(`- TLS: ${p.tls.protocol}, ${p.tls.cipher}`);
    if (p.certificate) out.push(`- Certificate: ${cell(p.certificate.subject)}, issuer ${cell(p.certificate.issuer)}, expires ${p.certificate.validTo.slice(0, 10)} (${p.certificate.daysLeft} days)`);
    out.push(`- Fetched in ${p.ms} ms`);
    if (p.text !== null) out.push('', '```', p.text.length > 2000 ? p.text.slice(0, 2000) + '\n…' : p.text, '```');
    out.push('');
  }
  if (r.mx.length) {
    out.push('### MX hosts', '', '| Pref | Host | Addresses | Matched by | SMTP | TLS | Certificate expires |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const m of r.mx) {
      const s = m.smtp;
      out.push(`| ${m.preference} | ${code(m.host)}${m.implicit ? ' (implicit)' : ''} | ${addressText(m)} | ${m.matchedBy === null ? '—' : m.matchedBy.join(', ') || '**none**'} | ${s ? smtpStatusText(s) : '—'} | ${s?.tls?.protocol ?? '—'} | ${s?.certificate ? s.certificate.validTo.slice(0, 10) : '—'} |`);
    }
    out.push('');
  }
  if (r.tlsrpt) out.push(`### TLS-RPT`, '', `Status: ${r.tlsrpt.status}${r.tlsrpt.value ? `, ${code(r.tlsrpt.value)}` : ''}`, '');
  out.push(`*Checked ${r.checkedAt} in ${r.durationMs} ms.*`, '');
  return out.join('\n');
}
