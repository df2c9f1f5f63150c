// Lossless tokenizer and entry splitter for zone-file text (RFC 1035 §5 master-file syntax as
// BIND reads it), plus lines that hold only a TXT record value (bare or quoted `v=STSv1…`).
// Never throws; the tokens cover the input exactly. Pure: core only.
import type { Span } from '../text/span';
import { utf8Length } from '../text/utf8';

export type ZoneTokenKind = 'ws' | 'newline' | 'comment' | 'string' | 'word' | 'lparen' | 'rparen' | 'snippet';

export interface ZoneToken {
  readonly kind: ZoneTokenKind;
  readonly span: Span;
}

export type ZoneEntryKind = 'blank' | 'directive' | 'record' | 'snippet';

export interface ZoneEntry {
  readonly kind: ZoneEntryKind;
  /** Index of the first token and one past the last token (the terminating newline included). */
  readonly first: number;
  readonly last: number;
  /** True when the entry's first token is a word or string at the start of its line (an owner). */
  readonly hasOwner: boolean;
  /** Word, string and snippet tokens of the entry, in order. */
  readonly items: readonly ZoneToken[];
  /** Comment tokens of the entry. */
  readonly comments: readonly ZoneToken[];
}

export type ZoneSyntaxErrorKind = 'unterminated-string' | 'unbalanced-paren' | 'hash-comment';

export interface ZoneSyntaxError {
  readonly kind: ZoneSyntaxErrorKind;
  readonly span: Span;
  readonly message: string;
}

export interface ZoneSyntax {
  readonly text: string;
  readonly tokens: readonly ZoneToken[];
  readonly entries: readonly ZoneEntry[];
}

export interface ZoneParse {
  readonly tree: ZoneSyntax;
  readonly errors: readonly ZoneSyntaxError[];
}

function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}
function isNl(c: number): boolean {
  return c === 10 || c === 13;
}

/** True when the text at `p` starts a record value (`v=` or `"v=`, any case). */
function startsSnippet(text: string, p: number): boolean {
  let q = p;
  if (text.charCodeAt(q) === 34) q++;
  return (text.charCodeAt(q) | 32) === 118 && text.charCodeAt(q + 1) === 61;
}

export function parseZoneFile(text: string): ZoneParse {
  const tokens: ZoneToken[] = [];
  const errors: ZoneSyntaxError[] = [];
  const entries: ZoneEntry[] = [];
  const n = text.length;
  let p = 0;
  let depth = 0;
  let parenOpen: Span | null = null;
  let entryFirst = 0;
  let atLineStart = true;
  let entrySnippet = false;

  const push = (kind: ZoneTokenKind, start: number, end: number) => tokens.push({ kind, span: { start, end } });

  const closeEntry = () => {
    const items: ZoneToken[] = [];
    const comments: ZoneToken[] = [];
    for (let i = entryFirst; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === 'word' || t.kind === 'string' || t.kind === 'snippet') items.push(t);
      else if (t.kind === 'comment') comments.push(t);
    }
    if (tokens.length === entryFirst) return;
    const firstTok = tokens[entryFirst]!;
    const hasOwner = firstTok.kind === 'word' || firstTok.kind === 'string';
    let kind: ZoneEntryKind = 'record';
    if (items.length === 0) kind = 'blank';
    else if (entrySnippet) kind = 'snippet';
    else if (hasOwner && firstTok.kind === 'word' && text.charCodeAt(firstTok.span.start) === 36) kind = 'directive';
    entries.push({ kind, first: entryFirst, last: tokens.length, hasOwner, items, comments });
    entryFirst = tokens.length;
    entrySnippet = false;
  };

  while (p < n) {
    const c = text.charCodeAt(p);
    if (atLineStart && depth === 0) {
      atLineStart = false;
      let q = p;
      while (q < n && isWsp(text.charCodeAt(q))) q++;
      if (q < n && startsSnippet(text, q)) {
        entrySnippet = true;
        if (q > p) push('ws', p, q);
        if (text.charCodeAt(q) !== 34) {
          let e = q;
          while (e < n && !isNl(text.charCodeAt(e))) e++;
          push('snippet', q, e);
          p = e;
          continue;
        }
        p = q;
        continue;
      }
    }
    if (isWsp(c)) {
      let e = p + 1;
      while (e < n && isWsp(text.charCodeAt(e))) e++;
      push('ws', p, e);
      p = e;
    } else if (isNl(c)) {
      const e = c === 13 && text.charCodeAt(p + 1) === 10 ? p + 2 : p + 1;
      push('newline', p, e);
      p = e;
      atLineStart = true;
      if (depth === 0) closeEntry();
    } else if (c === 59 /* ; */) {
      let e = p + 1;
      while (e < n && !isNl(text.charCodeAt(e))) e++;
      push('comment', p, e);
      p = e;
    } else if (c === 34 /* " */) {
      let e = p + 1;
      let closed = false;
      while (e < n) {
        const d = text.charCodeAt(e);
        if (d === 92 /* \ */ && e + 1 < n) {
          e += text.charCodeAt(e + 1) === 13 && text.charCodeAt(e + 2) === 10 ? 3 : 2;
          continue;
        }
        if (d === 34) {
          closed = true;
          e++;
          break;
        }
        if (isNl(d)) break;
        e++;
      }
      push('string', p, e);
      if (!closed) errors.push({ kind: 'unterminated-string', span: { start: p, end: e }, message: 'this quoted string has no closing `"` on its line' });
      p = e;
    } else if (c === 40 /* ( */) {
      if (depth === 0) parenOpen = { start: p, end: p + 1 };
      depth++;
      push('lparen', p, p + 1);
      p++;
    } else if (c === 41 /* ) */) {
      if (depth === 0) errors.push({ kind: 'unbalanced-paren', span: { start: p, end: p + 1 }, message: 'this `)` closes no `(`' });
      else depth--;
      push('rparen', p, p + 1);
      p++;
    } else {
      let e = p;
      while (e < n) {
        const d = text.charCodeAt(e);
        if (d === 92 && e + 1 < n) {
          e += 2;
          continue;
        }
        if (isWsp(d) || isNl(d) || d === 59 || d === 34 || d === 40 || d === 41) break;
        e++;
      }
      if (c === 35 /* # */) errors.push({ kind: 'hash-comment', span: { start: p, end: e }, message: '`#` does not start a comment in a zone file; use `;`' });
      push('word', p, e);
      p = e;
    }
  }
  if (depth > 0 && parenOpen) errors.push({ kind: 'unbalanced-paren', span: parenOpen, message: 'this `(` is never closed, so the record runs to the end of the file' });
  closeEntry();
  return { tree: { text, tokens, entries }, errors };
}

