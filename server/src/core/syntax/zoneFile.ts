// Lossless tokenizer and entry splitter for zone-file text (RFC 1035 §5 master-file syntax as
// BIND reads it), plus lines that hold only a TXT record value (bare or quoted `v=STSv1…`).
// Never throws; the tokens cover the input exactly. Pure: core only.
import type { Span } from '../text/span';
import { utf8Length } from '../text/utf8';
import { isWsp } from '../text/chars';
import { listOf } from '../text/listOf';

export type ZoneTokenKind = 'ws' | 'newline' | 'comment' | 'string' | 'word' | 'lparen' | 'rparen' | 'snippet';

export interface ZoneToken {
  readonly kind: ZoneTokenKind;
  readonly start: number;
  readonly end: number;
  /** `{ start, end }`, built on access. */
  readonly span: Span;
}

/** A token as an object: its kind and two offsets, the span built on access. */
class Token implements ZoneToken {
  constructor(readonly kind: ZoneTokenKind, readonly start: number, readonly end: number) {}
  get span(): Span {
    return { start: this.start, end: this.end };
  }
  toJSON(): { kind: ZoneTokenKind; span: Span } {
    return { kind: this.kind, span: this.span };
  }
}

const NO_TOKENS: readonly ZoneToken[] = Object.freeze([]);

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
  /** Every token as an object, built on first access. */
  readonly tokens: readonly ZoneToken[];
  /** Every entry as an object, built on first access (and kept). */
  readonly entries: readonly ZoneEntry[];
  /** The entries without objects: how many, and the kind, token range and owner flag of entry `i`. */
  readonly entryCount: number;
  entryKind(i: number): ZoneEntryKind;
  entryFirst(i: number): number;
  entryLast(i: number): number;
  entryHasOwner(i: number): boolean;
  /** True when entry `i` holds a comment token. */
  entryHasComment(i: number): boolean;
  /** The tokens without objects: how many, and the kind, start and end of token `i`. */
  readonly tokenCount: number;
  tokenKind(i: number): ZoneTokenKind;
  tokenStart(i: number): number;
  tokenEnd(i: number): number;
  /** Token `i`'s span (a new object each call), without a token object. */
  tokenSpan(i: number): Span;
  /** Token `i` as an object (a new one each call). */
  tokenAt(i: number): ZoneToken;
  /** True when token `i` is an item (a word, string or snippet: see ZoneEntry.items). */
  isItemAt(i: number): boolean;
  /** False when token `i` holds no `\`, so its characters are its text. */
  tokenHasEscape(i: number): boolean;
  /**
   * The item tokens in `[first, last)` that hold characters (between its quotes, for a string:
   * an empty string `""` adds nothing to a decoded value or its source map), as three numbers
   * each: start, end and flags (1 for a string, 2 when the token holds a `\`); what
   * decodeTokenRange joins.
   */
  itemCharacterRanges(first: number, last: number): number[];
  /** The item tokens (words, strings, snippets: see ZoneEntry.items) in `[first, last)`, as new objects. */
  itemsIn(first: number, last: number): ZoneToken[];
  /** From the first to the last item token in `[first, last)`, or null when there is none; no token objects. */
  itemSpan(first: number, last: number): Span | null;
}

