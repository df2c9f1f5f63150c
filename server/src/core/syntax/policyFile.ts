// Lossless parser for MTA-STS policy files (RFC 8461 §3.2). Never throws; every line of the
// input becomes one PolicyLine whose tokens print back to the exact bytes. Pure: core only.
import type { Span } from '../text/span';

export type LineTerminator = '' | '\n' | '\r\n' | '\r';
export type PolicyLineKind = 'field' | 'blank' | 'comment' | 'invalid';

export interface PolicyLine {
  readonly index: number;
  readonly kind: PolicyLineKind;
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

function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}

function makeLine(
  index: number, start: number, end: number, term: LineTerminator, bom: Span | null, indent: Span,
  kind: PolicyLineKind, key: Span, beforeColon: Span, colon: Span | null, afterColon: Span, value: Span, trailing: Span,
): PolicyLine {
  // One object literal with a fixed shape: spreading a shared base object into each line was
  // two orders of magnitude slower in V8.
  return { index, span: { start, end }, terminator: term, terminatorSpan: { start: end, end: end + term.length }, bom, indent, kind, key, beforeColon, colon, afterColon, value, trailing };
}

/** `colon` is the offset of the first `:` at or after `start`, or -1. */
function parseLine(text: string, index: number, start: number, end: number, term: LineTerminator, colon: number): PolicyLine {
  let p = start;
  let bom: Span | null = null;
  if (start === 0 && text.charCodeAt(0) === 0xfeff) {
    bom = { start: 0, end: 1 };
    p = 1;
  }
  const indentStart = p;
  while (p < end && isWsp(text.charCodeAt(p))) p++;
  const indent = { start: indentStart, end: p };
  let contentEnd = end;
  while (contentEnd > p && isWsp(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (p === end) {
    const e = { start: p, end: p };
    return makeLine(index, start, end, term, bom, indent, 'blank', e, e, null, e, e, e);
  }
  // Only spaces, tabs and a BOM lie between `start` and `p`, so the colon is the first after `p`.
  const colonAt = colon >= 0 && colon < end ? colon : -1;
  if (text.charCodeAt(p) === 35 /* # */ || colonAt < 0) {
    const kind: PolicyLineKind = text.charCodeAt(p) === 35 ? 'comment' : 'invalid';
    const e = { start: contentEnd, end: contentEnd };
    return makeLine(index, start, end, term, bom, indent, kind, { start: p, end: contentEnd }, e, null, e, e, { start: contentEnd, end });
  }
  let keyEnd = colonAt;
  while (keyEnd > p && isWsp(text.charCodeAt(keyEnd - 1))) keyEnd--;
  let v = colonAt + 1;
  while (v < contentEnd && isWsp(text.charCodeAt(v))) v++;
  const valueStart = Math.min(v, Math.max(contentEnd, colonAt + 1));
  const valueEnd = Math.max(valueStart, contentEnd);
  return makeLine(
    index, start, end, term, bom, indent, 'field',
    { start: p, end: keyEnd },
    { start: keyEnd, end: colonAt },
    { start: colonAt, end: colonAt + 1 },
    { start: colonAt + 1, end: valueStart },
    { start: valueStart, end: valueEnd },
    { start: valueEnd, end },
  );
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
