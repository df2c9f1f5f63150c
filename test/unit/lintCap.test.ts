// Diagnostics are capped per code, so a hostile document cannot flood the editor; the last
// kept diagnostic of a capped code says how many more there were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSink, lint, MAX_PER_CODE } from '../../server/src/core/index';
import { recordUnknownField, recordWhitespace } from '../../server/src/core/rules/tagSyntax';

test('at most MAX_PER_CODE diagnostics of one code, with the rest counted', () => {
  const ds = lint('v=STSv1' + ';'.repeat(500) + 'id=1', 'sts-record').diagnostics.filter((d) => d.code === 'TXT002');
  assert.equal(ds.length, MAX_PER_CODE);
  const last = ds[ds.length - 1]!;
  assert.match(last.message, /\(and 399 more like this, not shown\)$/);
});

test('the cap is per code: other codes of the same document are still reported', () => {
  const text = 'version: STSv1\nmode: enforce\n' + 'mx: a.example.com.\n'.repeat(300) + 'max_age: 1\n';
  const ds = lint(text, 'policy').diagnostics;
  assert.equal(ds.filter((d) => d.code === 'STS113').length, MAX_PER_CODE);
  assert.ok(ds.some((d) => d.code === 'STS105'), 'the file-level finding survives the cap');
  assert.ok(ds.some((d) => d.code === 'STS121'), 'max_age is still judged');
});

test('an mx line with two problems, one of them past the cap, counts that one once', () => {
  const long = 'a'.repeat(64);
  const text = 'version: STSv1\nmode: enforce\nmax_age: 604800\n' + `mx: ${long}.example.com\n`.repeat(100) + `mx: ${long}.b_c.example.com\n`.repeat(10);
  const ds = lint(text, 'policy').diagnostics;
  const tooLong = ds.filter((d) => d.code === ds.find((x) => /at most 63/.test(x.message))!.code);
  assert.equal(tooLong.length, MAX_PER_CODE);
  assert.match(tooLong.at(-1)!.message, /\(and 10 more like this, not shown\)$/);
  assert.equal(ds.filter((d) => /not allowed in a host name/.test(d.message)).length, 10, 'the second problem is kept');
});

test('wrong version, mode and max_age lines past the cap are counted, and still explain the missing field', () => {
  const text = 'mode: tseting\n'.repeat(250) + 'mx: a.example.com\nmax_age: 604800\nversion: STSv1\n';
  const ds = lint(text, 'policy').diagnostics;
  const modes = ds.filter((d) => d.code === ds[0]!.code);
  assert.equal(modes.length, MAX_PER_CODE);
  assert.match(modes.at(-1)!.message, /\(and 150 more like this, not shown\)$/);
  assert.ok(!ds.some((d) => /no `mode` line/.test(d.message)), 'the wrong lines explain the missing mode; it is not reported again');
  assert.match(modes[0]!.message, /Did you mean `testing`/);
});

test('unknown and misspelt keys past the cap are counted, still explain the missing field, and still have their values checked', () => {
  const head = 'version: STSv1\nmx: a.example.com\nmax_age: 604800\n';
  // 150 unknown keys, every third one with an empty value or a tab in it; then a misspelt `mode`
  // past the cap of its code.
  const unknown = Array.from({ length: 150 }, (_, i) => `x${i}: ${i % 3 === 0 ? '' : i % 3 === 1 ? 'a\tb' : 'ok'}\n`).join('');
  const misspelt = 'mdoe: testing\n'.repeat(120);
  const ds = lint(head + unknown + misspelt, 'policy').diagnostics;
  const byCode = (re: RegExp) => { const code = ds.find((d) => re.test(d.message))!.code; return ds.filter((d) => d.code === code); };
  const unknownKeys = byCode(/is not an MTA-STS policy field/);
  assert.equal(unknownKeys.length, MAX_PER_CODE);
  assert.match(unknownKeys.at(-1)!.message, /\(and 50 more like this, not shown\)$/);
  const values = byCode(/empty value|holds a tab/);
  assert.equal(values.length, MAX_PER_CODE, 'the values of the keys past the cap are still checked');
  assert.ok(values.some((d) => /holds a tab/.test(d.message)) && values.some((d) => /empty value/.test(d.message)));
  const guesses = byCode(/`mdoe` is not a policy field/);
  assert.equal(guesses.length, MAX_PER_CODE);
  assert.match(guesses.at(-1)!.message, /\(and 20 more like this, not shown\)$/);
  assert.ok(!ds.some((d) => /no `mode` line/.test(d.message)), 'the misspelt lines explain the missing mode');
  assert.ok(!ds.some((d) => /needs at least one `mx`/.test(d.message)));
});

