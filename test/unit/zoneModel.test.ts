// The zone tree keeps its entries, and the zone model its records and problems, as numbers and
// builds objects only on demand; the lint rules read the numbers, editor features the objects.
// Both views must agree, and owners must resolve as a zone-file reader resolves them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { lint, parseZoneFile, readZone, recordValueKind } from '../../server/src/core/index';
import { fnv1a } from '../../server/src/core/text/firstSeen';
import { mapDecodedSpan } from '../../server/src/core/syntax/zoneFile';
import { corpusFiles } from '../support/corpus';

const ZONE = [
  '$TTL 3600',
  '_mta-sts TXT "v=STSv1; id=1"', // no origin yet: the owner stays relative
  '$ORIGIN Example.COM.',
  '_mta-sts IN 300 TXT "v=STSv1; " "id=2" ; two strings',
  '         TXT "inherits _mta-sts.example.com"',
  '$ORIGIN other.net.',
  '\tTXT "still _mta-sts.example.com: inherited with the origin it was written under"',
  '@ MX 10 mx.other.net.',
  '  mail 3600 A 192.0.2.1', // indented owner
  'www CNAMEE x', // not a type
  'lonely', // no type at all
  '$FOO bar',
  'spf SPF "v=spf1 -all"',
  'x.example.org. ( TXT',
  '  "v=TLSRPTv1; rua=mailto:a@example.org" )',
  'v=STSv1; id=3',
  '',
].join('\n');

function zones(): string[] {
  return [ZONE, ZONE.replace(/\n/g, '\r\n'), '\tTXT "no owner and no origin"\n', '', ...corpusFiles('records/zones').map((f) => readFileSync(f, 'utf8'))];
}

test('owners, types and origins resolve as a zone-file reader reads them', () => {
  const z = readZone(ZONE);
  assert.deepEqual(
    z.records.map((r) => [r.owner, r.type, r.origin, r.indentedOwner, r.ownerToken ? ZONE.slice(r.ownerToken.start, r.ownerToken.end) : null]),
    [
      ['_mta-sts', 'TXT', null, false, '_mta-sts'],
      ['_mta-sts.example.com', 'TXT', 'example.com', false, '_mta-sts'],
      ['_mta-sts.example.com', 'TXT', 'example.com', false, null],
      ['_mta-sts.example.com', 'TXT', 'other.net', false, null],
      ['other.net', 'MX', 'other.net', false, '@'],
      ['mail.other.net', 'A', 'other.net', true, 'mail'],
      ['spf.other.net', 'SPF', 'other.net', false, 'spf'],
      ['x.example.org', 'TXT', 'other.net', false, 'x.example.org.'],
    ],
  );
  assert.equal(z.origin, 'other.net');
  assert.deepEqual(z.records.map((r) => r.txt?.value ?? null), ['v=STSv1; id=1', 'v=STSv1; id=2', 'inherits _mta-sts.example.com', 'still _mta-sts.example.com: inherited with the origin it was written under', null, null, 'v=spf1 -all', 'v=TLSRPTv1; rua=mailto:a@example.org']);
  assert.deepEqual(z.problems.map((p) => [p.kind, ZONE.slice(p.span.start, p.span.end)]), [
    ['indented-owner', 'mail'],
    ['no-type', 'CNAMEE'],
    ['no-type', 'lonely'],
    ['unknown-directive', '$FOO'],
  ]);
  assert.match(z.problems[2]!.message, /has no type/);
  assert.deepEqual(z.snippets.map((s) => s.txt.value), ['v=STSv1; id=3']);
  const orphan = readZone('\tTXT "x"\n$ORIGIN a.example.\n\tTXT "y"\n');
  assert.deepEqual(orphan.records.map((r) => r.owner), ['@', '@'], 'a record with no owner and no origin is `@`, and the next one inherits that');
  assert.deepEqual(orphan.problems.map((p) => p.kind), ['no-origin']);
});

