// Property tests of the core with fast-check: for arbitrary text (full unicode, lone surrogates,
// control characters, CR/LF mixes, grammar tokens) and for mutated corpus files, every parser
// round-trips, lint never throws for any kind and keeps every range and edit inside the document,
// the editor features never throw, and formatting is idempotent and never adds errors.
// A fixed number of runs (FC_RUNS overrides, FC_SEED replays); fast-check prints the seed and
// the shrunk counterexample on failure. Findings of the fuzz runs are kept below as literals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatPolicy, lint, type DocumentKind } from '../../server/src/core/index';
import { anyText, checkDiagnostics, editorFeaturesAreSafe, formatsSafely, lintsSafely, mutatedCorpus, roundTrips } from './properties';

const RUNS = Number(process.env.FC_RUNS ?? 2000);
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
const where = fc.double({ min: 0, max: 1, noNaN: true });

test('arbitrary text: every parser round-trips byte for byte', () => {
  fc.assert(fc.property(anyText, roundTrips), params(2 * RUNS));
});

test('mutated corpus files: every parser round-trips byte for byte', () => {
  fc.assert(fc.property(mutatedCorpus, roundTrips), params(2 * RUNS));
});

test('arbitrary text: lint never throws for any kind; ranges, related spans and edits lie inside the document', () => {
  fc.assert(fc.property(anyText, (s) => void lintsSafely(s)), params());
});

test('mutated corpus files: lint never throws for any kind; ranges, related spans and edits lie inside the document', () => {
  fc.assert(fc.property(mutatedCorpus, (s) => void lintsSafely(s)), params());
});

test('completion, hover and outline never throw at any offset and stay inside the document', () => {
  fc.assert(fc.property(fc.oneof(anyText, mutatedCorpus), where, editorFeaturesAreSafe), params());
});

test('formatPolicy is idempotent and never leaves more errors than before', () => {
  fc.assert(fc.property(fc.oneof(anyText, mutatedCorpus), (s) => formatsSafely(s)), params());
});

// Findings of `npm run fuzz` and of the scaling benchmark, kept as regression inputs.
const REGRESSIONS: readonly { why: string; text: string; kinds?: readonly DocumentKind[] }[] = [
  // Stack overflow: the trailing-dot check recursed once per dot.
  { why: 'mx value ending in 20,000 dots', text: 'version: STSv1\nmode: enforce\nmx: a' + '.'.repeat(20_000) + '\nmax_age: 86400\n' },
  // formatPolicy was not idempotent: a second U+FEFF became the BOM of the formatted text.
  { why: 'two BOMs', text: "\ufeff\ufeffNature's Infusions – MTA-STS Policy\n\nThis static website does not provide email services.\n" },
  { why: 'two BOMs and a blank first line', text: "\ufeff\ufeff\r\nNature's Infusions – MTA-STS Policy\n" },
  { why: 'a BOM in a key that sorts first', text: 'junk\n\ufeff  mode: enforce\n' },
  { why: 'a lone U+FEFF line', text: '\n\ufeff\na\n' },
  // Quadratic time: a colon search ran to the end of the file for every line without a colon.
  { why: '200,000 lines without a colon', text: 'x\n'.repeat(200_000), kinds: ['policy'] },
  // Quadratic time: each repeated id was looked up in the list of valid ids.
  { why: '100,000 repeated ids', text: 'v=STSv1; ' + 'id=1; '.repeat(100_000), kinds: ['sts-record'] },
  // Quadratic time: each character-string's octets were measured on a slice of the joined value.
  { why: '100,000 character-strings in one TXT record', text: '@ IN TXT ' + '"a" '.repeat(100_000), kinds: ['zone'] },
];

test('regression inputs from the fuzz runs and the scaling benchmark', { timeout: 30_000 }, () => {
  for (const r of REGRESSIONS) {
    assert.doesNotThrow(() => roundTrips(r.text), r.why);
    if (r.kinds) for (const kind of r.kinds) assert.doesNotThrow(() => checkDiagnostics(r.text, kind, lint(r.text, kind).diagnostics), `${r.why} (${kind})`);
    else assert.doesNotThrow(() => lintsSafely(r.text), r.why);
    assert.doesNotThrow(() => formatsSafely(r.text), r.why);
  }
});

test('formatting a file that starts with two BOMs keeps the second as part of its key, in one step', () => {
  // The second U+FEFF belongs to the key, so `\ufeffversion` is an unknown field and sorts last;
  // formatting again changes nothing.
  const once = formatPolicy('\ufeff\ufeffversion: STSv1\nmode: testing\nmx: a.example\nmax_age: 86400\n');
  assert.equal(once, 'mode: testing\nmx: a.example\nmax_age: 86400\n\ufeffversion: STSv1\n');
  assert.equal(formatPolicy(once), once);
  assert.deepEqual(lint(once, 'policy').diagnostics.map((d) => d.code), ['STS131'], 'still not a version field');
});
