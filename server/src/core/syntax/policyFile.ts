// Lossless parser for MTA-STS policy files (RFC 8461 §3.2). Never throws; every line of the
// input becomes one PolicyLine whose tokens print back to the exact bytes. Pure: core only.
import type { Span } from '../text/span';
import { isWsp } from '../text/chars';

export type LineTerminator = '' | '\n' | '\r\n' | '\r';
export type PolicyLineKind = 'field' | 'blank' | 'comment' | 'invalid';

export interface PolicyLine {
  readonly index: number;
  readonly kind: PolicyLineKind;
  /**
   * The offsets the spans below are made of (hot code reads these and builds no span): the line's
   * start and end (before the terminator), the end of a BOM (= start without one), the key's start
   * (= end of the indent) and end, the colon (-1 when none), and the value's start and end.
   */
  readonly start: number;
  readonly end: number;
  readonly bomEnd: number;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly colonAt: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The whole line without its terminator (includes a BOM on the first line). */
  readonly span: Span;
  readonly terminator: LineTerminator;
  readonly terminatorSpan: Span;
  /** A U+FEFF byte order mark at the very start of the file, or null. */
  readonly bom: Span | null;
  /** Spaces and tabs before the key. */
  readonly indent: Span;
  /** The key (for 'field'), or the whole content after the indent (for 'comment' and 'invalid'). */
  readonly key: Span;
  /** Whitespace between the key and the colon. */
  readonly beforeColon: Span;
  readonly colon: Span | null;
  /** Whitespace after the colon. */
  readonly afterColon: Span;
  /** The value without surrounding spaces and tabs. */
  readonly value: Span;
  /** Spaces and tabs after the value, before the terminator. */
  readonly trailing: Span;
}

/**
 * A parsed policy file. The lines are kept as offsets in one flat array (eight numbers per line)
 * that the lint rules read through the accessors below; `lines` builds the line objects the
 * first time it is read (editor features) and keeps them. A 1 MiB policy has 40,000 lines, and
 * an object per line kept alive for the whole lint was most of its time (copied by every
 * young-generation GC).
 */
export interface PolicySyntax {
  readonly text: string;
  /** The number of lines (at least 1: an empty file is one blank line). */
  readonly lineCount: number;
  /** Every line as an object, built on first access and then kept. */
  readonly lines: readonly PolicyLine[];
  /** Line `i` as an object (a new one per call while `lines` has not been built). */
  line(i: number): PolicyLine;
  /** The index of the line that holds `offset` (its terminator included; the last line for offsets past the end). */
  lineAt(offset: number): number;
  kind(i: number): PolicyLineKind;
  terminator(i: number): LineTerminator;
  /** Offsets of line `i`, as on PolicyLine. */
  start(i: number): number;
  end(i: number): number;
  bomEnd(i: number): number;
  keyStart(i: number): number;
  keyEnd(i: number): number;
  colonAt(i: number): number;
  valueStart(i: number): number;
  valueEnd(i: number): number;
}

export interface PolicyParse {
  readonly tree: PolicySyntax;
  readonly errors: readonly never[];
}

/** A line object over the offsets (built on demand; its spans are built on access). */
class Line implements PolicyLine {
  constructor(
    readonly index: number,
    readonly kind: PolicyLineKind,
    readonly terminator: LineTerminator,
    readonly start: number,
    readonly end: number,
    readonly bomEnd: number,
    readonly keyStart: number,
    readonly keyEnd: number,
    readonly colonAt: number,
    readonly valueStart: number,
    readonly valueEnd: number,
  ) {}
  get span(): Span { return { start: this.start, end: this.end }; }
  get terminatorSpan(): Span { return { start: this.end, end: this.end + this.terminator.length }; }
  get bom(): Span | null { return this.bomEnd > this.start ? { start: this.start, end: this.bomEnd } : null; }
  get indent(): Span { return { start: this.bomEnd, end: this.keyStart }; }
  get key(): Span { return { start: this.keyStart, end: this.keyEnd }; }
  get beforeColon(): Span { return { start: this.keyEnd, end: this.colonAt < 0 ? this.keyEnd : this.colonAt }; }
  get colon(): Span | null { return this.colonAt < 0 ? null : { start: this.colonAt, end: this.colonAt + 1 }; }
  get afterColon(): Span { return this.colonAt < 0 ? { start: this.keyEnd, end: this.keyEnd } : { start: this.colonAt + 1, end: this.valueStart }; }
  get value(): Span { return { start: this.valueStart, end: this.valueEnd }; }
  get trailing(): Span { return { start: this.valueEnd, end: this.end }; }
  /** The same as `{ ...line }` would give for a plain object (tests and debugging). */
  toJSON(): Omit<PolicyLine, 'start' | 'end' | 'bomEnd' | 'keyStart' | 'keyEnd' | 'colonAt' | 'valueStart' | 'valueEnd'> {
    return { index: this.index, kind: this.kind, span: this.span, terminator: this.terminator, terminatorSpan: this.terminatorSpan, bom: this.bom, indent: this.indent, key: this.key, beforeColon: this.beforeColon, colon: this.colon, afterColon: this.afterColon, value: this.value, trailing: this.trailing };
  }
}