test('entry numbers equal the entry objects, which are made once', () => {
  for (const text of zones()) {
    const { tree } = parseZoneFile(text);
    assert.equal(tree.entries, tree.entries, 'the same list on each access');
    assert.equal(tree.entryCount, tree.entries.length);
    let next = 0;
    tree.entries.forEach((e, i) => {
      assert.deepEqual([tree.entryKind(i), tree.entryFirst(i), tree.entryLast(i), tree.entryHasOwner(i), tree.entryHasComment(i)], [e.kind, e.first, e.last, e.hasOwner, e.comments.length > 0]);
      assert.equal(e.first, next, 'entries are contiguous');
      next = e.last;
      for (let t = e.first; t < e.last; t++) assert.equal(tree.isItemAt(t), ['word', 'string', 'snippet'].includes(tree.tokenKind(t)));
    });
    assert.equal(next, tree.tokenCount, 'the entries cover every token');
  }
});

test('record, snippet and problem numbers equal their objects', () => {
  let snippets = 0;
  for (const text of [...zones(), ' v=STSv1; id=1 ; kept\n"v=TLSRPTv1; " "rua=mailto:a@b.c"\nv=\\059x\n']) {
    const z = readZone(text);
    assert.equal(z.records, z.records);
    assert.equal(z.recordCount, z.records.length);
    z.records.forEach((r, i) => {
      const name = `${JSON.stringify(text.slice(0, 40))} record ${i}`;
      assert.deepEqual([z.recordOwner(i), z.recordType(i), z.recordOrigin(i), z.recordIndented(i)], [r.owner, r.type, r.origin, r.indentedOwner], name);
      assert.equal(z.recordOwnerAt(i) < 0 ? null : z.tree.tokenStart(z.recordOwnerAt(i)), r.ownerToken?.start ?? null, name);
      assert.equal(z.tree.tokenStart(z.recordTypeAt(i)), r.typeToken.start, name);
      assert.equal(z.tree.entries[z.recordEntry(i)], r.entry, name);
      assert.equal(z.recordTxt(i)?.value ?? null, r.txt?.value ?? null, name);
      assert.equal(r.txt, r.txt, 'the decoded value is kept');
      assert.equal(r.txt !== null, r.type === 'TXT' || r.type === 'SPF', name);
    });
    assert.equal(z.problemCount, z.problems.length);
    z.problems.forEach((p, i) => assert.deepEqual({ kind: z.problemKind(i), span: z.problemSpan(i), message: z.problemMessage(i) }, p));
    assert.equal(z.snippets, z.snippets);
    assert.equal(z.snippetCount, z.snippets.length);
    assert.deepEqual(z.snippets.map((s) => s.entry.kind), z.snippets.map(() => 'snippet'));
    z.snippets.forEach((s, i) => {
      assert.equal(s.txt, s.txt, 'the decoded value is kept');
      assert.deepEqual([z.snippetTxt(i).value, z.snippetSpan(i)], [s.txt.value, s.span]);
      assert.deepEqual(s.span, s.entry.items.length ? { start: s.entry.items[0]!.span.start, end: s.entry.items.at(-1)!.span.end } : null);
    });
    snippets += z.snippetCount;
  }
  assert.ok(snippets >= 4, `the inputs hold snippets (${snippets})`);
});

test('a TXT at `_mta-sts` that does not start like a record is linted only when it is the only one there', () => {
  const lone = lint('$ORIGIN example.com.\n_mta-sts TXT "id=20240101"\n', 'zone').diagnostics;
  assert.deepEqual(lone.map((d) => [d.code, d.span.start]), [['STS200', 35]], 'linted as an MTA-STS record: its `v=STSv1` is missing');
  const beside = lint('$ORIGIN example.com.\n_mta-sts TXT "id=20240101"\n_mta-sts TXT "v=STSv1; id=20240101"\n', 'zone').diagnostics;
  assert.deepEqual(beside.filter((d) => d.span.start < 45), [], 'the record beside a real one is not linted as one');
  const dup = lint('$ORIGIN example.com.\n_mta-sts TXT "v=STSv1; id=1"\n_mta-sts.example.com. TXT "v=STSv1; id=2"\n', 'zone').diagnostics;
  assert.deepEqual(dup.map((d) => d.code), ['ZON103'], 'the same owner written two ways is one owner');
  assert.deepEqual(dup[0]!.related?.map((r) => r.span.start), [30]);
});

