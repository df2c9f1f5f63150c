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
  readonly lines: readonly PolicyLine[];
}

export interface PolicyParse {
  readonly tree: PolicySyntax;
  readonly errors: readonly never[];
}

/**
 * A line as eleven offsets instead of ten span objects: a 1 MiB policy has 40,000 lines, and
 * keeping a span object per token alive for the whole lint made the young-generation GC copy
 * about 30 MB (the time per KiB at 1 MiB was 5× that at 64 KiB). The spans are built on access.
 */
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

/** `colon` is the offset of the first `:` at or after `start`, or -1. */
function parseLine(text: string, index: number, start: number, end: number, term: LineTerminator, colon: number): PolicyLine {
  let p = start;
  if (start === 0 && text.charCodeAt(0) === 0xfeff) p = 1;
  const bomEnd = p;
  while (p < end && isWsp(text.charCodeAt(p))) p++;
  let contentEnd = end;
  while (contentEnd > p && isWsp(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (p === end) return new Line(index, 'blank', term, start, end, bomEnd, p, p, -1, p, p);
  // Only spaces, tabs and a BOM lie between `start` and `p`, so the colon is the first after `p`.
  const colonAt = colon >= 0 && colon < end ? colon : -1;
  if (text.charCodeAt(p) === 35 /* # */ || colonAt < 0) {
    const kind: PolicyLineKind = text.charCodeAt(p) === 35 ? 'comment' : 'invalid';
    return new Line(index, kind, term, start, end, bomEnd, p, contentEnd, -1, contentEnd, contentEnd);
  }
  let keyEnd = colonAt;
  while (keyEnd > p && isWsp(text.charCodeAt(keyEnd - 1))) keyEnd--;
  let v = colonAt + 1;
  while (v < contentEnd && isWsp(text.charCodeAt(v))) v++;
  const valueStart = Math.min(v, Math.max(contentEnd, colonAt + 1));
  const valueEnd = Math.max(valueStart, contentEnd);
  return new Line(index, 'field', term, start, end, bomEnd, p, keyEnd, colonAt, valueStart, valueEnd);
}

/** Parses a policy file. Lines end at LF, CRLF or a bare CR (the last is reported by a rule). */
export function parsePolicyFile(text: string): PolicyParse {
  const lines: PolicyLine[] = [];
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
    const term: LineTerminator = c === 13 ? (text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r') : '\n';
    lines.push(parseLine(text, lines.length, start, i, term, colon));
    start = i + term.length;
  }
  if (start < n || lines.length === 0) lines.push(parseLine(text, lines.length, start, n, '', colon));
  return { tree: { text, lines }, errors: [] };
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
