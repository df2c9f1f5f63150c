// The report vectors J1–J6 of the digest (part D5), each on an otherwise valid report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, readReport, type Diagnostic } from '../../server/src/core/index';

const POLICY = '{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: testing", "mx: *.mail.example", "max_age: 86400"], "policy-domain": "example.com", "mx-host": ["*.mail.example"]}, "summary": {"total-successful-session-count": 10, "total-failure-session-count": 3}, "failure-details": [{"result-type": "certificate-expired", "sending-mta-ip": "192.0.2.1", "receiving-mx-hostname": "mx1.mail.example", "failed-session-count": 3}]}';
const report = (policies = `[${POLICY}]`) => `{"organization-name": "Example Inc.", "date-range": {"start-datetime": "2024-11-08T00:00:00Z", "end-datetime": "2024-11-08T23:59:59Z"}, "contact-info": "tlsrpt@example.net", "report-id": "r1", "policies": ${policies}}`;
const codes = (text: string) => lint(text, 'tlsrpt-report').diagnostics.map((d: Diagnostic) => `${d.code} ${d.severity}`);

test('the base report is clean', () => {
  assert.deepEqual(codes(report()), []);
});

test('J1: policies as an object is invalid (MUST be an array), but still read', () => {
  const text = report(POLICY);
  assert.deepEqual(codes(text), ['RPT202 error']);
  assert.equal(readReport(text).report!.policies.length, 1);
});

test('J2: a date-time without offset is tolerated with a warning and read as UTC', () => {
  const text = report().replace('"2024-11-08T00:00:00Z"', '"2024-11-08T00:00:00"');
  assert.deepEqual(codes(text), ['RPT207 warning']);
  assert.equal(readReport(text).report!.startMs, Date.UTC(2024, 10, 8));
});

test('J3: mx-host as a string is accepted with an information note', () => {
  const text = report().replace('"mx-host": ["*.mail.example"]', '"mx-host": "*.mail.example"');
  assert.deepEqual(codes(text), ['RPT212 information']);
  assert.deepEqual(readReport(text).report!.policies[0]!.mxHosts, ['*.mail.example']);
});

test('J4: an unknown result-type is kept with a warning', () => {
  const text = report().replace('"certificate-expired"', '"some-new-type"');
  assert.deepEqual(codes(text), ['RPT210 warning']);
  assert.equal(readReport(text).report!.policies[0]!.failureDetails[0]!.resultType, 'some-new-type');
});

test('J5: a policy without failure-details and policy-string is accepted', () => {
  const bare = '{"policy": {"policy-type": "no-policy-found", "policy-domain": "example.com"}, "summary": {"total-successful-session-count": 48, "total-failure-session-count": 0}}';
  assert.deepEqual(codes(report(`[${bare}]`)), []);
});

test('J6: a count written as a string is an error (with a fix), yet summaries still read it', () => {
  const text = report().replace('"total-failure-session-count": 3', '"total-failure-session-count": "3"');
  const ds = lint(text, 'tlsrpt-report').diagnostics;
  assert.deepEqual(ds.map((d) => `${d.code} ${d.severity}`), ['RPT203 error']);
  assert.equal(ds[0]!.suggestion?.edits[0]?.newText, '3');
  assert.equal(readReport(text).report!.policies[0]!.failedSessions, 3);
});
