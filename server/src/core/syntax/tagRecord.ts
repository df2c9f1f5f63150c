// Lossless parser for the tag=value syntax shared by `_mta-sts` (RFC 8461 §3.1) and
// `_smtp._tls` (RFC 8460 §3) TXT record values. Never throws. Pure: core only.
import type { Span } from '../text/span';

export interface TagField {
  /** From the first to the last non-whitespace character of the field. */
  readonly span: Span;
  readonly name: Span;
  /** Whitespace between the name and `=`. */
  readonly beforeEq: Span;
  /** The `=` sign, or null when the field has none. */
  readonly eq: Span | null;
  /** Whitespace between `=` and the value. */
  readonly afterEq: Span;
  readonly value: Span;
}

export interface TagSegment {
  /** Whitespace before the field. */
  readonly leading: Span;
  /** The field; null when the segment holds only whitespace. */
  readonly field: TagField | null;
  /** Whitespace after the field. */
  readonly trailing: Span;
  /** The `;` that ends this segment, or null for the last one. */
  readonly semicolon: Span | null;
}

export interface TagRecord {
  readonly text: string;
  /** Every segment as an object, built on first access. */
  readonly segments: readonly TagSegment[];
  readonly segmentCount: number;
  /** The field of segment `i` (a new object per call), or null when the segment is only whitespace. */
  fieldAt(i: number): TagField | null;
  /** The offset of the `;` that ends segment `i`, or -1 for the last segment. */
  semicolonAt(i: number): number;
  /** The whitespace after segment `i`'s field. */
  trailingAt(i: number): Span;
}

function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}

function parseField(text: string, start: number, end: number): TagField {
  const eqAt = text.indexOf('=', start);
  if (eqAt < 0 || eqAt >= end) {
    const e = { start: end, end };
    return { span: { start, end }, name: { start, end }, beforeEq: e, eq: null, afterEq: e, value: e };
  }
  let nameEnd = eqAt;
  while (nameEnd > start && isWsp(text.charCodeAt(nameEnd - 1))) nameEnd--;
  let v = eqAt + 1;
  while (v < end && isWsp(text.charCodeAt(v))) v++;
  return {
    span: { start, end },
    name: { start, end: nameEnd },
    beforeEq: { start: nameEnd, end: eqAt },
    eq: { start: eqAt, end: eqAt + 1 },
    afterEq: { start: eqAt + 1, end: v },
    value: { start: v, end },
  };
}

/**
 * Segments as offsets in one typed array (four per segment: start, field start, field end,
 * end) and objects only on demand: `v=STSv1` followed by a million `;` made a million segment
 * objects with four spans each, and the GC time grew faster than the input.
 */
class TagRecordTree implements TagRecord {
  private all: TagSegment[] | null = null;
  constructor(readonly text: string, private readonly at: Int32Array, readonly segmentCount: number) {}
  fieldAt(i: number): TagField | null {
    const a = this.at[4 * i + 1]!;
    const b = this.at[4 * i + 2]!;
    return b > a ? parseField(this.text, a, b) : null;
  }
  semicolonAt(i: number): number {
    const end = this.at[4 * i + 3]!;
    return end < this.text.length ? end : -1;
  }
  trailingAt(i: number): Span {
    return { start: this.at[4 * i + 2]!, end: this.at[4 * i + 3]! };
  }
  get segments(): readonly TagSegment[] {
    if (!this.all) {
      const all: TagSegment[] = [];
      for (let i = 0; i < this.segmentCount; i++) {
        const semi = this.semicolonAt(i);
        all.push({ leading: { start: this.at[4 * i]!, end: this.at[4 * i + 1]! }, field: this.fieldAt(i), trailing: this.trailingAt(i), semicolon: semi < 0 ? null : { start: semi, end: semi + 1 } });
      }
      this.all = all;
    }
    return this.all;
  }
  toJSON(): { text: string; segments: readonly TagSegment[] } {
    return { text: this.text, segments: this.segments };
  }
}

/** Parses `text` (one TXT record value, already joined) into `;`-separated segments. */
export function parseTagRecord(text: string): TagRecord {
  let at = new Int32Array(16);
  let n = 0;
  let start = 0;
  for (;;) {
    let semi = text.indexOf(';', start);
    if (semi < 0) semi = text.length;
    let a = start;
    while (a < semi && isWsp(text.charCodeAt(a))) a++;
    let b = semi;
    while (b > a && isWsp(text.charCodeAt(b - 1))) b--;
    if (4 * n + 4 > at.length) {
      const grown = new Int32Array(at.length * 2);
      grown.set(at);
      at = grown;
    }
    at[4 * n] = start;
    at[4 * n + 1] = a;
    at[4 * n + 2] = b;
    at[4 * n + 3] = semi;
    n++;
    if (semi >= text.length) break;
    start = semi + 1;
  }
  return new TagRecordTree(text, at, n);
}

export function tagFields(record: TagRecord): TagField[] {
  const out: TagField[] = [];
  for (let i = 0; i < record.segmentCount; i++) {
    const f = record.fieldAt(i);
    if (f) out.push(f);
  }
  return out;
}

/** Prints a record back from its tokens. */
export function printTagRecord(record: TagRecord): string {
  const t = record.text;
  let out = '';
  for (const s of record.segments) {
    out += t.slice(s.leading.start, s.leading.end);
    if (s.field) {
      const f = s.field;
      out += t.slice(f.name.start, f.name.end) + t.slice(f.beforeEq.start, f.beforeEq.end);
      if (f.eq) out += '=';
      out += t.slice(f.afterEq.start, f.afterEq.end) + t.slice(f.value.start, f.value.end);
    }
    out += t.slice(s.trailing.start, s.trailing.end);
    if (s.semicolon) out += ';';
  }
  return out;
}
