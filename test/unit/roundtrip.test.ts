// Parsing never fails and is lossless: every parser's tree prints back to the exact input,
// for the whole corpus and for hostile synthetic inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lint, parsePolicyFile, parseTagRecord, parseZoneFile, printPolicyFile, printTagRecord, printZoneFile } from '../../server/src/core/index';
import { corpusFiles } from '../support/corpus';

const SYNTHETIC = [
  '', '\n', '\r', '\r\n', '\n\n\r\r\n', '\ufeff', '\ufeffversion: STSv1', 'version: STSv1\r\nmode: enforce\rmx: a\n',
  'no colon here', ':', '::::', '  \t  ', 'key:\tvalue\t \r\n', '# comment\n', 'mx: *.', '\u0000\u0001\u0002',
  '\ud800 lone surrogate', 'v=STSv1;;;', ';', '=', 'v==', '"unterminated', '( ( (', ') )', '\\', '"\\', 'a "b\\"c" \\065\\', '$ORIGIN', '@',
  'x'.repeat(10000), ':'.repeat(5000), '*.'.repeat(3000), 'a;'.repeat(3000), '"'.repeat(777), '\\0'.repeat(500),
];

function check(text: string, label: string): void {
  assert.equal(printPolicyFile(parsePolicyFile(text).tree), text, `policy round-trip: ${label}`);
  assert.equal(printTagRecord(parseTagRecord(text)), text, `record round-trip: ${label}`);
  assert.equal(printZoneFile(parseZoneFile(text).tree), text, `zone round-trip: ${label}`);
  for (const kind of ['policy', 'sts-record', 'tlsrpt-record', 'zone'] as const) {
    const ds = lint(text, kind).diagnostics;
    for (const d of ds) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${kind} ${d.code} span out of range in ${label}`);
  }
}

test('synthetic inputs round-trip in every parser and lint without throwing', () => {
  SYNTHETIC.forEach((t, i) => check(t, `synthetic #${i}`));
});

test('every corpus file round-trips in every parser and lints without throwing', () => {
  const files = corpusFiles();
  assert.ok(files.length > 100, `corpus not found or too small (${files.length} files)`);
  for (const f of files) check(readFileSync(f, 'utf8'), f);
});

test('a tree is made of lines that cover the input without gaps', () => {
  const text = 'a: b\r\n\n  c :d \rlast';
  const { tree } = parsePolicyFile(text);
  let pos = 0;
  for (const l of tree.lines) {
    assert.equal(l.span.start, pos);
    pos = l.terminatorSpan.end;
  }
  assert.equal(pos, text.length);
  assert.deepEqual(tree.lines.map((l) => l.terminator), ['\r\n', '\n', '\r', '']);
});
