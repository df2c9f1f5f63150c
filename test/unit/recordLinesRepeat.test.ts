// A record file lints each line on its own; a line equal to the one before reuses that line's
// diagnostics, shifted. The result must equal linting every line alone and shifting it, for
// bare and quoted lines, LF and CRLF, and runs broken by other lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, type Diagnostic, type DocumentKind } from '../../server/src/core/index';

function shift(d: Diagnostic, by: number): unknown {
  const move = (s: { start: number; end: number }) => ({ start: s.start + by, end: s.end + by });
  return { ...d, span: move(d.span), ...(d.related ? { related: d.related.map((r) => ({ ...r, span: move(r.span) })) } : {}), ...(d.suggestion ? { suggestion: { ...d.suggestion, edits: d.suggestion.edits.map((e) => ({ ...e, span: move(e.span) })) } } : {}) };
}

/** What linting each line alone and shifting it gives (the lines stay under the per-code cap). */
function lineByLine(lines: readonly string[], eol: string, kind: DocumentKind): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  for (const line of lines) {
    for (const d of lint(line, kind).diagnostics) out.push(shift(d, at));
    at += line.length + eol.length;
  }
  return out;
}

const CASES: { kind: DocumentKind; lines: string[] }[] = [
  { kind: 'sts-record', lines: ['mx: *.', 'mx: *.', 'mx: *.', 'v=STSv1; id=1', 'mx: *.', 'mx: *.'] },
  { kind: 'sts-record', lines: Array.from({ length: 20 }, (_, i) => (i % 7 === 3 ? 'v=STSv1;; id=2024-01-01' : 'v=STSv1 ;id=a b;x=;')) },
  { kind: 'tlsrpt-record', lines: Array.from({ length: 12 }, () => '"v=TLSRPTv1; rua=mailto:r@example.com!10m," "http://x"') },
  { kind: 'tlsrpt-record', lines: ['"v=TLSRPTv1;" "rua=\\109ailto:a@b"', '"v=TLSRPTv1;" "rua=\\109ailto:a@b"', 'v=TLSRPTv1; rua=a@b'] },
];

for (const [n, c] of CASES.entries()) {
  for (const eol of ['\n', '\r\n']) {
    test(`repeated ${c.kind} lines ${n} (${JSON.stringify(eol)}) lint as each line alone`, () => {
      const got = lint(c.lines.join(eol), c.kind).diagnostics;
      assert.ok(got.length > 0, 'the case must produce diagnostics');
      assert.deepEqual(got, lineByLine(c.lines, eol, c.kind));
    });
  }
}

test('a run of 1,000 equal bad lines keeps the cap: 100 per code, the last counting the rest', () => {
  const text = 'mx: *.\n'.repeat(1000);
  const ds = lint(text, 'sts-record').diagnostics;
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of ds) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);
  assert.ok(byCode.size > 0);
  for (const [code, list] of byCode) {
    assert.equal(list.length, 100, code);
    assert.match(list[99]!.message, /\(and 900 more like this, not shown\)$/, code);
    assert.equal(list[99]!.span.start, 99 * 7, code);
  }
});

/** How many diagnostics of `code` there were in all: those kept plus the count the last one gives. */
function total(ds: readonly Diagnostic[], code: string): number {
  const list = ds.filter((d) => d.code === code);
  const more = /\(and (\d+) more like this, not shown\)$/.exec(list.at(-1)?.message ?? '');
  return list.length + (more ? Number(more[1]) : 0);
}

test('a line with more findings of one code than the cap, repeated: every line is counted, once', () => {
  const line = 'v=STSv1' + ';'.repeat(150) + 'id=1';
  const one = total(lint(line, 'sts-record').diagnostics, 'TXT002');
  assert.ok(one > 100, 'the line alone passes the cap');
  for (const eol of ['\n', '\r\n']) {
    const ds = lint([line, line, line].join(eol), 'sts-record').diagnostics;
    const list = ds.filter((d) => d.code === 'TXT002');
    assert.equal(list.length, 100);
    assert.equal(list.filter((d) => /more like this/.test(d.message)).length, 1, 'one count, on the last kept');
    assert.equal(total(ds, 'TXT002'), 3 * one);
  }
});

test('the cap counts over all the values of a document: record lines and the TXT records of a zone', () => {
  const records = Array.from({ length: 300 }, (_, i) => `v=STSv1; id=2024-01-${i}`);
  const lines = lint(records.join('\n'), 'sts-record').diagnostics;
  assert.equal(lines.filter((d) => d.code === 'STS202').length, 100);
  assert.equal(total(lines, 'STS202'), 300);
  const zone = '$ORIGIN example.com.\n' + records.map((r, i) => `_mta-sts.h${i} IN TXT "${r}"`).join('\n');
  const ds = lint(zone, 'zone').diagnostics;
  assert.equal(ds.filter((d) => d.code === 'STS202').length, 100);
  assert.equal(total(ds, 'STS202'), 300);
  // The kept ones are the first 100, mapped into the zone's text.
  const first = ds.find((d) => d.code === 'STS202')!;
  assert.equal(zone.slice(first.span.start, first.span.end), '2024-01-0');
});
