// The "did you mean" distance: exact up to the bound it is asked for, above it otherwise, checked
// against the full table written out plainly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { closest, editDistance } from '../../server/src/core/text/similar';

/** Optimal string alignment distance, the whole table. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_', 'M'), maxLength: 12 });

test('editDistance is the distance when it is at most the bound, and above the bound otherwise', () => {
  fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
    const want = reference(a, b);
    const got = editDistance(a, b, max);
    if (Math.abs(a.length - b.length) > 3) assert.equal(got, Math.abs(a.length - b.length));
    else if (want <= max) assert.equal(got, want);
    else assert.ok(got > max, `${a} ${b} ${max}: ${got} (distance ${want})`);
  }), { numRuns: 20000 });
});

test('editDistance: transpositions count one, and long words reuse the grown rows', () => {
  assert.equal(editDistance('max_age', 'mxa_age'), 1);
  assert.equal(editDistance('version', 'verison'), 1);
  assert.equal(editDistance('mode', 'mdoe', 0), 1);
  const long = 'x'.repeat(40);
  assert.equal(editDistance(long, long + 'yz'), 2);
  assert.equal(editDistance('abc', 'abd'), 1, 'short again after long');
});

test('closest picks the first of the nearest candidates within the bound, as the full table would', () => {
  const keys = ['version', 'mode', 'mx', 'max_age', 'ab', 'ba', 'abc'];
  fc.assert(fc.property(word, fc.integer({ min: 0, max: 3 }), (w, max) => {
    let best: string | null = null;
    let bestD = max + 1;
    for (const k of keys) {
      const d = reference(w, k);
      if (d < bestD) {
        best = k;
        bestD = d;
      }
    }
    assert.equal(closest(w, keys, max), best);
  }), { numRuns: 20000 });
});
