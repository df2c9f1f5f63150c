// The record checks skip their parse for a value of the canonical form (rules/canonicalRecord.ts).
// These properties hold the shortcut to the full checks: every generated canonical value is
// recognised and has no finding in full, and for values near the form (mutated by a character)
// and arbitrary text the checks with the shortcut report exactly what the full checks report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isCanonicalStsRecord, isCanonicalTlsrptRecord } from '../../server/src/core/rules/canonicalRecord';
import { checkStsRecord, checkStsRecordInFull } from '../../server/src/core/rules/stsRecord';
import { checkTlsrptRecord, checkTlsrptRecordInFull } from '../../server/src/core/rules/tlsrptRecord';
import { DiagnosticSink, type Diagnostic } from '../../server/src/core/rules/types';
import { anyText } from './properties';

const RUNS = Number(process.env.FC_RUNS ?? 2000);
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

const chars = (s: string) => fc.constantFrom(...s.split(''));
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const word = (alphabet: string, min: number, max: number) => fc.array(chars(alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
const label = word(ALNUM + '-', 1, 12);
const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((l) => l.join('.'));
const mailto = fc.tuple(word(ALNUM + '._+-', 1, 16), domain).map(([l, d]) => `mailto:${l}@${d}`);
const https = fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.')), fc.option(fc.integer({ min: 0, max: 99999 }), { nil: undefined }), fc.option(word(ALNUM + '._~/-', 0, 20), { nil: undefined }))
  .map(([h, port, path]) => `https://${h}${port === undefined ? '' : `:${port}`}${path === undefined ? '' : `/${path}`}`);
const space = fc.constantFrom('', ' ');
const end = fc.constantFrom('', ';');

const canonicalSts = fc.tuple(space, word(ALNUM, 1, 32), end).map(([s, id, e]) => `v=STSv1;${s}id=${id}${e}`);
const canonicalTlsrpt = fc.tuple(space, fc.array(fc.oneof(mailto, https), { minLength: 1, maxLength: 4 }), end).map(([s, uris, e]) => `v=TLSRPTv1;${s}rua=${uris.join(',')}${e}`);

/** A value with one character inserted, replaced or removed, from the characters the grammar cares about. */
const mutated = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, fc.nat(), fc.constantFrom('insert', 'replace', 'remove'), chars(' \t;=,:@./?#%!"\\\u00a0\u00e9Vv-_+~0aZ'))
    .map(([s, at, how, c]) => {
      const i = at % (s.length + 1);
      return how === 'insert' ? s.slice(0, i) + c + s.slice(i) : how === 'replace' ? s.slice(0, i) + c + s.slice(i + 1) : s.slice(0, i) + s.slice(i + 1);
    });

const findings = (check: (text: string, sink: DiagnosticSink) => void, text: string): readonly Diagnostic[] => {
  const sink = new DiagnosticSink();
  check(text, sink);
  return sink.finish();
};

test('canonical MTA-STS values are recognised, and the full checks find nothing in them', () => {
  fc.assert(fc.property(canonicalSts, (s) => {
    assert.ok(isCanonicalStsRecord(s), s);
    assert.deepEqual(findings(checkStsRecordInFull, s), []);
  }), params());
});

test('canonical TLS-RPT values are recognised, and the full checks find nothing in them', () => {
  fc.assert(fc.property(canonicalTlsrpt, (s) => {
    assert.ok(isCanonicalTlsrptRecord(s), s);
    assert.deepEqual(findings(checkTlsrptRecordInFull, s), []);
  }), params());
});

test('values near the canonical form and arbitrary text: the shortcut reports what the full checks report', () => {
  const any = fc.oneof(mutated(canonicalSts), mutated(canonicalTlsrpt), mutated(mutated(canonicalTlsrpt)), canonicalSts, canonicalTlsrpt, anyText);
  fc.assert(fc.property(any, (s) => {
    assert.deepEqual(findings(checkStsRecord, s), findings(checkStsRecordInFull, s));
    assert.deepEqual(findings(checkTlsrptRecord, s), findings(checkTlsrptRecordInFull, s));
  }), params(4 * RUNS));
});

test('the shortcut leaves to the full checks what they have something to say about', () => {
  // Valid but not of the form: the full checks run and find nothing.
  for (const s of ['v=STSv1;  id=1', 'v=STSv1;\tid=1', 'v=STSv1; id=1; ']) {
    assert.equal(isCanonicalStsRecord(s), false, s);
    assert.deepEqual(findings(checkStsRecord, s), [], s);
  }
  for (const s of ['v=STSv1; id=1 ', 'v=STSv1 ; id=1', 'v=STSv1; id=' + 'a'.repeat(33), 'v=STSv1; id=2024-01-01', 'v=STSv1; id=1;;', 'v=stsv1; id=1', 'v=STSv1; id=1; mode=enforce']) {
    assert.equal(isCanonicalStsRecord(s), false, s);
    assert.notDeepEqual(findings(checkStsRecord, s), [], s);
  }
  for (const s of ['v=TLSRPTv1; rua=tls@example.com', 'v=TLSRPTv1; rua=mailto:tls@example', 'v=TLSRPTv1; rua=http://r.example/x', 'v=TLSRPTv1; rua=mailto:a@b.example!10m', 'v=TLSRPTv1; rua=mailto:a@b.example; rua=mailto:c@d.example', 'v=TLSRPTv1; rua=https:///x']) {
    assert.equal(isCanonicalTlsrptRecord(s), false, s);
    assert.notDeepEqual(findings(checkTlsrptRecord, s), [], s);
  }
  assert.equal(isCanonicalStsRecord('v=STSv1; id=' + '1'.repeat(600)), false, 'past the length limit');
});
