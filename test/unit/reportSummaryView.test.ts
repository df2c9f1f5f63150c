// The TLS-RPT summary view's HTML and the capped report decoding, without VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readReport, summarizeReports } from '../../server/src/core/index';
import { decodeReportBytes } from '../../client/src/reportBytes';
import { renderSummaryHtml } from '../../client/src/summaryHtml';

const HOSTILE = '<script>alert(1)</script>';
const REPORT = JSON.stringify({
  'organization-name': `Evil ${HOSTILE}`, 'date-range': { 'start-datetime': '2026-01-01T00:00:00Z', 'end-datetime': '2026-01-01T23:59:59Z' }, 'contact-info': 'x@example.net', 'report-id': 'r1',
  policies: [{ policy: { 'policy-type': 'sts', 'policy-domain': 'example.com', 'mx-host': ['mx1.example.com'] }, summary: { 'total-successful-session-count': 1204, 'total-failure-session-count': 3 },
    'failure-details': [{ 'result-type': 'certificate-expired', 'sending-mta-ip': '192.0.2.1', 'receiving-mx-hostname': `mx2.example.com${HOSTILE}`, 'failed-session-count': 3 }] }],
});

test('the summary HTML shows the totals and escapes every string from the report', () => {
  const r = readReport(REPORT, 'a.json').report!;
  const html = renderSummaryHtml('TLS-RPT: a.json', summarizeReports([r]), [{ source: `b${HOSTILE}.json`, problem: 'bad' }], { nonce: 'n1', cspSource: 'vscode-webview:', canOpenJson: false });
  assert.ok(!html.includes(HOSTILE));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /content="default-src 'none'; style-src vscode-webview: 'nonce-n1'; script-src 'nonce-n1';"/);
  assert.ok(!/style="/.test(html), 'no inline style attributes (the CSP forbids them)');
  assert.match(html, /data-successful="1204" data-failed="3"/);
  assert.match(html, /1,204 successful and 3 failed sessions/);
  assert.match(html, /data-result-type="certificate-expired"/);
});

test('report bytes: plain JSON, gzip, and a gzip bomb refused with a clear message', async () => {
  assert.equal(await decodeReportBytes(new TextEncoder().encode(REPORT)), REPORT);
  assert.equal(await decodeReportBytes(gzipSync(REPORT)), REPORT);
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  const started = Date.now();
  await assert.rejects(decodeReportBytes(bomb), /decompresses to more than 10 MB/);
  assert.ok(Date.now() - started < 5000, 'refused promptly');
  await assert.rejects(decodeReportBytes(new Uint8Array([0x1f, 0x8b, 1, 2, 3])), /not valid gzip/);
});