test('recordValueKind reads a value as /^[ \\t]*v[ \\t]*=[ \\t]*(?:(sts)|tlsrpt)/i does', () => {
  const re = /^[ \t]*v[ \t]*=[ \t]*(?:(sts)|tlsrpt)/i;
  const expected = (v: string) => {
    const m = re.exec(v);
    return m ? (m[1] ? 'sts' : 'tlsrpt') : 'other';
  };
  for (const v of ['v=STSv1', ' \tV = sTs', 'v=TLSRPTv1', 'v=tlsrp', 'v=st', 'v:STSv1', 'x', '', 'v=\u017fts', '\u00a0v=STSv1']) assert.equal(recordValueKind(v), expected(v), JSON.stringify(v));
  const piece = fc.constantFrom(' ', '\t', 'v', 'V', '=', 's', 'S', 't', 'T', 'l', 'L', 'r', 'p', 'R', 'P', 'x', ';', '\n', '\u017f', '\u212a');
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => recordValueKind(parts.join('')) === expected(parts.join(''))), { numRuns: 20000 });
});

test('duplicate records are found among thousands of owners, each pointing at the first one', () => {
  const lines = ['$ORIGIN example.com.'];
  const firstAt = new Map<string, number>();
  for (let i = 0; i < 3000; i++) lines.push(`_mta-sts.h${i} TXT "v=STSv1; id=${i}"`);
  for (let i = 0; i < 3000; i += 97) lines.push(`_MTA-STS.H${i}.EXAMPLE.COM. TXT "v=STSv1; id=x${i}"`, `_smtp._tls.h${i} TXT "v=TLSRPTv1; rua=mailto:a@example.com"`);
  const text = lines.join('\n') + '\n';
  let at = 0;
  for (const l of lines) {
    const m = /^_mta-sts\.h(\d+) TXT/.exec(l);
    if (m) firstAt.set(m[1]!, at + l.indexOf('TXT'));
    at += l.length + 1;
  }
  const dups = lint(text, 'zone').diagnostics.filter((d) => d.code === 'ZON103');
  assert.equal(dups.length, Math.ceil(3000 / 97));
  for (const d of dups) {
    const owner = /`_mta-sts\.h(\d+)\.example\.com`/.exec(d.message);
    assert.ok(owner, d.message);
    assert.deepEqual(d.related?.map((r) => r.span.start), [firstAt.get(owner[1]!)], d.message);
  }
  assert.deepEqual(lint(text, 'zone').diagnostics.filter((d) => d.code === 'ZON104'), [], 'no TLS-RPT duplicate: one per owner');
});