// The flat layout: line i occupies o[8i … 8i+7].
const START = 0, END = 1, KEY_START = 2, KEY_END = 3, COLON = 4, VALUE_START = 5, VALUE_END = 6, META = 7, STRIDE = 8;
// META holds the kind in bits 0–1 and the terminator in bits 2–3.
const KINDS: readonly PolicyLineKind[] = ['blank', 'field', 'comment', 'invalid'];
const TERMINATORS: readonly LineTerminator[] = ['', '\n', '\r\n', '\r'];
const BLANK = 0, FIELD = 1, COMMENT = 2, INVALID = 3;

class Tree implements PolicySyntax {
  private built: PolicyLine[] | null = null;
  /** `o` holds `lineCount` lines; `bom` is 1 when the file starts with U+FEFF (line 0's bomEnd). */
  constructor(readonly text: string, private readonly o: Int32Array, readonly lineCount: number, private readonly bom: number) {}
  kind(i: number): PolicyLineKind { return KINDS[this.o[i * STRIDE + META]! & 3]!; }
  terminator(i: number): LineTerminator { return TERMINATORS[this.o[i * STRIDE + META]! >> 2]!; }
  start(i: number): number { return this.o[i * STRIDE + START]!; }
  end(i: number): number { return this.o[i * STRIDE + END]!; }
  bomEnd(i: number): number { return i === 0 ? this.bom : this.o[i * STRIDE + START]!; }
  keyStart(i: number): number { return this.o[i * STRIDE + KEY_START]!; }
  keyEnd(i: number): number { return this.o[i * STRIDE + KEY_END]!; }
  colonAt(i: number): number { return this.o[i * STRIDE + COLON]!; }
  valueStart(i: number): number { return this.o[i * STRIDE + VALUE_START]!; }
  valueEnd(i: number): number { return this.o[i * STRIDE + VALUE_END]!; }
  line(i: number): PolicyLine {
    if (this.built) return this.built[i]!;
    return new Line(i, this.kind(i), this.terminator(i), this.start(i), this.end(i), this.bomEnd(i), this.keyStart(i), this.keyEnd(i), this.colonAt(i), this.valueStart(i), this.valueEnd(i));
  }
  lineAt(offset: number): number {
    let lo = 0, hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.o[mid * STRIDE + START]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  get lines(): readonly PolicyLine[] {
    if (!this.built) {
      const ls: PolicyLine[] = [];
      for (let i = 0; i < this.lineCount; i++) ls.push(this.line(i));
      this.built = ls;
    }
    return this.built;
  }
  toJSON(): { text: string; lines: readonly PolicyLine[] } {
    return { text: this.text, lines: this.lines };
  }
}

/** An upper bound of the number of lines: one more than the LFs and CRs. */
function maxLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) n++;
  return n;
}

/**
 * Where the lines of small files are kept: consecutive parses take consecutive pieces of one
 * shared Int32Array (the slab), and each tree keeps a view of its piece. A typed array of its own
 * costs about 0.9 µs once it is over 64 bytes (a README policy lints in about 2 µs); a view costs
 * about as much as slicing a plain array. A large file gets an Int32Array of its own: a plain
 * array of 800,000 numbers (a 100,000-line policy) is allocated in the young generation, scanned
 * by the scavenge its size sets off and written twice, about 9 ms where the typed array takes 2.
 * Every tree reading the same kind of array keeps the accessors monomorphic. A slab is let go
 * once it is full and no tree views it.
 */
