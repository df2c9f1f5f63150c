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

function parseLine(text: string, index: number, start: number, end: number, term: LineTerminator): PolicyLine {
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
  const trailingAll = { start: contentEnd, end };
  const base = { index, span: { start, end }, terminator: term, terminatorSpan: { start: end, end: end + term.length }, bom, indent };
  if (p === end) {
    const e = { start: p, end: p };
    return { ...base, kind: 'blank', key: e, beforeColon: e, colon: null, afterColon: e, value: e, trailing: e };
  }
  const colonAt = text.indexOf(':', p);
  if (text.charCodeAt(p) === 35 /* # */ || colonAt < 0 || colonAt >= end) {
    const kind: PolicyLineKind = text.charCodeAt(p) === 35 ? 'comment' : 'invalid';
    const e = { start: contentEnd, end: contentEnd };
    return { ...base, kind, key: { start: p, end: contentEnd }, beforeColon: e, colon: null, afterColon: e, value: e, trailing: trailingAll };
  }
  let keyEnd = colonAt;
  while (keyEnd > p && isWsp(text.charCodeAt(keyEnd - 1))) keyEnd--;
  let v = colonAt + 1;
  while (v < contentEnd && isWsp(text.charCodeAt(v))) v++;
  const valueStart = Math.min(v, Math.max(contentEnd, colonAt + 1));
  const valueEnd = Math.max(valueStart, contentEnd);
  return {
    ...base,
    kind: 'field',
    key: { start: p, end: keyEnd },
    beforeColon: { start: keyEnd, end: colonAt },
    colon: { start: colonAt, end: colonAt + 1 },
    afterColon: { start: colonAt + 1, end: valueStart },
    value: { start: valueStart, end: valueEnd },
    trailing: { start: valueEnd, end },
  };
}

/** Parses a policy file. Lines end at LF, CRLF or a bare CR (the last is reported by a rule). */
export function parsePolicyFile(text: string): PolicyParse {
  const lines: PolicyLine[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const crlf = c === 13 && text.charCodeAt(i + 1) === 10;
      const term: LineTerminator = crlf ? '\r\n' : c === 10 ? '\n' : '\r';
      lines.push(parseLine(text, lines.length, start, i, term));
      i += term.length;
      start = i;
    } else i++;
  }
  if (start < n || lines.length === 0) lines.push(parseLine(text, lines.length, start, n, ''));
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