export interface ZoneParse {
  readonly tree: ZoneSyntax;
  readonly errors: readonly ZoneSyntaxError[];
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

const KIND_OF: readonly ZoneTokenKind[] = ['ws', 'newline', 'comment', 'string', 'word', 'lparen', 'rparen', 'snippet'];
const K_WS = 0, K_NEWLINE = 1, K_COMMENT = 2, K_STRING = 3, K_WORD = 4, K_LPAREN = 5, K_RPAREN = 6, K_SNIPPET = 7;
/** Flag of a token's kind byte (above the kind, three bits): the token holds a `\`. */
const K_ESCAPED = 8;

/**
 * The ranges being collected by itemCharacterRanges, kept between calls (one per TXT record of
 * a zone) and copied out at their count; let go once it has grown past 4,096 ranges and a short
 * value comes.
 */
const rangeScratch: number[] = [];

/** The first `n` numbers of rangeScratch, copied by a loop (a short value: cheaper than `slice`). */
function copyOfRanges(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = rangeScratch[i]!;
  return out;
}

const ENTRY_KIND_OF: readonly ZoneEntryKind[] = ['blank', 'directive', 'record', 'snippet'];
const E_BLANK = 0, E_DIRECTIVE = 1, E_RECORD = 2, E_SNIPPET = 3;
/** Flags of an entry's meta byte, above its kind (two bits). */
const E_OWNER = 4, E_COMMENT = 8;

/**
 * Every token lives in two typed arrays (its kind and start; it ends where the next starts) and
 * becomes an object only when asked for: a 1 MiB zone has about 250,000 tokens, and an object
 * (with a span object) kept for each was most of what the young-generation GC had to copy. The
 * entries are kept the same way (where each ends, and a byte for its kind and flags): they are
 * contiguous, so entry `i` starts where entry `i - 1` ends.
 */
class ZoneTree implements ZoneSyntax {
  private all: ZoneToken[] | null = null;
  private entryList: readonly ZoneEntry[] | null = null;
  constructor(
    readonly text: string,
    private readonly kinds: Uint8Array,
    private readonly starts: Int32Array,
    private readonly count: number,
    private readonly entryEnds: Int32Array,
    private readonly entryMeta: Uint8Array,
    readonly entryCount: number,
  ) {}
  get tokenCount(): number {
    return this.count;
  }
  /** Tokens are contiguous: each ends where the next starts, the last at the end of the text. */
  private endOf(i: number): number {
    return i + 1 < this.count ? this.starts[i + 1]! : this.text.length;
  }
  tokenKind(i: number): ZoneTokenKind {
    return KIND_OF[this.kinds[i]! & 7]!;
  }
  tokenStart(i: number): number {
    return this.starts[i]!;
  }
  tokenEnd(i: number): number {
    return this.endOf(i);
  }
  tokenSpan(i: number): Span {
    return { start: this.starts[i]!, end: this.endOf(i) };
  }
  tokenAt(i: number): ZoneToken {
    return new Token(KIND_OF[this.kinds[i]! & 7]!, this.starts[i]!, this.endOf(i));
  }
  /** True when token `i` is an item (a word, string or snippet), read from the kind byte. */
  isItemAt(i: number): boolean {
    return isItem(this.kinds[i]! & 7);
  }
  tokenHasEscape(i: number): boolean {
    return (this.kinds[i]! & K_ESCAPED) !== 0;
  }
  itemCharacterRanges(first: number, last: number): number[] {
    // One pass into the scratch array and a copy at the count: a megabyte of `"` is 500,000
    // empty strings, and counting them in a first pass doubled the walk.
    const kinds = this.kinds;
    const starts = this.starts;
    const text = this.text;
    let n = 0;
    for (let i = first; i < last; i++) {
      const kind = kinds[i]!;
      const k = kind & 7;
      const start = starts[i]!;
      const end = i + 1 < this.count ? starts[i + 1]! : text.length;
      if (k === K_STRING) {
        if (end - start < 2 || (end - start === 2 && text.charCodeAt(start + 1) === 34)) continue;
      } else if (!isItem(k)) continue;
      rangeScratch[n++] = start;
      rangeScratch[n++] = end;
      rangeScratch[n++] = (k === K_STRING ? 1 : 0) | (kind & K_ESCAPED ? 2 : 0);
    }
    const out = n > 3 * 64 ? rangeScratch.slice(0, n) : copyOfRanges(n);
    if (rangeScratch.length > 3 * 4096 && n <= 3 * 64) rangeScratch.length = 0;
    return out;
  }
  entryKind(i: number): ZoneEntryKind {
    return ENTRY_KIND_OF[this.entryMeta[i]! & 3]!;
  }
  entryFirst(i: number): number {
    return i === 0 ? 0 : this.entryEnds[i - 1]!;
  }
  entryLast(i: number): number {
    return this.entryEnds[i]!;
  }
  entryHasOwner(i: number): boolean {
    return (this.entryMeta[i]! & E_OWNER) !== 0;
  }
  entryHasComment(i: number): boolean {
    return (this.entryMeta[i]! & E_COMMENT) !== 0;
  }
  get entries(): readonly ZoneEntry[] {
    return (this.entryList ??= listOf(this.entryCount, (i) => new Entry(this, i)));
  }
  itemsIn(first: number, last: number): ZoneToken[] {
    return this.collect(first, last, isItem);
  }
  itemSpan(first: number, last: number): Span | null {
    let a = -1;
    let b = -1;
    for (let i = first; i < last; i++) {
      if (!isItem(this.kinds[i]! & 7)) continue;
      if (a < 0) a = i;
      b = i;
    }
    return a < 0 ? null : { start: this.starts[a]!, end: this.endOf(b) };
  }
  /** Token objects for the tokens in `[first, last)` whose kind `want` accepts. */
  collect(first: number, last: number, want: (kind: number) => boolean): ZoneToken[] {
    const out: ZoneToken[] = [];
    for (let i = first; i < last; i++) {
      if (want(this.kinds[i]! & 7)) out.push(this.tokenAt(i));
    }
    return out;
  }
  get tokens(): readonly ZoneToken[] {
    return (this.all ??= listOf(this.count, (i) => this.tokenAt(i)));
  }
  toJSON(): { text: string; tokens: readonly ZoneToken[]; entries: readonly ZoneEntry[] } {
    return { text: this.text, tokens: this.tokens, entries: this.entries };
  }
}

const isItem = (k: number) => k === K_WORD || k === K_STRING || k === K_SNIPPET;
const isComment = (k: number) => k === K_COMMENT;

/**
 * Entry `index` of a tree as an object; its item and comment tokens become objects on first
 * access (and stay, so the same token object is returned each time).
 */
class Entry implements ZoneEntry {
  readonly kind: ZoneEntryKind;
  readonly first: number;
  readonly last: number;
  readonly hasOwner: boolean;
  private itemList: readonly ZoneToken[] | null = null;
  private commentList: readonly ZoneToken[] | null = null;
  constructor(private readonly tree: ZoneTree, private readonly index: number) {
    this.kind = tree.entryKind(index);
    this.first = tree.entryFirst(index);
    this.last = tree.entryLast(index);
    this.hasOwner = tree.entryHasOwner(index);
  }
  get items(): readonly ZoneToken[] {
    return (this.itemList ??= this.tree.itemsIn(this.first, this.last));
  }
  get comments(): readonly ZoneToken[] {
    return (this.commentList ??= this.tree.entryHasComment(this.index) ? this.tree.collect(this.first, this.last, isComment) : NO_TOKENS);
  }
  toJSON(): { kind: ZoneEntryKind; first: number; last: number; hasOwner: boolean; items: readonly ZoneToken[]; comments: readonly ZoneToken[] } {
    return { kind: this.kind, first: this.first, last: this.last, hasOwner: this.hasOwner, items: this.items, comments: this.comments };
  }
}

/**
 * Where `ch` next occurs at or after `from`, given where it was found last (`found`: -2 before
 * the first search, -1 when there is none further on). indexOf is native and fast over a long
 * line; asked at places that only move forward, each search starts where it is needed, so all
 * of them together read the text once.
 */
function ahead(text: string, ch: string, found: number, from: number): number {
  return found !== -1 && found < from ? text.indexOf(ch, from) : found;
}

/** A copy of `a` with room for `cap` elements (the arrays grow by doubling, so rarely). */
function grown<T extends Uint8Array | Int32Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (length: number) => T)(cap);
  b.set(a);
  return b;
}

