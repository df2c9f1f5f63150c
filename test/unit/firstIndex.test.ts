// FirstIndex (the duplicate-mx table) answers exactly as a Map of first occurrences would, in
// its short-list phase, across rehashes, and for strings whose hashes collide in the table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FirstIndex } from '../../server/src/core/text/firstIndex';

function viaMap(keys: readonly string[]): number[] {
  const m = new Map<string, number>();
  return keys.map((k, i) => {
    const first = m.get(k);
    if (first !== undefined) return first;
    m.set(k, i);
    return -1;
  });
}

function viaFirstIndex(keys: readonly string[]): number[] {
  const f = new FirstIndex();
  return keys.map((k, i) => f.firstOrAdd(k, i));
}

test('FirstIndex agrees with a Map on random sequences (few and many distinct keys)', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom('a', 'b', 'A', '', 'mx.example.com'), fc.string({ maxLength: 6 })), { maxLength: 400 }), (keys) => {
      assert.deepEqual(viaFirstIndex(keys), viaMap(keys));
    }),
    { numRuns: 300, seed: 20261123 },
  );
});

test('FirstIndex keeps the first of 40,000 host names through every rehash', () => {
  const keys = Array.from({ length: 40_000 }, (_, i) => `mx${i % 25_000}.mail.example.com`);
  const got = viaFirstIndex(keys);
  assert.deepEqual(got, viaMap(keys));
  assert.equal(got[25_000], 0);
  assert.equal(got[39_999], 14_999);
  assert.equal(got.filter((x) => x === -1).length, 25_000);
});
