// Lossless parser for the tag=value syntax shared by `_mta-sts` (RFC 8461 §3.1) and
// `_smtp._tls` (RFC 8460 §3) TXT record values. Never throws. Pure: core only.
import type { Span } from '../text/span';
import { isWsp } from '../text/chars';

export interface TagField {
  /** Offsets: the field's first character, one past its last, the end of the name, the `=` (-1 when none), the value's start. */
  readonly start: number;
  readonly end: number;
  readonly nameEnd: number;
  readonly eqAt: number;
  readonly valueStart: number;
  /** From the first to the last non-whitespace character of the field (the spans are built on access). */
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
  /** The first segment in `[from, stop)` that is not empty of characters (a `;` right after a `;`), else `stop`. */
  zeroLengthRunEnd(from: number, stop: number): number;
}

/** A field as five offsets; its spans are built on access (a record check reads few of them). */
class Field implements TagField {
  constructor(readonly start: number, readonly end: number, readonly nameEnd: number, readonly eqAt: number, readonly valueStart: number) {}
  get span(): Span { return { start: this.start, end: this.end }; }
  get name(): Span { return { start: this.start, end: this.nameEnd }; }
  get beforeEq(): Span { return this.eqAt < 0 ? { start: this.end, end: this.end } : { start: this.nameEnd, end: this.eqAt }; }
  get eq(): Span | null { return this.eqAt < 0 ? null : { start: this.eqAt, end: this.eqAt + 1 }; }
  get afterEq(): Span { return this.eqAt < 0 ? { start: this.end, end: this.end } : { start: this.eqAt + 1, end: this.valueStart }; }
  get value(): Span { return { start: this.valueStart, end: this.end }; }
  toJSON(): Pick<TagField, 'span' | 'name' | 'beforeEq' | 'eq' | 'afterEq' | 'value'> {
    return { span: this.span, name: this.name, beforeEq: this.beforeEq, eq: this.eq, afterEq: this.afterEq, value: this.value };
  }
}

/** A field's spans from its five offsets (see TagField). */
export function tagField(start: number, end: number, nameEnd: number, eqAt: number, valueStart: number): TagField {
  return new Field(start, end, nameEnd, eqAt, valueStart);
}

/** What a field is made into from the text and its five offsets (see TagField). */
export type FieldMaker<T> = (text: string, start: number, end: number, nameEnd: number, eqAt: number, valueStart: number) => T;

/**
 * Reads the field in text[start, end) (from its first to its last non-whitespace character): its
 * `=`, the end of its name and the start of its value, handed to `make`. The parse makes a
 * TagField of them; the record checks fill a reused object of their own with the offsets and the
 * name and value strings (see CheckedField).
 */
export function readField<T>(text: string, start: number, end: number, make: FieldMaker<T>): T {
  const eqAt = text.indexOf('=', start);
  if (eqAt < 0 || eqAt >= end) return make(text, start, end, end, -1, end);
  let nameEnd = eqAt;
  while (nameEnd > start && isWsp(text.charCodeAt(nameEnd - 1))) nameEnd--;
  let v = eqAt + 1;
  while (v < end && isWsp(text.charCodeAt(v))) v++;
  return make(text, start, end, nameEnd, eqAt, v);
}

const newField: FieldMaker<TagField> = (_text, start, end, nameEnd, eqAt, valueStart) => tagField(start, end, nameEnd, eqAt, valueStart);

/** Where segment `i` starts, given the segment ends (see segmentEndsInto). */
function segmentStart(ends: readonly number[], i: number): number {
  return i === 0 ? 0 : ends[i - 1]! + 1;
}

/** Where segment `i`'s field starts (its end when the segment is only whitespace). */
export function segmentFieldStart(text: string, ends: readonly number[], i: number): number {
  const end = ends[i]!;
  let a = segmentStart(ends, i);
  while (a < end && isWsp(text.charCodeAt(a))) a++;
  return a;
}

/** Where segment `i`'s field ends, given where it starts. */
export function segmentFieldEnd(text: string, ends: readonly number[], i: number, a: number): number {
  let b = ends[i]!;
  while (b > a && isWsp(text.charCodeAt(b - 1))) b--;
  return b;
}

/** The first segment in `[from, stop)` that is not empty of characters (a `;` right after a `;`), else `stop`. */
export function zeroLengthRunEnd(ends: readonly number[], from: number, stop: number): number {
  let j = from;
  while (j < stop && j > 0 && ends[j] === ends[j - 1]! + 1) j++;
  return j;
}

