// No input makes the report functions throw: arbitrary JSON in every field of a report, and
// corpus reports cut or spliced at random places; diagnostics stay inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { hoverReport, lint, readReport, summarizeReports } from '../../server/src/core/index';
import { CORPUS, corpusFiles } from '../support/corpus';

const PATHS = ['organization-name', 'date-range', 'contact-info', 'report-id', 'policies', 'policy', 'policy-type', 'policy-string', 'policy-domain', 'mx-host', 'summary', 'total-successful-session-count', 'total-failure-session-count', 'failure-details', 'result-type', 'sending-mta-ip', 'receiving-ip', 'failed-session-count', 'additional-information', 'start-datetime'];
const BASE = `{
  "organization-name": "Google Inc.",
  "date-range": {"start-datetime": "2024-09-15T00:00:00Z", "end-datetime": "2024-09-15T23:59:59Z"},
  "contact-info": "smtp-tls-reporting@google.com",
  "report-id": "2024-09-15T00:00:00Z_example.com",
  "policies": [{
    "policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mx: mx1.example.com"], "policy-domain": "example.com", "mx-host": "*.mail.example.com"},
    "summary": {"total-successful-session-count": 1204, "total-failure-session-count": 3},
    "failure-details": [{"result-type": "certificate-expired", "sending-mta-ip": "209.85.222.201", "receiving-mx-hostname": "mx1.example.com", "receiving-ip": "192.0.2.25", "failed-session-count": 3, "additional-information": "https://r.example/i"}]
  }]
}`;

function exercise(text: string): void {
  const ds = lint(text, 'tlsrpt-report').diagnostics;
  for (const d of ds) assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end, `${d.code} span`);
  const { report } = readReport(text);
  summarizeReports(report ? [report, report] : []);
  for (let o = 0; o <= text.length; o += Math.max(1, Math.floor(text.length / 40))) hoverReport(text, o);
}

test('any JSON value in any report field', () => {
  assert.match(BASE, /^\{\n {2}"organization-name"/);
  fc.assert(fc.property(fc.constantFrom(...PATHS), fc.jsonValue(), (name, value) => {
    const re = new RegExp(`("${name}": )("[^"]*"|[0-9.]+|\\[[^\\]]*\\]|\\{[^{}]*\\})`);
    exercise(BASE.replace(re, (_, k: string) => k + JSON.stringify(value)));
  }), { numRuns: 400 });
});

test('corpus reports cut, spliced and with junk inserted', { skip: !CORPUS && 'corpus not present' }, () => {
  const texts = corpusFiles('tlsrpt-reports').filter((f) => f.endsWith('.json')).map((f) => readFileSync(f, 'utf8'));
  fc.assert(fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (t, a, b, junk) => {
    const i = a % (t.length + 1);
    const j = i + (b % 40);
    exercise(t.slice(0, i) + junk + t.slice(j));
  }), { numRuns: 400 });
});
