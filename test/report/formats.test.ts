// Value formats of reports (RFC 3339 date-times, IP addresses, URIs) and report detection by
// file name (RFC 8460 §5.1) and content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isReportFileName, looksLikeReport, parseReportFileName } from '../../server/src/core/index';
import { checkDateTime, ipProblem, uriProblem } from '../../server/src/core/report/formats';

test('RFC 3339 date-times', () => {
  for (const ok of ['2024-09-15T00:00:00Z', '2024-09-15t00:00:00z', '2024-09-15T23:59:59.999Z', '2024-09-15T02:00:00+02:00', '2016-12-31T23:59:60Z', '2024-02-29T00:00:00Z']) {
    assert.equal(checkDateTime(ok).problem, null, ok);
  }
  for (const bad of ['2024-09-15 00:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-09-15T24:00:00Z', '2024-09-15T00:60:00Z', '2024-09-15T00:00:00+0200', '2024-09-15T00:00Z', '2024-09-15', '']) {
    assert.notEqual(checkDateTime(bad).problem, null, bad);
  }
  assert.deepEqual(checkDateTime('2024-11-08T00:00:00'), { problem: null, noOffset: true, epochMs: Date.UTC(2024, 10, 8) });
  assert.equal(checkDateTime('2024-09-15T02:00:00+02:00').epochMs, Date.UTC(2024, 8, 15));
});

test('IP addresses: RFC 8460 dec-octet IPv4 and RFC 4291 IPv6', () => {
  for (const ok of ['192.0.2.1', '0.0.0.0', '255.255.255.255', '2001:db8::1', '2001:db8:abcd:0012::1', '::', '::1', '::ffff:192.0.2.1', '2001:0db8:0000:0000:0000:ff00:0042:8329', 'fe80::', '1:2:3:4:5:6:7::']) {
    assert.equal(ipProblem(ok), null, ok);
  }
  for (const bad of ['192.0.2.01', '192.0.2.256', '192.0.2', '192.0.2.1.5', '1.2.3.-4', '[2001:db8::1]', 'fe80::1%eth0', '2001::db8::1', '2001:db8:1:2:3:4:5:6:7', '12345::1', 'gggg::1', '1:2:3:4:5:6:7:8::', '192.0.2.1:25', 'mx.example.com', '', '::ffff:192.0.2.256']) {
    assert.notEqual(ipProblem(bad), null, bad);
  }
});

test('URIs', () => {
  assert.equal(uriProblem('https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported'), null);
  assert.match(uriProblem('https://reports.company-x.example/  report_info ? id')!, /spaces/);
  assert.match(uriProblem('reports.example/info')!, /scheme/);
  assert.match(uriProblem('https://r.example/%zz')!, /hex digits/);
});

test('RFC 8460 §5.1 report file names', () => {
  assert.deepEqual(parseReportFileName('mail.sndr.example.com!example.net!1470013207!1470186007!001.json.gz'), {
    sender: 'mail.sndr.example.com', policyDomain: 'example.net', begin: 1470013207, end: 1470186007, uniqueId: '001', gzip: true,
  });
  assert.equal(parseReportFileName('/var/reports/google.com!example.com!1726358400!1726444799.json')?.gzip, false);
  assert.ok(isReportFileName('C:\\reports\\mail.sender.example!example.com!1013662812!1013749130.json.gz'));
  assert.ok(isReportFileName('google.com!xn--gpher-jua.test!1726358400!1726444799.JSON'), 'the extension is case-insensitive ABNF');
  for (const bad of ['report.json', 'google.com!example.com!1726358400.json', 'google.com!example.com!a!b.json', 'google.com!example.com!1!2!x-y.json', 'google.com!example.com!1!2.json.zip', 'google.com!example.com!1!2.xml.gz', '!example.com!1!2.json']) {
    assert.equal(isReportFileName(bad), false, bad);
  }
});

test('report content is recognised cheaply', () => {
  assert.ok(looksLikeReport('\ufeff  {"organization-name": "x", "policies": []}'));
  assert.ok(looksLikeReport('{\n "report-id" : "1",\n "policies" : {}\n}'));
  assert.equal(looksLikeReport('{"name": "mta-sts-tools", "version": "0.1.0"}'), false);
  assert.equal(looksLikeReport('[{"organization-name": "x", "policies": []}]'), false);
  assert.equal(looksLikeReport('version: STSv1\nmode: enforce\n'), false);
});
