// The check report view's HTML (rendered without VS Code) and the domain guess for the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckReport } from '../../server/src/check/types';
import { checkRows, renderReportHtml } from '../../client/src/reportHtml';
import { inferDomains } from '../../client/src/inferDomain';

const HOSTILE = '<img src=x onerror=alert(1)>"\'`&';

function report(): CheckReport {
  return {
    input: 'example.com', domain: 'example.com', checkedAt: '2026-01-01T00:00:00.000Z', durationMs: 120,
    verdict: { kind: 'broken-refused', title: 'Broken: mail will be refused', detail: 'An MX is not covered.' },
    findings: [
      { code: 'CHK140', name: 'mx-not-covered', severity: 'error', subject: 'mx:mx2.example.com', message: `mx2 ${HOSTILE}`, evidence: HOSTILE },
      { code: 'CHK150', name: 'smtp-unreachable', severity: 'information', subject: 'mx:mx1.example.com', message: 'port 25 blocked' },
    ],
    dns: [],
    stsRecord: { status: 'valid', value: 'v=STSv1; id=1', all: ['v=STSv1; id=1'], cnames: [], id: '1' },
    policy: { url: 'https://mta-sts.example.com/.well-known/mta-sts.txt', address: '127.0.0.1', port: 443, status: 200, headers: { 'content-type': 'text/plain' }, tls: { protocol: 'TLSv1.3', cipher: 'x' }, certificate: null,
      text: `version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\nnote: ${HOSTILE}\n`, bytes: 80, truncated: false, diagnostics: [], mode: 'enforce', maxAge: 604800, mxPatterns: ['mx1.example.com'], usable: true, error: null, ms: 30 },
    mx: [
      { host: 'mx1.example.com', preference: 10, implicit: false, addresses: ['127.0.0.1'], addressStatus: 'found', matchedBy: ['mx1.example.com'], smtp: { status: 'inconclusive', address: null, port: 25, banner: [], ehlo: [], starttls: null, tls: null, certificate: null, error: 'refused', ms: 1 } },
      { host: 'mx2.example.com', preference: 20, implicit: false, addresses: ['127.0.0.1'], addressStatus: 'found', matchedBy: [], smtp: null },
      { host: 'mx3.example.com', preference: 30, implicit: false, addresses: ['127.0.0.1'], addressStatus: 'found', matchedBy: ['mx3.example.com'], smtp: { status: 'not-probed', address: '127.0.0.1', port: 0, banner: [], ehlo: [], starttls: null, tls: null, certificate: null, error: null, ms: 0 } },
    ],
    tlsrpt: null,
    timings: [{ step: 'dns', startMs: 0, ms: 5 }],
    options: { timeoutMs: 1000, smtp: true, httpsPort: 443, smtpPort: 25, maxMxProbes: 2, smtpConcurrency: 4, dnsConcurrency: 16 },
  };
}

test('the report HTML escapes every fetched string and allows no remote resources', () => {
  const html = renderReportHtml(report(), { nonce: 'abc123', cspSource: 'vscode-webview:', hasLocalPolicy: true });
  assert.ok(!html.includes(HOSTILE) && !html.includes('<img'), 'hostile markup must be escaped');
  assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src vscode-webview: 'nonce-abc123'; script-src 'nonce-abc123'/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<script nonce="abc123">/);
  assert.ok(!/\b(src|href)=["']?https?:/i.test(html), 'no remote resources');
  assert.match(html, /data-verdict="broken-refused"/);
  assert.match(html, /data-action="compare"/);
  assert.match(html, /<td>not probed \(limit\)<\/td>/);
});

test('check rows: one per step, failing MX fails, unreachable MX is inconclusive, MX beyond the probe limit is information', () => {
  const rows = checkRows(report());
  const by = Object.fromEntries(rows.map((r) => [r.check, r.status]));
  assert.equal(by['MX mx2.example.com'], 'fail');
  assert.equal(by['MX mx1.example.com'], 'inconclusive');
  assert.equal(by['MX mx3.example.com'], 'info');
  assert.match(rows.find((r) => r.check === 'MX mx3.example.com')!.detail, /SMTP not probed \(limit\)$/);
  assert.equal(by['DNS: _mta-sts TXT record'], 'pass');
  assert.equal(by['TLS-RPT record'], 'info');
});

test('check rows: an MX without an address says why (no record, a failed lookup, not looked up) and is information', () => {
  const r = report();
  const mx = (addressStatus: 'none' | 'failed' | 'not-looked-up') => ({ ...r.mx[2]!, addresses: [], addressStatus, smtp: null });
  const rows = checkRows({ ...r, findings: [], mx: [mx('none'), mx('failed'), mx('not-looked-up')] }).filter((x) => x.check.startsWith('MX '));
  assert.deepEqual(rows.map((x) => [x.status, x.detail]), [
    ['info', 'matched by mx3.example.com; (no address); SMTP not probed'],
    ['info', 'matched by mx3.example.com; (address lookup failed); SMTP not probed'],
    ['info', 'matched by mx3.example.com; (not looked up: time limit); SMTP not probed'],
  ]);
});

test('check rows: with SMTP probing switched off, MX rows are information, not a pass', () => {
  const r = report();
  const skipped = { status: 'skipped' as const, address: '127.0.0.1', port: 0, banner: [], ehlo: [], starttls: null, tls: null, certificate: null, error: 'SMTP checks switched off', ms: 0 };
  const off: CheckReport = { ...r, findings: [], options: { ...r.options, smtp: false }, mx: r.mx.map((m) => ({ ...m, matchedBy: [m.host], smtp: skipped })) };
  const rows = checkRows(off).filter((x) => x.check.startsWith('MX '));
  assert.equal(rows.length, 3);
  for (const row of rows) assert.equal(row.status, 'info', row.check);
  const probed: CheckReport = { ...off, mx: [{ ...off.mx[0]!, smtp: { ...skipped, status: 'ok', error: null } }] };
  assert.equal(checkRows(probed).find((x) => x.check.startsWith('MX '))!.status, 'pass');
});

test('the domain to check is guessed from the folder, the zone and the policy', () => {
  assert.deepEqual(inferDomains('/w/mta-sts.example.org/.well-known/mta-sts.txt', 'mta-sts', 'mx: mx1.mail.example.net\n'), ['example.org', 'example.net']);
  assert.deepEqual(inferDomains('/w/zones/db.x', 'dns-zone', '$ORIGIN Example.COM.\n_mta-sts.other.example. IN TXT "v=STSv1; id=1"\n'), ['example.com', 'other.example']);
  assert.deepEqual(inferDomains('/w/untitled', 'dns-zone', 'v=STSv1; id=1'), []);
});
