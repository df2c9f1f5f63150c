// Renders a check report as the HTML of the report webview: strict Content-Security-Policy,
// theme colours only, no remote resources, every string from the network escaped.
// Imports no vscode, so tests can render it directly.
import { addressText, smtpStatusText } from '../../server/src/check/renderText';
import type { CheckReport, Finding, MxRow } from '../../server/src/check/types';

export type RowStatus = 'pass' | 'warn' | 'fail' | 'inconclusive' | 'info';

export interface CheckRow {
  readonly check: string;
  readonly status: RowStatus;
  readonly detail: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const INCONCLUSIVE = new Set(['CHK108', 'CHK150']);

function statusOf(findings: readonly Finding[]): RowStatus {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => INCONCLUSIVE.has(f.code))) return 'inconclusive';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return findings.length ? 'info' : 'pass';
}

/** One row per step a sending server takes, with the worst finding of that step. */
export function checkRows(r: CheckReport): CheckRow[] {
  const by = (pred: (f: Finding) => boolean) => r.findings.filter(pred);
  const first = (fs: readonly Finding[], ok: string) => fs.find((f) => f.severity === 'error')?.message ?? fs.find((f) => f.severity === 'warning')?.message ?? fs[0]?.message ?? ok;
  const rows: CheckRow[] = [];
  const dns = by((f) => f.subject === 'dns' || f.subject === 'input');
  rows.push({ check: 'DNS: _mta-sts TXT record', status: statusOf(dns), detail: first(dns, r.stsRecord?.value ? `"${r.stsRecord.value}"` : 'looked up') });
  const https = by((f) => f.subject === 'https');
  rows.push({ check: 'HTTPS: policy fetch', status: r.policy ? statusOf(https) : 'info', detail: first(https, r.policy ? `${r.policy.status ?? 'no'} response from ${r.policy.url} in ${r.policy.ms} ms` : 'not fetched') });
  const policy = by((f) => f.subject === 'policy');
  rows.push({ check: 'Policy contents', status: r.policy?.text ? statusOf(policy) : 'info', detail: first(policy, r.policy?.mode ? `mode ${r.policy.mode}, max_age ${r.policy.maxAge}` : 'no policy') });
  for (const mx of r.mx) {
    const fs = by((f) => f.subject === `mx:${mx.host}`);
    rows.push({ check: `MX ${mx.host}`, status: mxStatus(mx, statusOf(fs)), detail: first(fs, mxSummary(mx)) });
  }
  const rpt = by((f) => f.subject === 'tlsrpt');
  rows.push({ check: 'TLS-RPT record', status: r.tlsrpt?.status === 'valid' ? statusOf(rpt) : rpt.length ? statusOf(rpt) : 'info', detail: first(rpt, r.tlsrpt?.value ? `"${r.tlsrpt.value}"` : 'none') });
  return rows;
}

/**
 * An MX row without findings passes only when its SMTP probe ran and succeeded: unreachable is
 * inconclusive; not probed (beyond the probe limit, SMTP switched off, no address) is information.
 */
function mxStatus(mx: MxRow, byFindings: RowStatus): RowStatus {
  if (byFindings !== 'pass') return byFindings;
  const s = mx.smtp?.status;
  return s === 'ok' ? 'pass' : s === 'inconclusive' ? 'inconclusive' : 'info';
}

function mxSummary(mx: MxRow): string {
  const match = mx.matchedBy === null ? 'no policy to match' : mx.matchedBy.length ? `matched by ${mx.matchedBy.join(', ')}` : 'matched by no pattern';
  const smtp = mx.smtp ? `SMTP ${smtpStatusText(mx.smtp)}${mx.smtp.tls ? `, ${mx.smtp.tls.protocol}` : ''}` : 'SMTP not probed';
  return `${match}; ${mx.addresses.length ? '' : `${addressText(mx)}; `}${smtp}`;
}

const ICON: Record<RowStatus, string> = { pass: '✔', warn: '⚠', fail: '✖', inconclusive: '?', info: 'ℹ' };