export function parseZoneFile(text: string): ZoneParse {
  const errors: ZoneSyntaxError[] = [];
  const n = text.length;
  let p = 0;
  let depth = 0;
  let parenOpen: Span | null = null;
  let entryFirst = 0;
  let atLineStart = true;
  let entrySnippet = false;
  // Item and comment tokens of the entry being read, counted as they are pushed.
  let entryItems = 0;
  let entryComments = 0;

  // About one token per four characters in a zone; the arrays double when that is not enough.
  let cap = Math.min(n + 1, Math.max(1024, n >> 2));
  let kinds = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let count = 0;
  // A token's end is the next token's start (they cover the text), so only starts are kept.
  const push = (kind: number, start: number) => {
    if (count === cap) {
      cap *= 2;
      kinds = grown(kinds, cap);
      starts = grown(starts, cap);
    }
    kinds[count] = kind;
    starts[count] = start;
    count++;
  };

  let entryCap = Math.min(n + 1, 256);
  let entryEnds = new Int32Array(entryCap);
  let entryMeta = new Uint8Array(entryCap);
  let entryCount = 0;
  const closeEntry = () => {
    if (count === entryFirst) return;
    const firstKind = kinds[entryFirst]! & 7;
    let kind = E_RECORD;
    if (entryItems === 0) kind = E_BLANK;
    else if (entrySnippet) kind = E_SNIPPET;
    else if (firstKind === K_WORD && text.charCodeAt(starts[entryFirst]!) === 36) kind = E_DIRECTIVE;
    if (entryCount === entryCap) {
      entryCap *= 2;
      entryEnds = grown(entryEnds, entryCap);
      entryMeta = grown(entryMeta, entryCap);
    }
    entryEnds[entryCount] = count;
    entryMeta[entryCount] = kind | (firstKind === K_WORD || firstKind === K_STRING ? E_OWNER : 0) | (entryComments > 0 ? E_COMMENT : 0);
    entryCount++;
    entryFirst = count;
    entrySnippet = false;
    entryItems = 0;
    entryComments = 0;
  };

  // The next `\n`, `\r` and `\` at or after the last place asked about (see `ahead`): kept in
  // plain variables, not behind a closure, which would move them and `n` into a context that
  // the scanning loops below then read on every character.
  let nextLf = -2;
  let nextCr = -2;
  let nextBackslash = -2;
  let nextQuote = -2;

  while (p < n) {
    const c = text.charCodeAt(p);
    if (atLineStart && depth === 0) {
      atLineStart = false;
      let q = p;
      while (q < n && isWsp(text.charCodeAt(q))) q++;
      if (q < n && startsSnippet(text, q)) {
        entrySnippet = true;
        if (q > p) push(K_WS, p);
        if (text.charCodeAt(q) !== 34) {
          nextLf = ahead(text, '\n', nextLf, q);
          nextCr = ahead(text, '\r', nextCr, q);
          nextBackslash = ahead(text, '\\', nextBackslash, q);
          const e = Math.min(nextLf < 0 ? n : nextLf, nextCr < 0 ? n : nextCr);
          push(K_SNIPPET | (nextBackslash >= 0 && nextBackslash < e ? K_ESCAPED : 0), q);
          entryItems++;
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
      push(K_WS, p);
      p = e;
    } else if (isNl(c)) {
      const e = c === 13 && text.charCodeAt(p + 1) === 10 ? p + 2 : p + 1;
      push(K_NEWLINE, p);
      p = e;
      atLineStart = true;
      if (depth === 0) closeEntry();
    } else if (c === 59 /* ; */) {
      nextLf = ahead(text, '\n', nextLf, p);
      nextCr = ahead(text, '\r', nextCr, p);
      const e = Math.min(nextLf < 0 ? n : nextLf, nextCr < 0 ? n : nextCr);
      push(K_COMMENT, p);
      entryComments++;
      p = e;
    } else if (c === 34 /* " */) {
      let e = p + 1;
      let closed = false;
      let escaped = 0;
      // The closing quote, newline and `\` ahead, found by indexOf (native, and kept between
      // strings, so each is searched for once over the file): a string with no `\` and no line
      // break before its closing quote ends there without a loop over its characters.
      nextQuote = ahead(text, '"', nextQuote, e);
      nextLf = ahead(text, '\n', nextLf, e);
      nextCr = ahead(text, '\r', nextCr, e);
      nextBackslash = ahead(text, '\\', nextBackslash, e);
      if (nextQuote >= 0 && (nextBackslash < 0 || nextBackslash > nextQuote) && (nextLf < 0 || nextLf > nextQuote) && (nextCr < 0 || nextCr > nextQuote)) {
        e = nextQuote + 1;
        closed = true;
      }
      while (!closed && e < n) {
        const d = text.charCodeAt(e);
        if (d === 92 /* \ */ && e + 1 < n) {
          e += text.charCodeAt(e + 1) === 13 && text.charCodeAt(e + 2) === 10 ? 3 : 2;
          escaped = K_ESCAPED;
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
      push(K_STRING | escaped, p);
      entryItems++;
      if (!closed) errors.push({ kind: 'unterminated-string', span: { start: p, end: e }, message: 'this quoted string has no closing `"` on its line' });
      p = e;
    } else if (c === 40 /* ( */) {
      if (depth === 0) parenOpen = { start: p, end: p + 1 };
      depth++;
      push(K_LPAREN, p);
      p++;
    } else if (c === 41 /* ) */) {
      if (depth === 0) errors.push({ kind: 'unbalanced-paren', span: { start: p, end: p + 1 }, message: 'this `)` closes no `(`' });
      else depth--;
      push(K_RPAREN, p);
      p++;
    } else {
      let e = p;
      let escaped = 0;
      while (e < n) {
        const d = text.charCodeAt(e);
        if (d === 92 && e + 1 < n) {
          e += 2;
          escaped = K_ESCAPED;
          continue;
        }
        if (isWsp(d) || isNl(d) || d === 59 || d === 34 || d === 40 || d === 41) break;
        e++;
      }
      if (c === 35 /* # */) errors.push({ kind: 'hash-comment', span: { start: p, end: e }, message: '`#` does not start a comment in a zone file; use `;`' });
      push(K_WORD | escaped, p);
      entryItems++;
      p = e;
    }
  }
  if (depth > 0 && parenOpen) errors.push({ kind: 'unbalanced-paren', span: parenOpen, message: 'this `(` is never closed, so the record runs to the end of the file' });
  closeEntry();
  return { tree: new ZoneTree(text, kinds, starts, count, entryEnds, entryMeta, entryCount), errors };
}

export function printZoneFile(tree: ZoneSyntax): string {
  let out = '';
  for (const t of tree.tokens) out += tree.text.slice(t.start, t.end);
  return out;
}

/** A decoded character-string sequence and, for each decoded character, its source span. */
export interface DecodedText {
  readonly value: string;
  /** Source offset of each decoded character, and one past its end (built on first access). */
  readonly srcStart: ArrayLike<number>;
  readonly srcEnd: ArrayLike<number>;
  /** The character-strings longer than 255 octets (UTF-8), with their lengths; usually none. */
  readonly longStrings: readonly { span: Span; octets: number }[];
}

const NO_LONG_STRINGS: readonly { span: Span; octets: number }[] = Object.freeze([]);

/** True when a `\` at `i` starts a `\DDD` escape (three digits before `b`). */
function isDecimalEscape(text: string, i: number, b: number): boolean {
  if (i + 4 > b) return false;
  for (let k = i + 1; k <= i + 3; k++) {
    const d = text.charCodeAt(k);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

/**
 * The per-character source map is built only when a span is mapped (a diagnostic or a hover):
 * most TXT values have none, and two number arrays per character were most of a zone lint's
 * allocations. `ranges` holds the character-string tokens as decodeTokens takes them.
 */
class Decoded implements DecodedText {
  private starts: Int32Array | null = null;
  private ends: Int32Array | null = null;
  constructor(
    readonly value: string,
    readonly longStrings: readonly { span: Span; octets: number }[],
    private readonly text: string,
    private readonly ranges: readonly number[],
  ) {}
  /**
   * The source offset of the value's first character when the value is the characters of one
   * token with no escape (so character `i` is at `direct + i`), else -1: then no map is built.
   */
  get direct(): number {
    let found = -1;
    for (let r = 0; r < this.ranges.length; r += 3) {
      const a = innerStart(this.ranges, r);
      const b = innerEnd(this.text, this.ranges, r);
      if (a === b) continue;
      if (found >= 0) return -1;
      found = a;
      if (b - a !== this.value.length) return -1;
    }
    return found;
  }
  get srcStart(): ArrayLike<number> {
    if (!this.starts) this.build();
    return this.starts!;
  }
  get srcEnd(): ArrayLike<number> {
    if (!this.ends) this.build();
    return this.ends!;
  }
  private build(): void {
    const starts = new Int32Array(this.value.length);
    const ends = new Int32Array(this.value.length);
    const text = this.text;
    let n = 0;
    for (let r = 0; r < this.ranges.length; r += 3) {
      const a = innerStart(this.ranges, r);
      const b = innerEnd(text, this.ranges, r);
      let i = a;
      while (i < b) {
        const w = text.charCodeAt(i) === 92 && i + 1 < b ? (isDecimalEscape(text, i, b) ? 4 : 2) : 1;
        starts[n] = i;
        ends[n] = i + w;
        n++;
        i += w;
      }
    }
    this.starts = starts;
    this.ends = ends;
  }
  toJSON(): { value: string; srcStart: number[]; srcEnd: number[]; longStrings: readonly { span: Span; octets: number }[] } {
    return { value: this.value, srcStart: Array.from(this.srcStart), srcEnd: Array.from(this.srcEnd), longStrings: this.longStrings };
  }
}

/** The first `\` in `[a, b)`, or -1 (a loop: indexOf would search on to the end of the file). */
function backslashIn(text: string, a: number, b: number): number {
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === 92) return i;
  return -1;
}

/** The characters of one character-string whose source (quotes excluded) is `[a, b)`, unescaped. */
function unescape(text: string, a: number, b: number): string {
  let i = backslashIn(text, a, b);
  if (i < 0) return text.slice(a, b);
  let part = text.slice(a, i);
  while (i < b) {
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < b) {
      if (isDecimalEscape(text, i, b)) {
        part += String.fromCharCode(Math.min(255, (text.charCodeAt(i + 1) - 48) * 100 + (text.charCodeAt(i + 2) - 48) * 10 + (text.charCodeAt(i + 3) - 48)));
        i += 4;
      } else {
        part += text[i + 1];
        i += 2;
      }
      continue;
    }
    // Up to the next backslash in one slice (a backslash that ends the string is literal).
    let j = backslashIn(text, i + 1, b);
    if (j < 0) j = b;
    part += text.slice(i, j);
    i = j;
  }
  return part;
}

/** Where the characters of token `r / 3` in `toks` start (after a string's opening quote). */
function innerStart(toks: readonly number[], r: number): number {
  return (toks[r + 2]! & 1) === 1 ? toks[r]! + 1 : toks[r]!;
}

/** Where they end (before a string's closing quote, when it has one). */
function innerEnd(text: string, toks: readonly number[], r: number): number {
  const end = toks[r + 1]!;
  return (toks[r + 2]! & 1) === 1 && end > toks[r]! + 1 && text.charCodeAt(end - 1) === 34 ? end - 1 : end;
}

/**
 * Joins character-strings given as tokens: start, end and flags (1 for a string, 0 for a word;
 * 2 when the token may hold a `\`, else its characters are its text), three numbers per token.
 * The same plain array is kept for the source map (a typed array, or a second array, per TXT
 * record cost more to make than the decoding itself).
 */
function decodeTokens(text: string, toks: readonly number[]): DecodedText {
  let value = '';
  let longStrings: { span: Span; octets: number }[] | null = null;
  for (let r = 0; r < toks.length; r += 3) {
    const a = innerStart(toks, r);
    const b = innerEnd(text, toks, r);
    if (a === b) continue;
    // This string's characters, joined to `value` at the end: measuring a slice of the growing
    // `value` instead flattened it once per string (quadratic for many short strings).
    const part = toks[r + 2]! & 2 ? unescape(text, a, b) : text.slice(a, b);
    value += part;
    // A UTF-16 unit takes at most 3 octets, so a short string needs no count.
    const octets = part.length * 3 > 255 ? utf8Length(part) : 0;
    if (octets > 255) (longStrings ??= []).push({ span: { start: toks[r]!, end: toks[r + 1]! }, octets });
  }
  return new Decoded(value, longStrings ?? NO_LONG_STRINGS, text, toks);
}

/**
 * Decodes word and string tokens as DNS character-strings (`\"`, `\;` and `\DDD` escapes)
 * and joins them with no separator, as RFC 8461 §3.1 and RFC 8460 §3 require.
 */
export function decodeCharacterStrings(text: string, items: readonly ZoneToken[]): DecodedText {
  const toks: number[] = new Array(3 * items.length);
  items.forEach((t, k) => {
    toks[3 * k] = t.start;
    toks[3 * k + 1] = t.end;
    toks[3 * k + 2] = (t.kind === 'string' ? 1 : 0) | 2;
  });
  return decodeTokens(text, toks);
}

/**
 * The same for the item tokens of `tree` in `[first, last)` (a snippet token reads as a word),
 * without token objects. Empty strings are left out of the ranges: they add nothing, and a
 * megabyte of `"` made an array of 1.5 million numbers that were all skipped.
 */
export function decodeTokenRange(tree: ZoneSyntax, first = 0, last = tree.tokenCount): DecodedText {
  return decodeTokens(tree.text, tree.itemCharacterRanges(first, last));
}

/** Maps a span of a decoded value back to source offsets. */
export function mapDecodedSpan(d: DecodedText, s: Span, fallback: Span): Span {
  const n = d.value.length;
  if (n === 0) return fallback;
  const a = Math.max(0, Math.min(s.start, n));
  const b = Math.max(a, Math.min(s.end, n));
  // One token without escapes maps by an offset: no per-character map for a 1 MiB value.
  const direct = d instanceof Decoded ? d.direct : -1;
  if (direct >= 0) return { start: direct + a, end: direct + b };
  if (b > a) return { start: d.srcStart[a]!, end: d.srcEnd[b - 1]! };
  const at = a < n ? d.srcStart[a]! : d.srcEnd[n - 1]!;
  return { start: at, end: at };
}