test('a bad key name past the cap still explains the field it was meant as', () => {
  // The code of bad names is full before `mo de` (meant as `mode`) comes.
  const text = 'version: STSv1\nmx: a.example.com\nmax_age: 604800\n' + 'a b: x\n'.repeat(MAX_PER_CODE) + 'mo de: testing\n';
  const ds = lint(text, 'policy').diagnostics;
  const names = ds.filter((d) => d.code === ds.find((x) => /is not a valid field name/.test(x.message))!.code);
  assert.equal(names.length, MAX_PER_CODE);
  assert.match(names.at(-1)!.message, /\(and 1 more like this, not shown\)$/);
  assert.ok(!ds.some((d) => /no `mode` line/.test(d.message)), 'the bad name explains the missing mode');
});

test('the sink counts a code once whether it is asked by rule, by a finished diagnostic or by a closed log', () => {
  const sink = new DiagnosticSink();
  const at = { start: 0, end: 1 };
  for (let i = 0; i < MAX_PER_CODE; i++) sink.report(recordUnknownField, at, `rule ${i}`);
  assert.equal(sink.room(recordUnknownField), false, 'the rule object is at the cap');
  const kept = sink.items[0]!;
  assert.equal(sink.room(kept), false, 'a diagnostic of the same code is at the same cap');
  sink.add(kept); // counted, not kept
  sink.beginLeftOutLog();
  sink.room(recordUnknownField);
  sink.leftOut(recordUnknownField, 5);
  assert.equal(sink.room(recordWhitespace), true, 'another code still has room');
  sink.endLeftOutLog();
  sink.room(recordUnknownField); // after the log closed: counted, not logged
  sink.replayLeftOutLog();
  sink.replayLeftOutLog();
  const ds = sink.finish();
  assert.equal(ds.length, MAX_PER_CODE);
  // Left out: 1 (room) + 1 (room by diagnostic) + 1 (add) + 1 + 5 (logged) + 1 (unlogged) + 2 × 6 (two replays of the log) = 22.
  assert.match(ds.at(-1)!.message, /^rule 99 \(and 22 more like this, not shown\)$/);
  assert.equal(ds.filter((d) => /more like this/.test(d.message)).length, 1);
});

test('a left-out log of many entries (two codes in turn) is replayed in full', () => {
  const sink = new DiagnosticSink();
  const at = { start: 0, end: 1 };
  for (let i = 0; i < MAX_PER_CODE; i++) sink.report(recordUnknownField, at, `unknown ${i}`);
  for (let i = 0; i < MAX_PER_CODE; i++) sink.report(recordWhitespace, at, `space ${i}`);
  sink.beginLeftOutLog();
  // 40 entries that alternate, so none merges with the one before: the log grows past its first size.
  for (let i = 0; i < 20; i++) {
    sink.room(recordUnknownField);
    sink.leftOut(recordWhitespace, i + 1);
  }
  sink.endLeftOutLog();
  sink.replayLeftOutLog();
  sink.beginLeftOutLog(); // a line with nothing left out closes an empty log …
  sink.endLeftOutLog();
  sink.replayLeftOutLog(); // … and its replay counts nothing
  sink.beginLeftOutLog();
  sink.room(recordUnknownField);
  sink.endLeftOutLog();
  sink.replayLeftOutLog();
  sink.replayLeftOutLog();
  const ds = sink.finish();
  // Unknown: 20 logged, a replay of them, 1 more and 2 replays of that one = 43.
  // Whitespace: 1 + 2 + … + 20 = 210 logged and as many replayed = 420.
  assert.match(ds.filter((d) => d.code === recordUnknownField.code).at(-1)!.message, /^unknown 99 \(and 43 more like this, not shown\)$/);
  assert.match(ds.filter((d) => d.code === recordWhitespace.code).at(-1)!.message, /^space 99 \(and 420 more like this, not shown\)$/);
});
