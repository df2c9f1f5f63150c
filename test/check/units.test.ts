// Pure parts of the checker: reading the domain input, certificate name matching, DNS server
// specs and the summary table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDnsServer, parseDomainInput } from '../../server/src/check/index';
import { sanMatches } from '../../server/src/check/certificate';

test('domain input: accepted forms become the A-label policy domain', () => {
  const ok: [string, string][] = [
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    ['  example.com  ', 'example.com'],
    ['user@example.com', 'example.com'],
    ['mailto:User@Example.org', 'example.org'],
    ['https://mta-sts.example.com/.well-known/mta-sts.txt', 'example.com'],
    ['https://example.net/', 'example.net'],
    ['mta-sts.example.com', 'example.com'],
    ['_mta-sts.example.com', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['user@BÜCHER.example.', 'xn--bcher-kva.example'],
    ['mta-sts.com', 'mta-sts.com'],
  ];
  for (const [input, want] of ok) assert.deepEqual(parseDomainInput(input), { ok: true, domain: want }, input);
});

test('domain input: rejected forms say what is wrong', () => {
  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['exa mple.com', /spaces/],
    ['192.0.2.1', /IP address/],
    ['[2001:db8::1]', /IP address/],
    ['2001:db8::1', /IP address/],
    ['localhost', /single label/],
    ['exa_mple.com', /`_` is not allowed/],
    ['a..com', /empty label/],
    ['-a.com', /starts or ends with `-`/],
    [`${'a'.repeat(64)}.com`, /at most 63/],
    [`${'abcdefghi.'.repeat(26)}com`, /at most 253/],
    ['user@', /nothing after/],
    ['1.2.3', /numeric label/],
    ['.', /only a dot/],
  ];
  for (const [input, re] of bad) {
    const r = parseDomainInput(input);
    assert.equal(r.ok, false, input);
    if (!r.ok) assert.match(r.reason, re, input);
  }
});

test('certificate names: SAN only, wildcard only as the whole leftmost label for the policy host', () => {
  assert.ok(sanMatches(['mta-sts.example.com'], 'MTA-STS.example.com', false));
  assert.ok(sanMatches(['*.example.com'], 'mta-sts.example.com', false));
  assert.ok(!sanMatches(['*.example.com'], 'example.com', false));
  assert.ok(!sanMatches(['*.example.com'], 'a.mta-sts.example.com', false));
  assert.ok(!sanMatches(['mta*.example.com'], 'mta-sts.example.com', false));
  assert.ok(!sanMatches(['*.com'], 'example.com', false));
  assert.ok(!sanMatches(['www.*.com'], 'www.example.com', false));
  assert.ok(!sanMatches([], 'mta-sts.example.com', false));
});

test('certificate names: MX hosts may match a partial leftmost wildcard (RFC 6125 §6.4.3)', () => {
  assert.ok(sanMatches(['mx*.example.com'], 'mx1.example.com', true));
  assert.ok(!sanMatches(['mx*.example.com'], 'mail.example.com', true));
  assert.ok(!sanMatches(['xn--*.example.com'], 'xn--bcher-kva.example.com', true));
  assert.ok(sanMatches(['mx1.example.com.'], 'mx1.example.com', true));
});

test('DNS server specs', () => {
  assert.deepEqual(parseDnsServer('127.0.0.1'), { host: '127.0.0.1', port: 53 });
  assert.deepEqual(parseDnsServer('127.0.0.1:5353'), { host: '127.0.0.1', port: 5353 });
  assert.deepEqual(parseDnsServer('[::1]:5353'), { host: '::1', port: 5353 });
  assert.deepEqual(parseDnsServer('2001:db8::53'), { host: '2001:db8::53', port: 53 });
  assert.equal(parseDnsServer('a b'), null);
  assert.equal(parseDnsServer('127.0.0.1:99999'), null);
});
