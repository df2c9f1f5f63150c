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

export interface PolicySyntax {
  readonly text: string;
  /** Every line as an object, built on first access (and kept). */
  readonly lines: readonly PolicyLine[];
  readonly lineCount: number;
  /** Line `i`: the object from `lines` once that exists, else a new view (no array of all lines). */
  lineAt(i: number): PolicyLine;
}

export interface PolicyParse {
  readonly tree: PolicySyntax;
  readonly errors: readonly never[];
}

const KINDS: readonly PolicyLineKind[] = ['field', 'blank', 'comment', 'invalid'];
const TERMINATORS: readonly LineTerminator[] = ['', '\n', '\r\n', '\r'];
/** Numbers per line in the tree's array: start, end, bomEnd, keyStart, keyEnd, colonAt, valueStart, valueEnd, kind + 4 × terminator. */
const W = 9;

/**
 * The lines of a policy as nine numbers each in one typed array, and line objects only as
 * views made on demand: a 1 MiB policy has 40,000 lines, and keeping an object (ten span
 * objects, at first) alive per line for the whole lint made the young-generation GC copy most
 * of what the lint built; time per KiB at 1 MiB was 5× that at 64 KiB.
 */
class PolicyTree implements PolicySyntax {
  private all: PolicyLine[] | null = null;
  constructor(readonly text: string, readonly data: Int32Array, readonly lineCount: number) {}
  lineAt(i: number): PolicyLine {
    return this.all ? this.all[i]! : new Line(this, i);
  }
  get lines(): readonly PolicyLine[] {
    if (!this.all) {
      const all: PolicyLine[] = new Array(this.lineCount);
      for (let i = 0; i < this.lineCount; i++) all[i] = new Line(this, i);
      this.all = all;
    }
    return this.all;
  }
  toJSON(): { text: string; lines: readonly PolicyLine[] } {
    return { text: this.text, lines: this.lines };
  }
}

/** A view of line `index` of a tree; every property is read from the tree's array. */
class Line implements PolicyLine {
  constructor(private readonly tree: PolicyTree, readonly index: number) {}
  private at(k: number): number {
    return this.tree.data[W * this.index + k]!;
  }
  get start(): number { return this.at(0); }
  get end(): number { return this.at(1); }
  get bomEnd(): number { return this.at(2); }
  get keyStart(): number { return this.at(3); }
  get keyEnd(): number { return this.at(4); }
  get colonAt(): number { return this.at(5); }
  get valueStart(): number { return this.at(6); }
  get valueEnd(): number { return this.at(7); }
  get kind(): PolicyLineKind { return KINDS[this.at(8) & 3]!; }
  get terminator(): LineTerminator { return TERMINATORS[this.at(8) >> 2]!; }
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
  /** The span form (tests and debugging). */
  toJSON(): Omit<PolicyLine, 'start' | 'end' | 'bomEnd' | 'keyStart' | 'keyEnd' | 'colonAt' | 'valueStart' | 'valueEnd' | 'toJSON'> {
    return { index: this.index, kind: this.kind, span: this.span, terminator: this.terminator, terminatorSpan: this.terminatorSpan, bom: this.bom, indent: this.indent, key: this.key, beforeColon: this.beforeColon, colon: this.colon, afterColon: this.afterColon, value: this.value, trailing: this.trailing };
  }
}

/** The growing array of line numbers. */
class LineData {
  data = new Int32Array(W * 64);
  count = 0;
  push(start: number, end: number, bomEnd: number, keyStart: number, keyEnd: number, colonAt: number, valueStart: number, valueEnd: number, kind: number, term: number): void {
    if (W * (this.count + 1) > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const o = W * this.count++;
    const d = this.data;
    d[o] = start;
    d[o + 1] = end;
    d[o + 2] = bomEnd;
    d[o + 3] = keyStart;
    d[o + 4] = keyEnd;
    d[o + 5] = colonAt;
    d[o + 6] = valueStart;
    d[o + 7] = valueEnd;
    d[o + 8] = kind + 4 * term;
  }
}

const K_FIELD = 0, K_BLANK = 1, K_COMMENT = 2, K_INVALID = 3;

/** `colon` is the offset of the first `:` at or after `start`, or -1. `term` indexes TERMINATORS. */
function parseLine(text: string, out: LineData, start: number, end: number, term: number, colon: number): void {
  let p = start;
  if (start === 0 && text.charCodeAt(0) === 0xfeff) p = 1;
  const bomEnd = p;
  while (p < end && isWsp(text.charCodeAt(p))) p++;
  let contentEnd = end;
  while (contentEnd > p && isWsp(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (p === end) return out.push(start, end, bomEnd, p, p, -1, p, p, K_BLANK, term);
  // Only spaces, tabs and a BOM lie between `start` and `p`, so the colon is the first after `p`.
  const colonAt = colon >= 0 && colon < end ? colon : -1;
  if (text.charCodeAt(p) === 35 /* # */ || colonAt < 0) {
    const kind = text.charCodeAt(p) === 35 ? K_COMMENT : K_INVALID;
    return out.push(start, end, bomEnd, p, contentEnd, -1, contentEnd, contentEnd, kind, term);
  }
  let keyEnd = colonAt;
  while (keyEnd > p && isWsp(text.charCodeAt(keyEnd - 1))) keyEnd--;
  let v = colonAt + 1;
  while (v < contentEnd && isWsp(text.charCodeAt(v))) v++;
  const valueStart = Math.min(v, Math.max(contentEnd, colonAt + 1));
  const valueEnd = Math.max(valueStart, contentEnd);
  out.push(start, end, bomEnd, p, keyEnd, colonAt, valueStart, valueEnd, K_FIELD, term);
}

/** Parses a policy file. Lines end at LF, CRLF or a bare CR (the last is reported by a rule). */
export function parsePolicyFile(text: string): PolicyParse {
  const out = new LineData();
  const n = text.length;
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
    const i = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (i < 0) break;
    const c = text.charCodeAt(i);
    const term = c === 13 ? (text.charCodeAt(i + 1) === 10 ? 2 : 3) : 1;
    parseLine(text, out, start, i, term, colon);
    start = i + TERMINATORS[term]!.length;
  }
  if (start < n || out.count === 0) parseLine(text, out, start, n, 0, colon);
  return { tree: new PolicyTree(text, out.data, out.count), errors: [] };
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
