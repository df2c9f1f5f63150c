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