export function printZoneFile(tree: ZoneSyntax): string {
  let out = '';
  for (const t of tree.tokens) out += tree.text.slice(t.span.start, t.span.end);
  return out;
}

/** A decoded character-string sequence and, for each decoded character, its source span. */
export interface DecodedText {
  readonly value: string;
  readonly srcStart: readonly number[];
  readonly srcEnd: readonly number[];
  /** Length in octets of each character-string (UTF-8), for the 255-octet limit. */
  readonly stringOctets: readonly { span: Span; octets: number }[];
}


/**
 * Decodes word and string tokens as DNS character-strings (`\"`, `\;` and `\DDD` escapes)
 * and joins them with no separator, as RFC 8461 §3.1 and RFC 8460 §3 require.
 */
export function decodeCharacterStrings(text: string, items: readonly ZoneToken[]): DecodedText {
  let value = '';
  const srcStart: number[] = [];
  const srcEnd: number[] = [];
  const stringOctets: { span: Span; octets: number }[] = [];
  for (const t of items) {
    let a = t.span.start;
    let b = t.span.end;
    if (t.kind === 'string') {
      a++;
      if (b > a && text.charCodeAt(b - 1) === 34 && b - 1 >= a) b--;
    }
    // This string's characters, joined to `value` at the end: measuring a slice of the growing
    // `value` instead flattened it once per string (quadratic for many short strings).
    let part = '';
    let i = a;
    while (i < b) {
      const c = text.charCodeAt(i);
      if (c === 92 && i + 1 < b) {
        const d1 = text.charCodeAt(i + 1);
        if (d1 >= 48 && d1 <= 57 && i + 4 <= b && /^[0-9]{3}$/.test(text.slice(i + 1, i + 4))) {
          part += String.fromCharCode(Math.min(255, parseInt(text.slice(i + 1, i + 4), 10)));
          srcStart.push(i);
          srcEnd.push(i + 4);
          i += 4;
          continue;
        }
        part += text[i + 1];
        srcStart.push(i);
        srcEnd.push(i + 2);
        i += 2;
        continue;
      }
      part += text[i];
      srcStart.push(i);
      srcEnd.push(i + 1);
      i++;
    }
    value += part;
    stringOctets.push({ span: t.span, octets: utf8Length(part) });
  }
  return { value, srcStart, srcEnd, stringOctets };
}

/** Maps a span of a decoded value back to source offsets. */
export function mapDecodedSpan(d: DecodedText, s: Span, fallback: Span): Span {
  const n = d.value.length;
  if (n === 0) return fallback;
  const a = Math.max(0, Math.min(s.start, n));
  const b = Math.max(a, Math.min(s.end, n));
  if (b > a) return { start: d.srcStart[a]!, end: d.srcEnd[b - 1]! };
  const at = a < n ? d.srcStart[a]! : d.srcEnd[n - 1]!;
  return { start: at, end: at };
}
