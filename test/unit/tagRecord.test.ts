// Tag records (`v=STSv1; id=…`) are parsed into a scratch array kept between calls and copied
// out per record; a flood of `;` past the diagnostic cap is counted by runs. Both must give what
// a plain per-record parse and a one-by-one count give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, lintRecordValue, parseTagRecord, DiagnosticSink, type Diagnostic } from '../../server/src/core/index';
import { checkTagSyntax } from '../../server/src/core/rules/tagSyntax';

/** The segment ends, read from the record's `;` offsets and its length. */
function ends(text: string): number[] {
  const r = parseTagRecord(text);
  return Array.from({ length: r.segmentCount }, (_, i) => (r.semicolonAt(i) < 0 ? text.length : r.semicolonAt(i)));
}

test('a record keeps its segments when records of other sizes are parsed after it', () => {
  const flood = 'v=STSv1' + ';'.repeat(6000);
  const small = 'v=STSv1; id=1';
  const a = parseTagRecord(small);
  const b = parseTagRecord(flood);
  const c = parseTagRecord(small + ';x=2');
  parseTagRecord(flood + flood);
  parseTagRecord('v=TLSRPTv1');
  assert.deepEqual([a.segmentCount, a.semicolonAt(0), a.semicolonAt(1)], [2, 7, -1]);
  assert.equal(b.segmentCount, 6001);
  assert.deepEqual([b.semicolonAt(0), b.semicolonAt(5999), b.semicolonAt(6000)], [7, 6006, -1]);
  assert.deepEqual([c.segmentCount, c.semicolonAt(1)], [3, 13]);
  assert.deepEqual(ends('a;;b; ;'), [1, 2, 4, 6, 7]);
});

test('a run of zero-length segments ends at the first with characters, or at the stop', () => {
  const r = parseTagRecord('v=STSv1;;;; ;;x;;');
  // Segments: 0 `v=STSv1`, 1-3 empty, 4 ` `, 5 empty, 6 `x`, 7 empty, 8 empty (last).
  assert.equal(r.zeroLengthRunEnd(1, 8), 4);
  assert.equal(r.zeroLengthRunEnd(4, 8), 4);
  assert.equal(r.zeroLengthRunEnd(5, 8), 6);
  assert.equal(r.zeroLengthRunEnd(7, 8), 8);
  assert.equal(r.zeroLengthRunEnd(0, 8), 0, 'the first segment starts no run');
});

test('empty fields past the cap are all counted, whitespace-only and zero-length alike', () => {
  for (const kind of ['sts-record', 'tlsrpt-record'] as const) {
    const text = (kind === 'sts-record' ? 'v=STSv1' : 'v=TLSRPTv1') + ';'.repeat(500) + ' ;' + ';'.repeat(300) + 'id=1';
    const empty = lint(text, kind).diagnostics.filter((d) => d.code === 'TXT002');
    assert.equal(empty.length, 100, kind);
    // 801 `;` make 800 empty segments between them; the last segment holds `id=1`.
    assert.match(empty[99]!.message, /\(and 700 more like this, not shown\)$/, kind);
  }
  const trailing = lint('v=STSv1' + ';'.repeat(150), 'sts-record').diagnostics.filter((d) => d.code === 'TXT002');
  assert.match(trailing[99]!.message, /\(and 49 more like this, not shown\)$/, 'the empty last segment is not an empty field');
});

