// MX pattern matching (RFC 8461 §4.1, rfc-digest D3) and the pattern grammar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMxPattern, matchingPatterns, mxMatches, toALabels, punycodeEncode } from '../../server/src/core/index';

test('D3 matching vectors', () => {
  const cases: [string, string, boolean][] = [
    ['mail.example.com', 'MAIL.Example.COM', true],
    ['*.example.com', 'mx1.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'mx1.example.com.', true],
    ['mx.example.com', 'mx.example.net', false],
    ['*.EXAMPLE.com', 'Mx1.example.COM', true],
    ['*.example.com', '.example.com', false],
    ['mail.example.com', 'mail.example.com.', true],
  ];
  for (const [p, h, want] of cases) assert.equal(mxMatches(p, h), want, `${p} vs ${h}`);
});

test('matchingPatterns returns every pattern that matches', () => {
  assert.deepEqual(matchingPatterns(['a.example.com', '*.example.com', '*.example.net'], 'A.example.com'), ['a.example.com', '*.example.com']);
});

test('pattern grammar: valid patterns have no problems', () => {
  for (const p of ['mail.example.com', '*.example.com', 'xn--bcher-kva.example', 'mx-1.example.com', 'localhost', 'a'.repeat(63) + '.com']) assert.deepEqual(checkMxPattern(p), [], p);
});

test('pattern grammar: P16/P17 vectors are each invalid with the expected kind', () => {
  const cases: [string, string][] = [
    ['*.*.example.com', 'wildcard'], ['mail.*.example.com', 'wildcard'], ['.example.com', 'label'], ['*example.com', 'wildcard'],
    ['*', 'wildcard'], ['mail.example.com.', 'trailing-dot'], ['mail_1.example.com', 'label'], ['-mx.example.com', 'label'],
    ['bücher.example', 'u-label'], ['a.example.com, b.example.com', 'list'], ['a.example.com # primary', 'comment'],
    ['192.0.2.1', 'ip-address'], ['2001:db8::1', 'ip-address'], ['', 'empty'], ['a'.repeat(64) + '.com', 'too-long'], ['.', 'label'],
  ];
  for (const [p, kind] of cases) {
    const problems = checkMxPattern(p);
    assert.ok(problems.length >= 1, p);
    assert.equal(problems[0]!.kind, kind, p);
    for (const x of problems) assert.ok(x.start >= 0 && x.end <= Math.max(p.length, 1), `${p} span`);
  }
});

test('IDN patterns get their A-label as the replacement', () => {
  assert.equal(checkMxPattern('bücher.example')[0]!.replacement, 'xn--bcher-kva.example');
  assert.equal(checkMxPattern('mail.example.com.')[0]!.replacement, 'mail.example.com');
});

test('punycode: RFC 3492 sample strings', () => {
  assert.equal(punycodeEncode('bücher'), 'bcher-kva');
  assert.equal(punycodeEncode('münchen'), 'mnchen-3ya');
  assert.equal(toALabels('Bücher.Example'), 'xn--bcher-kva.example');
  assert.equal(toALabels('例え.テスト'), 'xn--r8jz45g.xn--zckzah');
  assert.equal(punycodeEncode('他们为什么不说中文'), 'ihqwcrb4cv8a8dqg056pqjye');
});

test('isValidMxPattern gives the answer of checkMxPattern on every value: each value it rejects has a problem (the policy model asks the first, the rule then asks invalidMxProblems)', async () => {
  const { isValidMxPattern, invalidMxProblems } = await import('../../server/src/core/mx');
  const fc = (await import('fast-check')).default;
  const piece = fc.constantFrom('a', 'Z', '0', '9', '-', '.', '*', '*.', '_', ':', ' ', '#', '1.2.3.4', '[::1]', 'é', '\u00a0', 'x'.repeat(63), 'y'.repeat(64), ':25', 'https://', ',');
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
    const v = parts.join('');
    assert.equal(isValidMxPattern(v), checkMxPattern(v).length === 0, JSON.stringify(v));
    if (!isValidMxPattern(v)) assert.ok(invalidMxProblems(v).length > 0, JSON.stringify(v));
  }), { numRuns: 30000 });
  for (const v of ['', 'a', 'mail.example.com', '*.example.com', '1.2.3.4', '1.2.3.4.example', 'a'.repeat(63), 'a'.repeat(64), ('a'.repeat(60) + '.').repeat(4) + 'ab', ('a'.repeat(60) + '.').repeat(4) + 'abcdefghijklmnop', 'a-.b', 'example.com.']) {
    assert.equal(isValidMxPattern(v), checkMxPattern(v).length === 0, v);
  }
});

test('isValidMxPattern is the pattern grammar: an optional `*.`, then labels of 1–63 letters, digits and inner hyphens, at most 253 characters, not an IPv4 address', async () => {
  const { isValidMxPattern } = await import('../../server/src/core/mx');
  const fc = (await import('fast-check')).default;
  // The grammar written out with its bounds (the linter tests the label length apart).
  const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
  const grammar = new RegExp(`^(?:\\*\\.)?(?:${label}\\.)*${label}$`);
  const reference = (v: string) => v.length <= 253 && grammar.test(v) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(v);
  const piece = fc.constantFrom('a', 'Z', '0', '-', '.', '*.', '*', '_', 'x'.repeat(62), 'y'.repeat(63), 'z'.repeat(64), '1.2.3.4');
  fc.assert(fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
    const v = parts.join('');
    assert.equal(isValidMxPattern(v), reference(v), JSON.stringify(v));
  }), { numRuns: 30000 });
});