function table(head: readonly string[], rows: readonly (readonly string[])[], cls: string, attrs: (i: number) => string = () => ''): string {
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r, i) => `<tr${attrs(i)}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function renderReportHtml(r: CheckReport, opts: { nonce: string; cspSource: string; hasLocalPolicy: boolean }): string {
  const e = escapeHtml;
  const rows = checkRows(r);
  const findings = table(['', 'Code', 'Subject', 'Message', 'Evidence'], r.findings.map((f) => [
    `<span class="sev ${f.severity}">${e(f.severity)}</span>`, `<code>${e(f.code)}</code> ${e(f.name)}`, e(f.subject), e(f.message) + (f.line !== undefined ? ` <span class="muted">(line ${f.line})</span>` : ''), f.evidence ? `<code>${e(f.evidence.slice(0, 300))}</code>` : '',
  ]), 'findings', (i) => ` data-code="${e(r.findings[i]!.code)}" data-severity="${e(r.findings[i]!.severity)}"`);
  const checks = table(['', 'Check', 'Result'], rows.map((x) => [`<span class="st ${x.status}" title="${x.status}">${ICON[x.status]}</span>`, e(x.check), e(x.detail)]), 'checks', (i) => ` data-status="${rows[i]!.status}"`);
  const mx = r.mx.length ? table(['Host', 'Pref', 'Policy match', 'SMTP', 'TLS', 'Certificate'], r.mx.map((m) => [
    `<code>${e(m.host)}</code>${m.implicit ? ' <span class="muted">(implicit)</span>' : ''}`, String(m.preference), m.matchedBy === null ? '—' : m.matchedBy.length ? e(m.matchedBy.join(', ')) : '<b>none</b>',
    m.smtp ? e(smtpStatusText(m.smtp) + (m.smtp.error ? `: ${m.smtp.error}` : '')) : '—', m.smtp?.tls ? e(m.smtp.tls.protocol) : '—',
    m.smtp?.certificate ? e(`${m.smtp.certificate.subject}; issuer ${m.smtp.certificate.issuer}; expires ${m.smtp.certificate.validTo} (${m.smtp.certificate.daysLeft} days)`) : '—',
  ]), 'mx') : '<p class="muted">No MX hosts.</p>';
  const p = r.policy;
  const policy = p ? `<p>${e(p.url)} — status ${e(String(p.status ?? 'none'))}${p.headers['content-type'] ? `, ${e(p.headers['content-type'])}` : ''}, ${p.bytes} bytes, ${p.ms} ms${p.certificate ? `; certificate ${e(p.certificate.subject)}, issuer ${e(p.certificate.issuer)}, expires ${e(p.certificate.validTo)} (${p.certificate.daysLeft} days)` : ''}</p>${p.text !== null ? `<pre class="policy">${e(p.text)}</pre>` : ''}${
    p.diagnostics.length ? table(['Line', 'Code', 'Message'], p.diagnostics.map((d) => [String(d.line), `<code>${e(d.code)}</code>`, e(d.message)]), 'policy-diagnostics') : ''}` : '<p class="muted">No policy was fetched.</p>';
  const records = table(['Name', 'Status', 'Records'], [
    [`_mta-sts.${e(r.domain ?? '')}`, e(r.stsRecord?.status ?? '—'), (r.stsRecord?.all ?? []).map((x) => `<code>${e(x)}</code>`).join('<br>') + ((r.stsRecord?.cnames.length ?? 0) ? `<br><span class="muted">via ${e(r.stsRecord!.cnames.join(', '))}</span>` : '')],
    [`_smtp._tls.${e(r.domain ?? '')}`, e(r.tlsrpt?.status ?? '—'), (r.tlsrpt?.all ?? []).map((x) => `<code>${e(x)}</code>`).join('<br>')],
  ], 'records');
  const timings = table(['Step', 'Start (ms)', 'Took (ms)'], r.timings.map((t) => [e(t.step), String(t.startMs), String(t.ms)]), 'timings');
  const csp = `default-src 'none'; style-src ${opts.cspSource} 'nonce-${opts.nonce}'; script-src 'nonce-${opts.nonce}'; img-src ${opts.cspSource} data:;`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MTA-STS check: ${e(r.domain ?? r.input)}</title><style nonce="${opts.nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 16px 24px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;table-layout:auto}td code{white-space:pre-wrap}table.findings td:last-child code,table.records td:last-child code{overflow-wrap:anywhere}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--vscode-panel-border);vertical-align:top}
code,pre{font-family:var(--vscode-editor-font-family)}pre.policy{background:var(--vscode-textCodeBlock-background);padding:8px;overflow:auto}
.muted{color:var(--vscode-descriptionForeground)}.verdict{padding:12px;border-left:4px solid var(--vscode-focusBorder);background:var(--vscode-textBlockQuote-background)}
.verdict.ok{border-color:var(--vscode-testing-iconPassed)}.verdict.bad{border-color:var(--vscode-testing-iconFailed)}.verdict.meh{border-color:var(--vscode-editorWarning-foreground)}
.st.pass{color:var(--vscode-testing-iconPassed)}.st.fail,.sev.error{color:var(--vscode-errorForeground)}.st.warn,.sev.warning{color:var(--vscode-editorWarning-foreground)}.st.inconclusive,.st.info,.sev.information{color:var(--vscode-descriptionForeground)}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:none;padding:4px 10px;margin-right:6px;cursor:pointer}button:hover{background:var(--vscode-button-hoverBackground)}
</style></head><body>
<h1>MTA-STS check: <code>${e(r.domain ?? r.input)}</code></h1>
<div class="verdict ${r.verdict.kind === 'enforced' ? 'ok' : r.verdict.kind.startsWith('broken') || r.verdict.kind === 'invalid-input' ? 'bad' : 'meh'}" data-verdict="${e(r.verdict.kind)}"><h2>${e(r.verdict.title)}</h2><p>${e(r.verdict.detail)}</p>
<p class="muted">Checked ${e(r.checkedAt)} in ${r.durationMs} ms${r.options.smtp ? '' : '; SMTP probing off'}.</p></div>
<p><button data-action="rerun">Re-run</button><button data-action="copy">Copy as Markdown</button>${p?.text !== null && p?.text !== undefined ? '<button data-action="open">Open fetched policy</button>' : ''}${p?.text && opts.hasLocalPolicy ? '<button data-action="compare">Compare with local policy</button>' : ''}</p>
<h2>Checks</h2>${checks}<h2>Findings (${r.findings.length})</h2>${r.findings.length ? findings : '<p>No findings.</p>'}
<h2>MX hosts</h2>${mx}<h2>Policy</h2>${policy}<h2>TXT records</h2>${records}<h2>Timings</h2>${timings}
<script nonce="${opts.nonce}">const vscode=acquireVsCodeApi();document.querySelectorAll('button[data-action]').forEach(b=>b.addEventListener('click',()=>vscode.postMessage({action:b.dataset.action})));</script>
</body></html>`;
}