test('hidesField finds `name=` after whitespace in a value, or the name behind odd characters, as the plain expressions do', async () => {
  const { hidesField } = await import('../../server/src/core/rules/tagSyntax');
  const fc = (await import('fast-check')).default;
  const piece = fc.constantFrom('id', 'rua', '=', ' ', '\t', 'x', 'i', 'd', 'r', 'u', 'a', '\u00a0', '\u200b', '\u0001', 'ID', ';');
  const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  const field = fc.record({ name: text, value: text });
  fc.assert(fc.property(fc.array(field, { maxLength: 4 }), fc.constantFrom('id', 'rua'), (fields, name) => {
    const plain = fields.some((f) => new RegExp(`[ \\t]${name}=`).test(f.value) || f.name.replace(/[^\x21-\x7e]/g, '') === name);
    assert.equal(hidesField(fields, name), plain, JSON.stringify(fields.map((f) => [f.name, f.value])));
  }), { numRuns: 20000 });
  assert.equal(hidesField([{ name: 'v', value: 'STSv1 id=1' }], 'id'), true);
  assert.equal(hidesField([{ name: 'i\u200bd', value: '1' }], 'id'), true);
  assert.equal(hidesField([{ name: 'v', value: 'STSv1;id=1' }], 'id'), false);
});

test('findings of a record do not depend on the records checked before it (field objects are reused)', async () => {
  const { default: fc } = await import('fast-check');
  // Fields with and without `=`, whitespace around it, empty and odd names: every offset and
  // string a field object holds changes from record to record.
  const field = fc.oneof(
    fc.constantFrom('v=STSv1', 'v=TLSRPTv1', 'id=20240101', 'id = x', 'rua=mailto:a@example.com', 'flag', ' ', '', 'ext=a b', 'v=STSv1 id=2', '\u00a0id=1', 'mode=enforce', 'x=1', 'rua= https://r.example.com/x'),
    fc.stringMatching(/^[ a-z=;_.\t-]{0,12}$/),
  );
  const record = fc.array(field, { maxLength: 14 }).map((fs) => fs.join(';'));
  const kind = fc.constantFrom('sts-record' as const, 'tlsrpt-record' as const);
  type Kind = 'sts-record' | 'tlsrpt-record';
  const shown = (d: Diagnostic, by: number) => {
    const at = (s: { start: number; end: number }) => `${s.start - by}-${s.end - by}`;
    return `${d.code} ${at(d.span)} ${d.message} ${(d.related ?? []).map((r) => at(r.span)).join(',')} ${(d.suggestion?.edits ?? []).map((e) => `${at(e.span)}:${e.newText}`).join(',')}`;
  };
  const findings = (text: string, k: Kind) => lint(text, k).diagnostics.map((d) => shown(d, 0));
  fc.assert(
    fc.property(record, kind, fc.array(fc.tuple(record, kind), { minLength: 1, maxLength: 4 }), (text, k, before) => {
      const alone = findings(text, k);
      for (const [b, bk] of before) lint(b, bk);
      assert.deepEqual(findings(text, k), alone);
      // The record after another in one document: its findings are those it has alone, shifted.
      const [b] = before[0]!;
      if (!/[\r\n]/.test(b + text) && b !== text && b.trim() !== '') {
        const second = lint(`${b}\n${text}`, k).diagnostics.filter((d) => d.span.start > b.length).map((d) => shown(d, b.length + 1));
        assert.deepEqual(second, alone);
      }
    }),
    { numRuns: 1500 },
  );
});

test('a lint lets go of the strings its reused field objects held (a long value is a slice of the document)', () => {
  const fields = checkTagSyntax('v=STSv1; id=20240101', ['v', 'id'], new DiagnosticSink());
  assert.deepEqual(fields.map((f) => [f.name, f.value]), [['v', 'STSv1'], ['id', '20240101']]);
  lint(`v=STSv1; id=${'a'.repeat(30)}\n`, 'sts-record');
  // The same objects, reused by the lint and emptied at its end.
  assert.deepEqual(fields.map((f) => [f.name, f.value]), [['', ''], ['', '']]);
  checkTagSyntax('v=TLSRPTv1; rua=mailto:r@example.com', ['v', 'rua'], new DiagnosticSink());
  lintRecordValue(`v=STSv1; id=${'b'.repeat(30)}`, 'sts');
  assert.deepEqual(fields.map((f) => [f.name, f.value]), [['', ''], ['', '']]);
});
