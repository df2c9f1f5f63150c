// Offsets to positions and back, with LF, CRLF and bare CR line breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineIndex, detectKind } from '../../server/src/core/index';

test('positions round-trip through offsets for every character', () => {
  const text = 'ab\r\ncd\reé\n\nlast';
  const idx = createLineIndex(text);
  assert.equal(idx.lineCount(), 5);
  for (let o = 0; o <= text.length; o++) {
    const p = idx.positionAt(o);
    if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside CRLF
    assert.equal(idx.offsetAt(p), o, `offset ${o}`);
  }
  assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(idx.lineSpan(0), { start: 0, end: 2 });
  assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2, 'clamped to line end');
  assert.equal(idx.offsetAt({ line: 99, character: 0 }), text.length);
});

test('kinds are detected from names, then content', () => {
  assert.equal(detectKind('/srv/.well-known/mta-sts.txt', ''), 'policy');
  assert.equal(detectKind('example.com.zone', ''), 'zone');
  assert.equal(detectKind('db.example', ''), 'zone');
  assert.equal(detectKind('records.txt', 'v=STSv1; id=1\n'), 'sts-record');
  assert.equal(detectKind('records.txt', '"v=TLSRPTv1; rua=mailto:a@b.c"'), 'tlsrpt-record');
  assert.equal(detectKind('-', 'version: STSv1\nmode: none\n'), 'policy');
  assert.equal(detectKind('x', '$ORIGIN example.com.\n@ IN MX 10 mx\n'), 'zone');
});
