// TLS-RPT report documents through the real server: diagnostics, hover on result types,
// the outline and the summary code lens; JSON documents count only when they are reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, startClient } from '../support/lspClient';

let c: LspClient;

before(async () => {
  c = await startClient();
});
after(async () => {
  await c.stop();
});

const REPORT = `{
  "organization-name": "Example Reporter",
  "date-range": { "start-datetime": "2026-01-01T00:00:00", "end-datetime": "2026-01-01T23:59:59Z" },
  "contact-info": "tlsrpt@reporter.example",
  "report-id": "r1",
  "policies": [{
    "policy": { "policy-type": "sts", "policy-domain": "example.com", "mx-host": "mx1.example.com" },
    "summary": { "total-successful-session-count": 10, "total-failure-session-count": "3" },
    "failure-details": [{ "result-type": "certificate-expired", "receiving-mx-hostname": "mx1.example.com", "failed-session-count": 3 }]
  }]
}
`;

test('a report document gets report diagnostics (J2 offset, J3 string mx-host, J6 string count)', async () => {
  const uri = 'file:///rep/sender!example.com!1!2.json';
  await c.open(uri, 'tlsrpt-report', REPORT);
  const d = await c.diagnostics(uri);
  const codes = d.diagnostics.map((x) => x.code).sort();
  assert.ok(codes.includes('RPT207') && codes.includes('RPT212') && codes.includes('RPT203'), codes.join(' '));
});

test('hover on a result type explains it; the outline lists the policies; a code lens offers the summary', async () => {
  const uri = 'file:///rep/sender!example.com!1!2.json';
  const line = REPORT.split('\n').findIndex((l) => l.includes('certificate-expired'));
  const ch = REPORT.split('\n')[line]!.indexOf('certificate-expired') + 3;
  const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: ch } });
  assert.match(h!.contents.value, /expired/i);
  const syms = await c.request<{ name: string; detail: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(syms.some((s) => s.name === 'policies[0]: sts example.com' && s.detail === '10 successful, 3 failed'), JSON.stringify(syms));
  const lenses = await c.request<{ command: { command: string; arguments: string[] } }[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(lenses.map((l) => l.command.command), ['mtaSts.showReportSummary']);
  assert.equal(lenses[0]!.command.arguments[0], uri);
});

test('a JSON document is validated only when its content is a report', async () => {
  await c.open('file:///rep/report.json', 'json', REPORT);
  const d = await c.diagnostics('file:///rep/report.json');
  assert.ok(d.diagnostics.some((x) => x.code === 'RPT207'));
  await c.open('file:///rep/package.json', 'json', '{ "name": "x" }');
  await c.open('file:///rep/trigger.zone', 'dns-zone', '; x\n');
  await c.diagnostics('file:///rep/trigger.zone');
  assert.equal(c.published('file:///rep/package.json'), undefined);
});
