// The first-occurrence table behind the duplicate rules of policies (mx patterns) and zones
// (record owners): first indexes by hash, keys compared only when hashes meet, growth past its size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FNV_OFFSET, FirstSeen, fnv1a, fnv1aAsciiLower } from '../../server/src/core/text/firstSeen';
import { lint } from '../../server/src/core/index';

test('the table gives the first index of each key, like a Map, with any hash and past its capacity', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'A', 'ab', 'ba', ''), { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 8 }), (keys, hashBits, capacity) => {
      // Few hash bits: many keys share a hash, so only the key comparison tells them apart.
      const seen = new FirstSeen(capacity);
      const firsts = new Map<string, number>();
      return keys.every((key, i) => {
        const h = fnv1a(FNV_OFFSET, key) & ((1 << hashBits) - 1);
        const got = seen.firstOrAdd(h, i, (first) => keys[first] === key);
        const want = firsts.get(key) ?? -1;
        if (want < 0) firsts.set(key, i);
        return got === want;
      });
    }),
    { numRuns: 2000 },
  );
});

test('stored() lists the first index of each key, in ascending order, past growth too', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'A', 'ab', 'ba', ''), { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 8 }), (keys, hashBits, capacity) => {
      const seen = new FirstSeen(capacity);
      const firsts = new Map<string, number>();
      keys.forEach((key, i) => {
        seen.firstOrAdd(fnv1a(FNV_OFFSET, key) & ((1 << hashBits) - 1), i, (first) => keys[first] === key);
        if (!firsts.has(key)) firsts.set(key, i);
      });
      assert.deepEqual(seen.stored(), [...firsts.values()].sort((a, b) => a - b));
    }),
    { numRuns: 1000 },
  );
  assert.deepEqual(new FirstSeen(4).stored(), []);
});

test('released tables hand their arrays on: later tables, two alive at once, still answer like a Map', () => {
  const key = fc.constantFrom('a', 'b', 'c', 'A', 'ab', 'ba', '');
  // A lint's tables: up to three alive together (a zone has two), each with a capacity and keys.
  const lintTables = fc.array(fc.record({ capacity: fc.integer({ min: 0, max: 300 }), keys: fc.array(key, { maxLength: 40 }) }), { minLength: 1, maxLength: 3 });
  fc.assert(
    fc.property(fc.array(lintTables, { minLength: 2, maxLength: 6 }), fc.integer({ min: 0, max: 3 }), (lints, hashBits) => {
      for (const tables of lints) {
        const live = tables.map((t) => ({ ...t, seen: new FirstSeen(t.capacity), firsts: new Map<string, number>() }));
        // Keys go to the tables in turn, so that each grows while the others hold arrays.
        for (let i = 0; i < 40; i++) {
          for (const t of live) {
            const k = t.keys[i];
            if (k === undefined) continue;
            const got = t.seen.firstOrAdd(fnv1a(FNV_OFFSET, k) & ((1 << hashBits) - 1), i, (first) => t.keys[first] === k);
            const want = t.firsts.get(k) ?? -1;
            if (want < 0) t.firsts.set(k, i);
            assert.equal(got, want);
          }
        }
        for (const t of live) assert.deepEqual(t.seen.stored(), [...t.firsts.values()].sort((a, b) => a - b));
        for (const t of live) t.seen.release();
      }
    }),
    { numRuns: 1000 },
  );
  // A table used after its release starts empty, with arrays of its own.
  const seen = new FirstSeen(4);
  assert.equal(seen.firstOrAdd(1, 0, () => true), -1);
  seen.release();
  const other = new FirstSeen(4);
  assert.equal(other.firstOrAdd(1, 5, () => true), -1);
  assert.deepEqual(seen.stored(), []);
  assert.equal(seen.firstOrAdd(1, 7, () => true), -1);
  assert.equal(other.firstOrAdd(1, 9, () => true), 5);
  assert.deepEqual(seen.stored(), [7]);
});

test('an ASCII range hashes as its lower-cased string does; non-ASCII is left to the string', () => {
  assert.equal(fnv1aAsciiLower(FNV_OFFSET, 'xMX.Example.COM.', 1, 15), fnv1a(FNV_OFFSET, 'mx.example.com'));
  assert.equal(fnv1aAsciiLower(FNV_OFFSET, 'b\u00fccher.de', 0, 9), null);
});

test('repeated mx patterns among thousands are found whatever their case, each pointing at the first', () => {
  const lines = ['version: STSv1', 'mode: enforce', 'max_age: 86400'];
  for (let i = 0; i < 3000; i++) lines.push(`mx: mx${i}.example.com`);
  lines.push('mx: MX7.Example.com', 'mx: mx2999.EXAMPLE.COM', 'mx: *.mx7.example.com', 'mx: mx7.example.com');
  const dups = lint(lines.join('\n') + '\n', 'policy').diagnostics.filter((d) => d.code === 'STS134');
  assert.deepEqual(dups.map((d) => d.message.replace(/`/g, '')), ['MX7.Example.com repeats the pattern on line 11', 'mx2999.EXAMPLE.COM repeats the pattern on line 3003', 'mx7.example.com repeats the pattern on line 11']);
});