test('an owner hash and label test read from the owner as written agree with the owner name', () => {
  const owner = fc.constantFrom('_mta-sts', '_MTA-STS', '_mta-sts.', '_Smtp._TLS.example.com.', '_smtp', '_smtp._tlsx', '@', '.', 'x.', '\u212a_mta-sts', '_mta-sts\u00c4', '\u0130x', '_mta-stsx', 'a._mta-sts', '');
  const origin = fc.constantFrom('example.com.', 'EXAMPLE.com.', '_tls.example.com.', '.', '\u00c4.de.');
  const line = fc.oneof(owner.map((o) => `${o} TXT "v"`), origin.map((o) => `$ORIGIN ${o}`));
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
      const z = readZone(lines.join('\n'));
      for (let i = 0; i < z.recordCount; i++) {
        const name = z.recordOwner(i);
        if (z.recordOwnerHash(i) !== fnv1a(0x811c9dc5 | 0, name)) return false;
        for (const run of ['_mta-sts', '_smtp._tls']) {
          const starts = name.startsWith(run) && (name.length === run.length || name[run.length] === '.');
          // Told from the text, it may say no when the name does start so (it then takes the name), never yes when it does not.
          if (z.recordOwnerStartsWithLabels(i, run) && !starts) return false;
        }
        // Owners written alike have equal names (it may say no for equal names, never yes for different ones).
        for (let j = 0; j < z.recordCount; j++) if (z.recordOwnersWrittenAlike(i, j) && z.recordOwner(j) !== name) return false;
      }
      return true;
    }),
    { numRuns: 3000 },
  );
  const z = readZone('$ORIGIN Example.com.\n_MTA-STS TXT "v"\n_Smtp._TLS.example.com. TXT "v"\n_mta-sts. TXT "v"\n_smtp TXT "v"\n');
  assert.deepEqual([0, 1, 2, 3].map((i) => [z.recordOwnerStartsWithLabels(i, '_mta-sts'), z.recordOwnerStartsWithLabels(i, '_smtp._tls')]), [[true, false], [false, true], [true, false], [false, false]]);
  assert.equal(z.recordOwnerHash(0), fnv1a(0x811c9dc5 | 0, '_mta-sts.example.com'));
  const alike = readZone('$ORIGIN a.example.\nx TXT "1"\nx TXT "2"\nX TXT "3"\n$ORIGIN b.example.\nx TXT "4"\n@ TXT "5"\n  TXT "6"\n');
  assert.deepEqual([[0, 1], [0, 2], [0, 3], [4, 5]].map(([i, j]) => alike.recordOwnersWrittenAlike(i!, j!)), [true, false, false, true], 'same characters under the same origin only (an inherited owner is the token it inherits)');
});

test('problems of one zone stay its own after a larger zone has grown the shared scratch', () => {
  const many = readZone('bogus line\n'.repeat(40_000));
  assert.equal(many.problemCount, 40_000);
  const few = readZone('$ORIGIN example.com.\nonly-owner\n_mta-sts TXT "v=STSv1; id=1"\n');
  assert.deepEqual(few.problems.map((p) => p.kind), ['no-type']);
  assert.equal(many.problemCount, 40_000, 'the first zone keeps its problems');
  assert.equal(many.problemSpan(0).start, 6);
  assert.deepEqual([many.problemKind(39_999), many.problemSpan(39_999).start], ['no-type', 39_999 * 11 + 6]);
});

test('a TXT value of thousands of strings, then short ones: each decodes to its own characters and source map', () => {
  // The ranges are collected in a scratch array kept between values: the long value grows it past
  // the size it is let go at, and the short values after it must not see its ranges.
  const long = Array.from({ length: 5_000 }, (_, i) => `"${i % 10}" ""`).join(' ');
  const text = `a TXT ${long}\nb TXT "v=STSv1;" "" " id=7"\nc TXT x\\059y\n`;
  const z = readZone(text);
  assert.equal(z.recordCount, 3);
  assert.equal(z.recordTxt(0)!.value, Array.from({ length: 5_000 }, (_, i) => String(i % 10)).join(''));
  const second = z.recordTxt(1)!;
  assert.equal(second.value, 'v=STSv1; id=7');
  assert.equal(z.recordTxt(2)!.value, 'x;y');
  // Decoded after it, the third record leaves the second's map alone: `id=7` maps back into the
  // third string of its own record.
  const at = text.indexOf('" id=7"') + 2;
  assert.deepEqual(mapDecodedSpan(second, { start: 9, end: 13 }, { start: 0, end: 0 }), { start: at, end: at + 4 });
  assert.equal(z.recordTxt(0)!.value.length, 5_000, 'the long value decodes again the same after the short ones');
});
