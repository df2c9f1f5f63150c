// The policy tree keeps its lines as offsets and builds line and entry objects only on demand;
// the lint rules read the offsets, editor features the objects. Both views must agree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkMxPattern, parsePolicyFile, readPolicy } from '../../server/src/core/index';
import { corpusFiles } from '../support/corpus';

const HAND = [
  '',
  '\ufeff',
  '\ufeffversion: STSv1\r\nmode: enforce\rmx: a.example\n\n  max_age : 86400 \t\n',
  'version: STSv1\nmode: testing\nmx: *.example.com\nmx: *.example.com\nmx: bad_name\nmx: bad_name\nmx: MX.example.com\nmax_age: 604800\nmax_age: 1\n# note\nnot a field\n\n\n',
  ':\n:x\n x:\nmx:\nmx:  \t\nmode: none\nmode: enforce',
  // Large enough (over 4 KiB, over 512 lines) for the typed-array storage of lines and lists.
  ['version: STSv1', 'mode: testing', ...Array.from({ length: 900 }, (_, i) => (i % 7 === 0 ? 'mx: bad_name' : i % 11 === 0 ? '' : i % 13 === 0 ? 'mode: enforce' : `mx: m${i % 60}.example.com`)), 'max_age: 86400'].join('\r\n'),
];

function texts(): string[] {
  return [...HAND, ...corpusFiles('policies').map((f) => readFileSync(f, 'utf8'))];
}

test('the offsets of every line equal its line object', () => {
  for (const text of texts()) {
    const { tree } = parsePolicyFile(text);
    assert.equal(tree.lineCount, tree.lines.length);
    for (let i = 0; i < tree.lineCount; i++) {
      const l = tree.lines[i]!;
      const got = [tree.kind(i), tree.terminator(i), tree.start(i), tree.end(i), tree.bomEnd(i), tree.keyStart(i), tree.keyEnd(i), tree.colonAt(i), tree.valueStart(i), tree.valueEnd(i)];
      assert.deepEqual(got, [l.kind, l.terminator, l.span.start, l.span.end, l.bom?.end ?? l.span.start, l.key.start, l.key.end, l.colon?.start ?? -1, l.value.start, l.value.end], `${JSON.stringify(text.slice(0, 60))} line ${i}`);
      assert.equal(l.index, i);
      assert.deepEqual(JSON.stringify(parsePolicyFile(text).tree.line(i)), JSON.stringify(l), 'a line built alone equals the one in `lines`');
    }
  }
});

test('lineAt finds the line that holds each offset, its terminator included', () => {
  for (const text of HAND.concat('a\r\n\r\nb\rc\n')) {
    const { tree } = parsePolicyFile(text);
    for (let o = 0; o <= text.length; o++) {
      const i = tree.lineAt(o);
      const l = tree.lines[i]!;
      const last = i === tree.lineCount - 1;
      assert.ok(o >= l.span.start && (last || o < l.terminatorSpan.end), `${JSON.stringify(text)} offset ${o} → line ${i}`);
    }
  }
});

test('the model lists entries, mx lines and patterns consistently with its objects', () => {
  for (const text of texts()) {
    const m = readPolicy(text);
    const name = JSON.stringify(text.slice(0, 60));
    // Built on demand, then kept; entryOfLine hands out the same objects, the known fields included.
    assert.equal(m.entries, m.entries);
    assert.deepEqual(m.entries.map((e) => e.line.index), m.entryLines, name);
    assert.deepEqual(m.entries.map((e) => e.key), m.entryKeys, name);
    assert.deepEqual(m.entryKeys, m.entryLines.map((i) => m.keyOf(i)), name);
    for (const e of m.entries) {
      assert.equal(m.entryOfLine(e.line.index), e, `${name}: entryOfLine(${e.line.index})`);
      assert.equal(m.valueOf(e.line.index), e.value);
      assert.equal(text.slice(e.valueSpan.start, e.valueSpan.end), e.value);
    }
    for (const known of [m.version, m.mode, m.maxAge]) if (known) assert.ok(m.entries.includes(known), `${name}: ${known.key} is one of the entries`);
    assert.equal(m.mxCount, m.mxEntries.length, name);
    // Each mx line points at its pattern when valid; the patterns are the valid values in order.
    const valid = m.mxEntries.filter((e) => checkMxPattern(e.value).length === 0);
    assert.deepEqual(m.mxPatterns, valid.map((e) => e.value), name);
    assert.deepEqual(m.entryPatterns.filter((k) => k >= 0), valid.map((_, k) => k), name);
    m.entries.forEach((e, k) => assert.equal(m.entryPatterns[k]! >= 0, e.key === 'mx' && checkMxPattern(e.value).length === 0, `${name}: ${e.key}: ${e.value}`));
  }
});

test('an entry asked for before the list is built has the same content as the listed one', () => {
  const text = HAND[3]!;
  const early = readPolicy(text);
  const lines = [...early.entryLines].map((i) => early.entryOfLine(i));
  const later = readPolicy(text).entries;
  assert.equal(JSON.stringify(lines), JSON.stringify(later));
  assert.equal(early.entryOfLine(early.mode!.line.index), early.mode, 'the known fields keep their identity');
});

test('a tree keeps its own lines when other policies are parsed after it', () => {
  const a = parsePolicyFile(HAND[2]!).tree;
  const before = JSON.stringify(Array.from({ length: a.lineCount }, (_, i) => a.line(i)));
  for (const t of HAND) parsePolicyFile(t);
  parsePolicyFile('x: y\n'.repeat(2000));
  assert.equal(JSON.stringify(Array.from({ length: a.lineCount }, (_, i) => a.line(i))), before);
});

test('trees of small policies parsed one after another, enough to fill many shared stores, each keep their own lines', () => {
  // Small files share one store of offsets piece by piece and a new one once it is full (far
  // fewer than 3,000 files of up to 50 lines fill one); every tree must still read its own lines.
  const made: { text: string; tree: ReturnType<typeof parsePolicyFile>['tree'] }[] = [];
  for (let k = 0; k < 3000; k++) {
    const lines = Array.from({ length: 1 + (k % 50) }, (_, i) => (i % 3 === 0 ? `mx: m${k}-${i}.example.com` : i % 3 === 1 ? `  k${k}:v${i}  ` : `# ${k}`));
    const text = lines.join(k % 2 ? '\r\n' : '\n');
    made.push({ text, tree: parsePolicyFile(text).tree });
    if (k % 500 === 0) parsePolicyFile('x: y\n'.repeat(2000));
  }
  for (const { text, tree } of made) {
    const fresh = parsePolicyFile(text).tree;
    assert.equal(tree.lineCount, fresh.lineCount);
    for (let i = 0; i < tree.lineCount; i++) {
      assert.deepEqual([tree.kind(i), tree.start(i), tree.end(i), tree.keyStart(i), tree.keyEnd(i), tree.colonAt(i), tree.valueStart(i), tree.valueEnd(i), tree.terminator(i)],
        [fresh.kind(i), fresh.start(i), fresh.end(i), fresh.keyStart(i), fresh.keyEnd(i), fresh.colonAt(i), fresh.valueStart(i), fresh.valueEnd(i), fresh.terminator(i)]);
    }
    assert.equal(tree.text.slice(tree.keyStart(0), tree.keyEnd(0)), text.slice(0, text.indexOf(':')).trim());
  }
});