const SLAB = 1 << 14;
/** Files whose lines need at most this many numbers (512 lines) are kept in the slab. */
const SMALL = SLAB / 4;
let slab = new Int32Array(SLAB);
let slabUsed = 0;

/** Parses a policy file. Lines end at LF, CRLF or a bare CR (the last is reported by a rule). */
export function parsePolicyFile(text: string): PolicyParse {
  // Every line's offsets go into one Int32Array, sized from a count of the line ends; a text
  // of n characters has at most n + 1 lines, so short ones are not counted.
  const need = (text.length < 256 ? text.length + 1 : maxLines(text)) * STRIDE;
  const small = need <= SMALL;
  if (small && slabUsed + need > SLAB) {
    slab = new Int32Array(SLAB);
    slabUsed = 0;
  }
  const o = small ? slab : new Int32Array(need);
  const base = small ? slabUsed : 0;
  const n = text.length;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let count = 0;
  let start = 0;
  // The next LF, CR and colon at or after `start`, found with indexOf (native code); each only
  // moves forward, so the whole parse stays linear even for lines without a colon.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  let colon = text.indexOf(':');
  for (;;) {
    if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    if (colon >= 0 && colon < start) colon = text.indexOf(':', start);
    let end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    const last = end < 0;
    if (last) {
      if (start >= n && count > 0) break;
      end = n;
    }
    const term = last ? 0 : text.charCodeAt(end) === 10 ? 1 : text.charCodeAt(end + 1) === 10 ? 2 : 3;
    // The line: indent, key, spaces, colon, spaces, value, trailing spaces.
    let p = start === 0 ? bom : start;
    while (p < end && isWsp(text.charCodeAt(p))) p++;
    let contentEnd = end;
    while (contentEnd > p && isWsp(text.charCodeAt(contentEnd - 1))) contentEnd--;
    let kind = BLANK, keyEnd = p, colonAt = -1, valueStart = p, valueEnd = p;
    if (p < end) {
      // Only spaces, tabs and a BOM lie between `start` and `p`, so the colon is the first after `p`.
      colonAt = colon >= 0 && colon < end ? colon : -1;
      if (text.charCodeAt(p) === 35 /* # */ || colonAt < 0) {
        kind = text.charCodeAt(p) === 35 ? COMMENT : INVALID;
        colonAt = -1;
        keyEnd = valueStart = valueEnd = contentEnd;
      } else {
        kind = FIELD;
        keyEnd = colonAt;
        while (keyEnd > p && isWsp(text.charCodeAt(keyEnd - 1))) keyEnd--;
        let v = colonAt + 1;
        while (v < contentEnd && isWsp(text.charCodeAt(v))) v++;
        valueStart = Math.min(v, Math.max(contentEnd, colonAt + 1));
        valueEnd = Math.max(valueStart, contentEnd);
      }
    }
    const at = base + count * STRIDE;
    o[at + START] = start;
    o[at + END] = end;
    o[at + KEY_START] = p;
    o[at + KEY_END] = keyEnd;
    o[at + COLON] = colonAt;
    o[at + VALUE_START] = valueStart;
    o[at + VALUE_END] = valueEnd;
    o[at + META] = kind | (term << 2);
    count++;
    if (last) break;
    start = end + (term === 2 ? 2 : 1);
  }
  if (!small) return { tree: new Tree(text, o, count, bom), errors: [] };
  slabUsed = base + count * STRIDE;
  return { tree: new Tree(text, o.subarray(base, slabUsed), count, bom), errors: [] };
}

/** The tokens of a line in source order; their texts concatenate to the line and its terminator. */
export function policyLineTokens(line: PolicyLine): Span[] {
  const parts: (Span | null)[] = [line.bom, line.indent, line.key, line.beforeColon, line.colon, line.afterColon, line.value, line.trailing, line.terminatorSpan];
  return parts.filter((s): s is Span => s !== null && s.end > s.start);
}

/** Prints a tree back to text from its tokens. */
export function printPolicyFile(tree: PolicySyntax): string {
  let out = '';
  for (const line of tree.lines) for (const t of policyLineTokens(line)) out += tree.text.slice(t.start, t.end);
  return out;
}
