// The spanned JSON parser: values equal JSON.parse on valid input, every key and value span
// covers its own text, nothing throws on any input, deep and huge input does not overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJson, pathAt, type JsonNode } from '../../server/src/core/index';

/** Converts a parsed tree to a plain value (iteratively, so deep trees are fine). */
function plain(root: JsonNode): unknown {
  const convert = (n: JsonNode): unknown => {
    switch (n.kind) {
      case 'object': return Object.fromEntries(n.members.map((m) => [m.key.value, m.value ? convert(m.value) : undefined]));
      case 'array': return n.items.map(convert);
      default: return n.value;
    }
  };
  return convert(root);
}

/** Checks that each span holds the JSON text of its node. */
function spansHold(text: string, n: JsonNode): void {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    const raw = text.slice(x.span.start, x.span.end);
    if (x.kind === 'object' || x.kind === 'array') assert.deepEqual(JSON.parse(raw), plain(x));
    else assert.deepEqual(JSON.parse(raw), x.value);
    if (x.kind === 'object') for (const m of x.members) {
      assert.equal(JSON.parse(text.slice(m.key.span.start, m.key.span.end)), m.key.value);
      stack.push(m.value!);
    }
    if (x.kind === 'array') stack.push(...x.items);
  }
}

test('valid JSON parses to the same value as JSON.parse, with exact spans', () => {
  fc.assert(fc.property(fc.json(), fc.constantFrom(0, 2), (j, indent) => {
    const text = JSON.stringify(JSON.parse(j), null, indent);
    const { root, problems } = parseJson(text);
    const dup = problems.filter((p) => p.kind === 'syntax');
    assert.deepEqual(dup, []);
    if (problems.length === 0) assert.deepEqual(plain(root!), JSON.parse(text));
    spansHold(text, root!);
  }), { numRuns: 300 });
});

test('any input: never throws, spans stay inside the text, problems are sorted', () => {
  const alphabet = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', ' ', '\n', 'a', '1', '-', '.', 'e', 'true', 'null', '/', '*', "'", '\u00e9', '\ud800');
  fc.assert(fc.property(fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 60 }).map((a) => a.join(''))), (text) => {
    const { problems } = parseJson(text);
    for (const p of problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length && p.span.start <= p.span.end, JSON.stringify(text));
    for (let i = 1; i < problems.length; i++) assert.ok(problems[i - 1]!.span.start <= problems[i]!.span.start);
  }), { numRuns: 2000 });
});

test('syntax errors are reported with spans and the tree is recovered', () => {
  const text = '{"a": 1 "b": [1, 2,], "c": }';
  const { root, problems } = parseJson(text);
  assert.deepEqual(problems.map((p) => text.slice(p.span.start, p.span.end)), ['"b"', ']', '}']);
  assert.equal(root!.kind, 'object');
  assert.deepEqual(root!.kind === 'object' && root!.members.map((m) => m.key.value), ['a', 'b', 'c']);
});

test('duplicate keys are noted with both spans', () => {
  const text = '{"x": 1, "y": {"x": 2}, "x": 3}';
  const { problems } = parseJson(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.kind, 'duplicate-key');
  assert.equal(problems[0]!.span.start, text.lastIndexOf('"x"'));
  assert.equal(problems[0]!.first!.start, 1);
});

test('a million levels of nesting, closed or not, neither overflow nor flood', () => {
  const open = '['.repeat(1_000_000);
  const unclosed = parseJson(open);
  assert.equal(unclosed.problems.length, 1);
  assert.match(unclosed.problems[0]!.message, /never closed \(nor are the 999999 enclosing ones\)/);
  const closed = parseJson(open + ']'.repeat(1_000_000));
  assert.deepEqual(closed.problems, []);
  assert.equal(pathAt(closed.root, 500_000).length, 500_000);
});

test('binary garbage stops after 100 problems', () => {
  const text = '\u0000\u0001x\u008b'.repeat(50_000);
  const { problems } = parseJson(text);
  assert.ok(problems.length <= 101);
  assert.ok(!problems.some((p) => /[\u0000-\u001f]/.test(p.message)), 'messages are printable');
});

test('a 5 MB report parses in reasonable time', () => {
  const text = JSON.stringify({ policies: Array.from({ length: 30_000 }, (_, i) => ({ policy: { 'policy-type': 'sts', 'policy-domain': `d${i}.example` }, summary: { 'total-successful-session-count': i, 'total-failure-session-count': 0 } })) });
  assert.ok(text.length > 4_000_000);
  const t = Date.now();
  const { problems, root } = parseJson(text);
  assert.deepEqual(problems, []);
  assert.equal(root!.kind, 'object');
  assert.ok(Date.now() - t < 10_000, `took ${Date.now() - t} ms`);
});

test('strings: escapes decoded, surrogate pairs joined, raw newlines and bad escapes reported', () => {
  assert.equal((parseJson('"a\\u00e9\\ud83d\\ude00\\n"').root as { value: string }).value, 'a\u00e9\ud83d\ude00\n');
  assert.match(parseJson('"a\nb"').problems[0]!.message, /not closed before the end of the line/);
  assert.match(parseJson('"a\\qb"').problems[0]!.message, /not a JSON escape/);
  assert.match(parseJson('"a\tb"').problems[0]!.message, /U\+0009 must be escaped/);
});

test('pathAt finds the member under the cursor', () => {
  const text = '{"policies": [{"summary": {"total-failure-session-count": 3}}]}';
  const path = pathAt(parseJson(text).root, text.indexOf('3}'));
  assert.deepEqual(path.map((p) => p.key), ['policies', 0, 'summary', 'total-failure-session-count']);
});
