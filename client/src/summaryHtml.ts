// Renders a TLS-RPT summary (one report or a folder of them) as webview HTML: reporter, date
// range, per-policy success/failure bars, failures by result type and MX, plain-language
// readings, and a per-day chart. Strict CSP, no remote resources, every report string escaped.
// Imports no vscode, so tests can render it directly.
import type { ReportSummary } from '../../server/src/core/index';
import { formatCount } from '../../server/src/core/report/summary';
import { escapeHtml as e } from './reportHtml';

export interface SummaryProblem {
  readonly source: string;
  readonly problem: string;
}

function bar(ok: number, failed: number): string {
  const total = ok + failed;
  const okPct = total ? (100 * ok) / total : 0;
  const okW = (160 * okPct) / 100;
  return `<svg class="bar" width="160" height="10" role="img" aria-label="${formatCount(ok)} successful, ${formatCount(failed)} failed"><rect class="ok" x="0" y="0" width="${okW.toFixed(1)}" height="10"/><rect class="fail" x="${okW.toFixed(1)}" y="0" width="${(160 - okW).toFixed(1)}" height="10"/></svg>`;
}

/** A small SVG chart of successes and failures per day. */
function dayChart(s: ReportSummary): string {
  if (s.days.length < 2) return '';
  const w = 16;
  const h = 80;
  const max = Math.max(1, ...s.days.map((d) => d.successfulSessions + d.failedSessions));
  const bars = s.days.map((d, i) => {
    const okH = (h * d.successfulSessions) / max;
    const failH = (h * d.failedSessions) / max;
    return `<g><title>${e(d.day)}: ${formatCount(d.successfulSessions)} successful, ${formatCount(d.failedSessions)} failed</title><rect class="ok" x="${i * (w + 4)}" y="${h - okH - failH}" width="${w}" height="${okH}"/><rect class="fail" x="${i * (w + 4)}" y="${h - failH}" width="${w}" height="${failH}"/></g>`;
  });
  return `<h2>By day</h2><svg class="chart" width="${s.days.length * (w + 4)}" height="${h}" viewBox="0 0 ${s.days.length * (w + 4)} ${h}">${bars.join('')}</svg><p class="muted">${e(s.days[0]!.day)} … ${e(s.days[s.days.length - 1]!.day)}</p>`;
}

export function renderSummaryHtml(title: string, s: ReportSummary, problems: readonly SummaryProblem[], opts: { nonce: string; cspSource: string; canOpenJson: boolean }): string {
  const policies = s.policies.map((p) => `<tr data-policy="${e(p.policyDomain)}"><td>${e(p.policyType)}</td><td><code>${e(p.policyDomain)}</code></td><td class="num">${formatCount(p.successfulSessions)}</td><td class="num">${formatCount(p.failedSessions)}</td><td>${bar(p.successfulSessions, p.failedSessions)}</td></tr>`).join('');
  const failures = s.failures.map((f) => `<tr data-result-type="${e(f.resultType)}"><td><code>${e(f.resultType)}</code></td><td>${f.receivingMx ? `<code>${e(f.receivingMx)}</code>` : '—'}</td><td><code>${e(f.policyDomain)}</code></td><td class="num">${formatCount(f.sessions)}</td><td>${e(f.reasons.join('; '))}</td></tr>`).join('');
  const reporters = s.reporters.map((r) => `<tr><td>${e(r.reporter)}</td><td class="num">${formatCount(r.reports)}</td><td class="num">${formatCount(r.successfulSessions)}</td><td class="num">${formatCount(r.failedSessions)}</td><td>${e(r.firstDay ?? '?')} … ${e(r.lastDay ?? '?')}</td></tr>`).join('');
  const csp = `default-src 'none'; style-src ${opts.cspSource} 'nonce-${opts.nonce}'; script-src 'nonce-${opts.nonce}';`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><title>${e(title)}</title><style nonce="${opts.nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 16px 24px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--vscode-panel-border);vertical-align:top}td.num{text-align:right}
code{font-family:var(--vscode-editor-font-family)}.muted{color:var(--vscode-descriptionForeground)}
.bar .ok,.chart .ok{fill:var(--vscode-testing-iconPassed)}.bar .fail,.chart .fail{fill:var(--vscode-testing-iconFailed)}
.readings li{margin:4px 0}.problems{color:var(--vscode-errorForeground)}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:none;padding:4px 10px;cursor:pointer}
</style></head><body>
<h1>${e(title)}</h1>
<p class="totals" data-successful="${s.successfulSessions}" data-failed="${s.failedSessions}">${formatCount(s.reports)} report${s.reports === 1 ? '' : 's'} · ${formatCount(s.successfulSessions)} successful and ${formatCount(s.failedSessions)} failed sessions · ${e(s.start ?? '?')} … ${e(s.end ?? '?')}</p>
${opts.canOpenJson ? '<p><button data-action="open-json">Open decompressed JSON</button></p>' : ''}
<ul class="readings">${s.readings.map((r) => `<li>${e(r)}</li>`).join('')}</ul>
${problems.length ? `<h2>Files that could not be read (${problems.length})</h2><ul class="problems">${problems.map((p) => `<li><code>${e(p.source)}</code>: ${e(p.problem)}</li>`).join('')}</ul>` : ''}
<h2>Policies</h2><table class="policies"><thead><tr><th>Type</th><th>Domain</th><th>Successful</th><th>Failed</th><th></th></tr></thead><tbody>${policies}</tbody></table>
<h2>Failures by result type and MX</h2>${failures ? `<table class="failures"><thead><tr><th>Result type</th><th>Receiving MX</th><th>Policy</th><th>Sessions</th><th>Reasons</th></tr></thead><tbody>${failures}</tbody></table>` : '<p>No failures reported.</p>'}
<h2>Reporters</h2><table class="reporters"><thead><tr><th>Reporter</th><th>Reports</th><th>Successful</th><th>Failed</th><th>Days</th></tr></thead><tbody>${reporters}</tbody></table>
${dayChart(s)}
${s.duplicates.length ? `<p class="muted">${s.duplicates.length} duplicate report${s.duplicates.length === 1 ? '' : 's'} (same reporter and report-id) counted once.</p>` : ''}
<script nonce="${opts.nonce}">const vscode=acquireVsCodeApi();document.querySelectorAll('button[data-action]').forEach(b=>b.addEventListener('click',()=>vscode.postMessage({action:b.dataset.action})));</script>
</body></html>`;
}
