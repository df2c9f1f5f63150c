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
  readonly segments: readonly TagSegment[];
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

/** Parses `text` (one TXT record value, already joined) into `;`-separated segments. */
export function parseTagRecord(text: string): TagRecord {
  const segments: TagSegment[] = [];
  let start = 0;
  for (;;) {
    let semi = text.indexOf(';', start);
    if (semi < 0) semi = text.length;
    let a = start;
    while (a < semi && isWsp(text.charCodeAt(a))) a++;
    let b = semi;
    while (b > a && isWsp(text.charCodeAt(b - 1))) b--;
    segments.push({
      leading: { start, end: a },
      field: b > a ? parseField(text, a, b) : null,
      trailing: { start: b, end: semi },
      semicolon: semi < text.length ? { start: semi, end: semi + 1 } : null,
    });
    if (semi >= text.length) break;
    start = semi + 1;
  }
  return { text, segments };
}

export function tagFields(record: TagRecord): TagField[] {
  const out: TagField[] = [];
  for (const s of record.segments) if (s.field) out.push(s.field);
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
