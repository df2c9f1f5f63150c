// STS134 (duplicate-mx) against a reference written from its definition: a valid `mx` pattern
// that equals an earlier valid one once normalised (normalizeHost: case, a final dot) points at
// the first. Policies of up to 16 patterns are compared in place, larger ones through a table of
// hashes; both paths are held to the same reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint } from '../../server/src/core/index';
import { isValidMxPattern, normalizeHost } from '../../server/src/core/mx';

const RUNS = Number(process.env.FC_RUNS ?? 1000);
const params = { numRuns: RUNS, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

/** Patterns from a few labels in both cases, so that repeats and case variants are common; some invalid. */
const label = fc.constantFrom('a', 'A', 'b', 'B', 'mx', 'Mx', 'MX', 'x-1', 'X-1', '9');
const pattern = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.boolean(), fc.array(label, { minLength: 1, maxLength: 3 })).map(([w, ls]) => (w ? '*.' : '') + ls.join('.')) },
  { weight: 1, arbitrary: fc.constantFrom('a..b', 'a.', 'A.', '*', '-a.b', 'a b', '') },
);

/** [line of each STS134 finding, line of the first occurrence it names], both 1-based. */
function found(text: string): [number, number][] {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  return lint(text, 'policy')
    .diagnostics.filter((d) => d.code === 'STS134')
    .map((d) => [lineOf(d.span.start), Number(/on line (\d+)/.exec(d.message)![1])]);
}

/** The same pairs from the rule's definition. */
function expected(lines: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  const firsts = new Map<string, number>();
  lines.forEach((l, i) => {
    const m = /^mx:[ \t]*(.*?)[ \t]*$/.exec(l);
    if (!m || !isValidMxPattern(m[1]!)) return;
    const norm = normalizeHost(m[1]!);
    const first = firsts.get(norm);
    if (first === undefined) firsts.set(norm, i + 1);
    else out.push([i + 1, first]);
  });
  return out;
}

const policy = (patterns: readonly string[], padding: number) => [
  'version: STSv1',
  'mode: enforce',
  ...patterns.map((p) => `mx: ${p}`),
  // Distinct from every generated pattern: no label above holds `pad`.
  ...Array.from({ length: padding }, (_, i) => `mx: pad${i}.example.net`),
  'max_age: 604800',
];

// Up to 16 patterns are compared in place; 17 more (distinct from all) send the same ones through the table.
for (const [among, padding] of [['a few', 0], ['many (past the in-place comparison)', 17]] as const) {
  test(`duplicate mx patterns among ${among} are those the definition gives, each pointing at the first`, () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 16 }), (ps) => {
        const lines = policy(ps, padding);
        assert.deepEqual(found(lines.join('\n') + '\n'), expected(lines));
      }),
      params,
    );
  });
}