/**
 * Segments as one number each (where the segment ends: its `;`, or the end of the text) and
 * objects only on demand: `v=STSv1` followed by a million `;` made a million segment objects
 * with four spans each, and the GC time grew faster than the input. The field bounds are found
 * again on access by skipping whitespace, which costs less than storing them.
 */
class TagRecordTree implements TagRecord {
  private all: TagSegment[] | null = null;
  constructor(readonly text: string, private readonly ends: readonly number[], readonly segmentCount: number) {}
  fieldAt(i: number): TagField | null {
    const a = segmentFieldStart(this.text, this.ends, i);
    const b = segmentFieldEnd(this.text, this.ends, i, a);
    return b > a ? readField(this.text, a, b, newField) : null;
  }
  zeroLengthRunEnd(from: number, stop: number): number {
    return zeroLengthRunEnd(this.ends, from, stop);
  }
  semicolonAt(i: number): number {
    const end = this.ends[i]!;
    return end < this.text.length ? end : -1;
  }
  trailingAt(i: number): Span {
    return { start: segmentFieldEnd(this.text, this.ends, i, segmentFieldStart(this.text, this.ends, i)), end: this.ends[i]! };
  }
  get segments(): readonly TagSegment[] {
    if (!this.all) {
      const all: TagSegment[] = [];
      for (let i = 0; i < this.segmentCount; i++) {
        const semi = this.semicolonAt(i);
        all.push({ leading: { start: segmentStart(this.ends, i), end: segmentFieldStart(this.text, this.ends, i) }, field: this.fieldAt(i), trailing: this.trailingAt(i), semicolon: semi < 0 ? null : { start: semi, end: semi + 1 } });
      }
      this.all = all;
    }
    return this.all;
  }
  toJSON(): { text: string; segments: readonly TagSegment[] } {
    return { text: this.text, segments: this.segments };
  }
}

/**
 * The segment ends of the record being parsed, kept between calls and copied out at their count:
 * a typed array made per record (one per TXT value of a zone) cost more than the rest of the
 * parse, and a plain array grown by push per record doubled the time of a million `;`.
 */
const scratch: number[] = [];
/**
 * A scratch array grown past this many segments (a flood of `;`) is let go once an ordinary
 * record (at most SMALL_RECORD segments) is parsed: it stays while large records keep coming.
 */
const SCRATCH_KEPT = 4096;
const SMALL_RECORD = 64;

/**
 * Writes the segment ends of `text` (each segment's `;`, and the end of the text for the last)
 * into `into` from index 0 and returns their count; `into` is not cut to it.
 */
export function segmentEndsInto(text: string, into: number[]): number {
  let n = 0;
  const length = text.length;
  // indexOf finds the next `;` (native code, fast over ordinary fields) and a loop takes the run
  // of `;` right after it, so a value of a million `;` makes no million calls.
  let i = text.indexOf(';');
  while (i >= 0) {
    into[n++] = i++;
    while (i < length && text.charCodeAt(i) === 59 /* ; */) into[n++] = i++;
    i = text.indexOf(';', i);
  }
  into[n++] = length;
  return n;
}

/** Parses `text` (one TXT record value, already joined) into `;`-separated segments. */
export function parseTagRecord(text: string): TagRecord {
  const n = segmentEndsInto(text, scratch);
  return new TagRecordTree(text, copyOfScratch(n), n);
}

/**
 * The first `n` segment ends. A short record (the usual one) is copied by a loop into an array
 * of its size, which cost about half of `slice` (a call into the builtin per record); a long one
 * (a flood of `;`) is sliced: one builtin call for many numbers.
 */
function copyOfScratch(n: number): number[] {
  let ends: number[];
  if (n <= SMALL_RECORD) {
    ends = new Array<number>(n);
    for (let i = 0; i < n; i++) ends[i] = scratch[i]!;
  } else ends = scratch.slice(0, n);
  letGoOfLargeScratch(scratch, n);
  return ends;
}

/**
 * Lets a scratch array of segment ends go (cut to nothing) when it has grown past SCRATCH_KEPT and
 * the record just read into it had at most SMALL_RECORD segments: it stays while large records
 * keep coming.
 */
export function letGoOfLargeScratch(scratch: unknown[], n: number): void {
  if (n <= SMALL_RECORD && scratch.length > SCRATCH_KEPT) scratch.length = 0;
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
