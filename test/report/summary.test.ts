// summarizeReports against totals counted by hand from corpus reports (numbers written out
// below, each with the file and field it comes from), plus aggregation over days, reporters
// and duplicates, and the plain-language readings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCount, readReport, summarizeReports, type TlsRptReport } from '../../server/src/core/index';
import { CORPUS } from '../support/corpus';

const skip = !CORPUS && 'corpus not present';
const load = (name: string): TlsRptReport => readReport(readFileSync(join(CORPUS, 'tlsrpt-reports', name), 'utf8'), name).report!;

test('formatCount uses thousands separators', () => {
  assert.deepEqual([0, 7, 999, 1000, 1204, 5326, 1234567].map(formatCount), ['0', '7', '999', '1,000', '1,204', '5,326', '1,234,567']);
});

test('three corpus reports: totals, policies, failures, days and reporters match hand counts', { skip }, () => {
  const s = summarizeReports([
    // Google Inc., 2026-02-08, example.com sts: 4523 successful, 2 failed; one detail: certificate-expired on mail.example.com × 2.
    load('isseis__tlsrpt-digest__tlsrpt_failure.json'),
    // Company-X, 2016-04-01, company-y.example sts: 5326 successful, 303 failed; details: certificate-expired on
    // mx1.mail.company-y.example × 100, starttls-not-supported on mx2.… × 200, validation-failure on mx-backup.… × 3.
    load('domainaware__parsedmarc__rfc8460.json'),
    // Microsoft Corporation, 2024-09-13, krvtz.net: sts 2 successful 0 failed, tlsa 2 successful 0 failed.
    load('kravietz__tlsrpt-rs__microsoft1.json'),
  ]);
  // 4523 + 5326 + 2 + 2 = 9853 successful; 2 + 303 + 0 + 0 = 305 failed.
  assert.equal(s.reports, 3);
  assert.equal(s.successfulSessions, 9853);
  assert.equal(s.failedSessions, 305);
  assert.equal(s.start, '2016-04-01T00:00:00Z');
  assert.equal(s.end, '2026-02-09T00:00:00Z');
  assert.deepEqual(s.policies.map((p) => [p.policyDomain, p.policyType, p.reports, p.successfulSessions, p.failedSessions]), [
    ['company-y.example', 'sts', 1, 5326, 303],
    ['example.com', 'sts', 1, 4523, 2],
    ['krvtz.net', 'sts', 1, 2, 0],
    ['krvtz.net', 'tlsa', 1, 2, 0],
  ]);
  assert.deepEqual(s.failures.map((f) => [f.policyDomain, f.resultType, f.receivingMx, f.sessions]), [
    ['company-y.example', 'starttls-not-supported', 'mx2.mail.company-y.example', 200],
    ['company-y.example', 'certificate-expired', 'mx1.mail.company-y.example', 100],
    ['company-y.example', 'validation-failure', 'mx-backup.mail.company-y.example', 3],
    ['example.com', 'certificate-expired', 'mail.example.com', 2],
  ]);
  assert.deepEqual(s.failures[2]!.reasons, ['X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED']);
  assert.deepEqual(s.days.map((d) => [d.day, d.reports, d.successfulSessions, d.failedSessions]), [
    ['2016-04-01', 1, 5326, 303],
    ['2024-09-13', 1, 4, 0],
    ['2026-02-08', 1, 4523, 2],
  ]);
  assert.deepEqual(s.reporters.map((r) => [r.reporter, r.reports, r.successfulSessions, r.failedSessions]), [
    ['Company-X', 1, 5326, 303],
    ['Google Inc.', 1, 4523, 2],
    ['Microsoft Corporation', 1, 4, 0],
  ]);
  assert.deepEqual(s.readings, [
    'Company-X: 5,326 of 5,629 sessions to company-y.example (MTA-STS) used TLS successfully; 303 failed: 200 with starttls-not-supported on mx2.mail.company-y.example, 100 with certificate-expired on mx1.mail.company-y.example, 3 with validation-failure on mx-backup.mail.company-y.example.',
    'Google Inc.: 4,523 of 4,525 sessions to example.com (MTA-STS) used TLS successfully; 2 failed with certificate-expired on mail.example.com.',
    'All 2 sessions from Microsoft Corporation to krvtz.net (MTA-STS) used TLS successfully.',
    'All 2 sessions from Microsoft Corporation to krvtz.net (DANE) used TLS successfully.',
  ]);
});

test('one reporter over several days, and duplicate reports counted once', { skip }, () => {
  const s = summarizeReports([
    load('isseis__tlsrpt-digest__tlsrpt_failure.json'), // Google Inc., 2026-02-08: 4523 ok, 2 failed
    load('mjl-__mox__example-google.json'), // Google Inc., 2022-09-15, test.xmox.nl: 3 ok, 0 failed
    load('domainaware__parsedmarc__rfc8460.json'), // Company-X, report-id 5065427c-…: 5326 ok, 303 failed
    load('kravietz__tlsrpt-rs__rfc8460.json'), // the same Company-X report (same report-id): skipped
  ]);
  assert.equal(s.reports, 3);
  assert.deepEqual(s.duplicates, [{ reportId: '5065427c-23d3-47ca-b6e0-946ea0e8c4be', source: 'kravietz__tlsrpt-rs__rfc8460.json' }]);
  const google = s.reporters.find((r) => r.reporter === 'Google Inc.')!;
  // 4523 + 3 = 4526 successful; 2 failed; days 2022-09-15 and 2026-02-08.
  assert.deepEqual([google.reports, google.successfulSessions, google.failedSessions, google.firstDay, google.lastDay], [2, 4526, 2, '2022-09-15', '2026-02-08']);
  assert.equal(s.successfulSessions, 4523 + 3 + 5326);
  assert.equal(s.failedSessions, 2 + 303);
});

test('Mail.ru: details that overlap the total are reported as the report gives them', { skip }, () => {
  // domainaware__parsedmarc__mail.ru.json: total-failure-session-count 1; two sts-policy-fetch-error details of 1 each.
  const s = summarizeReports([load('domainaware__parsedmarc__mail.ru.json')]);
  assert.equal(s.failedSessions, 1);
  assert.deepEqual(s.failures.map((f) => [f.resultType, f.receivingMx, f.sessions, f.reasons.length]), [['sts-policy-fetch-error', null, 2, 2]]);
  assert.deepEqual(s.readings, ['Mail.ru: 0 of 1 session to example.com (MTA-STS) used TLS successfully; 1 failed; the failure details list 2 with sts-policy-fetch-error.']);
});

test('readings: one session, no sessions, no details, thousands separators, many kinds', () => {
  const base = { organizationName: 'google.com', contactInfo: null, reportId: null, startDatetime: null, endDatetime: null, startMs: NaN, endMs: NaN };
  const policy = (successfulSessions: number, failedSessions: number, failureDetails: TlsRptReport['policies'][0]['failureDetails'] = []) => ({ policyType: 'sts', policyDomain: 'example.com', policyStrings: [], mxHosts: [], successfulSessions, failedSessions, failureDetails });
  const detail = (resultType: string, n: number, mx: string | null = 'mx2.example.com') => ({ resultType, sendingMtaIp: null, receivingMxHostname: mx, receivingMxHelo: null, receivingIp: null, failedSessionCount: n, failureReasonCode: null, additionalInformation: null });
  const read = (p: TlsRptReport['policies'][0]) => summarizeReports([{ ...base, policies: [p] }]).readings[0];
  assert.equal(read(policy(1204, 0)), 'All 1,204 sessions from google.com to example.com (MTA-STS) used TLS successfully.');
  assert.equal(read(policy(1, 0)), 'The one session from google.com to example.com (MTA-STS) used TLS successfully.');
  assert.equal(read(policy(0, 0)), 'google.com reported no sessions to example.com (MTA-STS).');
  assert.equal(read(policy(1204, 3, [detail('certificate-expired', 3)])), 'google.com: 1,204 of 1,207 sessions to example.com (MTA-STS) used TLS successfully; 3 failed with certificate-expired on mx2.example.com.');
  assert.equal(read(policy(10, 2)), 'google.com: 10 of 12 sessions to example.com (MTA-STS) used TLS successfully; 2 failed (the report gives no failure details).');
  const many = ['a', 'b', 'c', 'd', 'e'].map((t, i) => detail(`type-${t}`, 5 - i, null));
  assert.equal(read(policy(0, 15, many)), 'google.com: 0 of 15 sessions to example.com (MTA-STS) used TLS successfully; 15 failed: 5 with type-a, 4 with type-b, 3 with type-c, and 2 more kinds.');
  const s = summarizeReports([]);
  assert.deepEqual([s.reports, s.start, s.end, s.readings.length], [0, null, null, 0]);
});
