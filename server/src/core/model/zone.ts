// Typed view of zone-file text: records with resolved owner names ($ORIGIN, `@`, relative and
// inherited owners), types, and decoded TXT values; plus bare record-value lines. Pure: core only.
import { decodeTokenRange, parseZoneFile, type DecodedText, type ZoneEntry, type ZoneSyntax, type ZoneToken } from '../syntax/zoneFile';
import { sameAtAnyCase, sameRun, startsWithLabels } from '../text/chars';
import { FNV_OFFSET, fnv1a, fnv1aAsciiLower, fnvStep } from '../text/firstSeen';
import { listOf } from '../text/listOf';
import type { Span } from '../text/span';

export const RR_TYPES = new Set(('A AAAA AFSDB ALIAS ANAME APL AVC CAA CDNSKEY CDS CERT CNAME CSYNC DHCID DLV DNAME DNSKEY DOA DS EUI48 EUI64 ' +
  'GPOS HINFO HIP HTTPS IPSECKEY ISDN KEY KX L32 L64 LOC LP MB MD MF MG MINFO MR MX NAPTR NID NS NSAP NSAP-PTR NSEC NSEC3 NSEC3PARAM ' +
  'NULL NXT OPENPGPKEY PTR PX RP RRSIG RT SIG SMIMEA SOA SPF SRV SSHFP SVCB TA TKEY TLSA TSIG TXT URI WKS X25 ZONEMD').split(' '));

export function isTtl(s: string): boolean {
  const c = s.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false; // most words are not TTLs: no expression for them
  return /^[0-9]+$/.test(s) || /^([0-9]+[smhdwSMHDW])+$/.test(s);
}
/** IN, CH, HS or CS in any ASCII case, or CLASSnnn (RFC 3597). */
export function isClass(s: string): boolean {
  if (s.length === 2) return isClassPair(s.charCodeAt(0), s.charCodeAt(1));
  return s.length > 5 && /^CLASS[0-9]+$/i.test(s);
}

/** IN, CH, HS or CS from two character codes, any ASCII case. */
function isClassPair(c0: number, c1: number): boolean {
  // `& ~32` upper-cases an ASCII letter; no other character becomes one of these letters.
  const a = c0 & ~32;
  const b = c1 & ~32;
  return (a === 73 && b === 78) || (a === 67 && (b === 72 || b === 83)) || (a === 72 && b === 83);
}

/** A TTL or class word at `text[a, b)`, decided without a slice for the usual words. */
function isMetaRange(text: string, a: number, b: number): boolean {
  const c = text.charCodeAt(a);
  if (c >= 48 && c <= 57) return isTtl(text.slice(a, b));
  if (b - a === 2) return isClassPair(c, text.charCodeAt(a + 1));
  return b - a > 5 && isClass(text.slice(a, b));
}
export function isType(s: string): boolean {
  const u = s.toUpperCase();
  return RR_TYPES.has(u) || /^TYPE[0-9]+$/.test(u);
}

/**
 * The upper-case type name of a type word, or null when `s` is not a type; a known type is the
 * shared string of RR_TYPES, not a new one per record.
 */
const CANONICAL_TYPE = new Map([...RR_TYPES].map((t) => [t, t]));
function typeName(s: string): string | null {
  const u = s.toUpperCase();
  return CANONICAL_TYPE.get(u) ?? (/^TYPE[0-9]+$/.test(u) ? u : null);
}

/**
 * The type name of the word at `text[a, b)`, or null. Every type name starts with a letter, so
 * other words are decided without a new string; TXT and MX, most of a mail zone, are read from
 * their characters.
 */
function typeOfRange(text: string, a: number, b: number): string | null {
  const c = text.charCodeAt(a) | 32;
  if (!(c >= 97 && c <= 122)) return null;
  if (b - a === 3 && sameAtAnyCase(text, a, 'txt')) return 'TXT';
  if (b - a === 2 && sameAtAnyCase(text, a, 'mx')) return 'MX';
  return typeName(text.slice(a, b));
}

export type RecordValueKind = 'sts' | 'tlsrpt' | 'other';

/** The first offset from `p` that is not a space or tab. */
function skipBlanks(text: string, p: number): number {
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  return p;
}

/**
 * Which record a TXT value is, from its start (any case, so that case errors get reported):
 * `v=sts…` or `v=tlsrpt…` after optional spaces and tabs, in any case, as
 * `/^[ \t]*v[ \t]*=[ \t]*(?:(sts)|tlsrpt)/i` reads it. Read by hand: a lint asks once per
 * TXT record, and the expression's match array each time cost more than the test.
 */
export function recordValueKind(value: string): RecordValueKind {
  let p = skipBlanks(value, 0);
  if ((value.charCodeAt(p) | 32) !== 118 /* v */) return 'other';
  p = skipBlanks(value, p + 1);
  if (value.charCodeAt(p) !== 61 /* = */) return 'other';
  p = skipBlanks(value, p + 1);
  return sameAtAnyCase(value, p, 'sts') ? 'sts' : sameAtAnyCase(value, p, 'tlsrpt') ? 'tlsrpt' : 'other';
}

export interface ZoneRecord {
  readonly entry: ZoneEntry;
  /** Absolute owner name in lower case without the root dot, or relative when no origin is known. */
  readonly owner: string;
  /** The owner as written, or null when inherited from the previous record. */
  readonly ownerToken: ZoneToken | null;
  /** True when the owner was taken from an indented first word (a common paste mistake). */
  readonly indentedOwner: boolean;
  readonly type: string;
  readonly typeToken: ZoneToken;
  readonly rdata: readonly ZoneToken[];
  /** From the first to the last rdata token, or null when there is none (no token objects made). */
  readonly rdataSpan: Span | null;
  /** For TXT records: the joined character-strings. */
  readonly txt: DecodedText | null;
  /** The `$ORIGIN` in force at this record, or null. */
  readonly origin: string | null;
}

export interface ZoneSnippet {
  readonly entry: ZoneEntry;
  readonly txt: DecodedText;
  readonly span: Span;
}

export type ZoneProblemKind = 'no-type' | 'unknown-directive' | 'indented-owner' | 'no-origin';

export interface ZoneProblem {
  readonly kind: ZoneProblemKind;
  readonly span: Span;
  readonly message: string;
}

export interface ZoneModel {
  readonly tree: ZoneSyntax;
  /** Every record as an object, built on first access (and kept). */
  readonly records: readonly ZoneRecord[];
  /** Every bare record-value line as an object, built on first access (and kept). */
  readonly snippets: readonly ZoneSnippet[];
  /** The snippets without objects: how many, and the decoded value (again on each call) and span of snippet `i`. */
  readonly snippetCount: number;
  snippetTxt(i: number): DecodedText;
  snippetSpan(i: number): Span;
  /** Every problem as an object, built on first access (and kept). */
  readonly problems: readonly ZoneProblem[];
  /** The last `$ORIGIN`, if any. */
  readonly origin: string | null;
  /** The records without objects: how many, and the parts of record `i` (see ZoneRecord). */
  readonly recordCount: number;
  recordType(i: number): string;
  recordOwner(i: number): string;
  /** FNV-1a hash of the characters of `recordOwner(i)`, read from the text without making the name when it is ASCII. */
  recordOwnerHash(i: number): number;
  /**
   * True when `recordOwner(i)` starts with the lower-case labels `run` (`_mta-sts`, `_smtp._tls`)
   * followed by a dot or its end, told from the owner as written; false when it does not or when
   * that takes the name itself (non-ASCII in the run, a run completed by the origin).
   */
  recordOwnerStartsWithLabels(i: number, run: string): boolean;
  /**
   * True when records `i` and `j` have their owners written alike (the same characters, under
   * the same origin), so that their names are equal without making them; false says nothing.
   */
  recordOwnersWrittenAlike(i: number, j: number): boolean;
  /** Index of the record's entry in the tree. */
  recordEntry(i: number): number;
  /** Token index of the owner as written, or -1 when inherited. */
  recordOwnerAt(i: number): number;
  /** Token index of the type; the rdata starts after it. */
  recordTypeAt(i: number): number;
  recordIndented(i: number): boolean;
  recordOrigin(i: number): string | null;
  /** For TXT and SPF records, the joined character-strings (decoded again on each call), else null. */
  recordTxt(i: number): DecodedText | null;
  /** The problems without objects: how many, and the kind, span and message of problem `i`. */
  readonly problemCount: number;
  problemKind(i: number): ZoneProblemKind;
  problemSpan(i: number): Span;
  problemMessage(i: number): string;
}

function absolute(name: string, origin: string | null): string {
  const n = name.toLowerCase();
  if (n === '@') return origin ?? '@';
  if (n.endsWith('.')) return n.length > 1 ? n.slice(0, -1) : '';
  // join makes one flat string; a template makes a rope that every later hash or regex flattens.
  return origin ? [n, origin].join('.') : n;
}

const PROBLEM_KINDS: readonly ZoneProblemKind[] = ['no-type', 'unknown-directive', 'indented-owner', 'no-origin'];
const P_NO_TYPE = 0, P_UNKNOWN_DIRECTIVE = 1, P_INDENTED_OWNER = 2, P_NO_ORIGIN = 3;
/** Flag of a no-type problem whose line has no word where the type should be. */
const P_TYPELESS = 4;

// A record is seven numbers in one typed array: its entry, the token of its owner as written
// (-1 when inherited), the token of its type, the token of the owner name in force and the
// origin in force when that owner was written (-1 when there is none: the owner is then the
// origin, or `@`), the origin in force at the record (an index into the origins, or -1), and 1
// when the owner is an indented first word.
const R = 7;
const R_ENTRY = 0, R_OWNER_AT = 1, R_TYPE_AT = 2, R_OWNER_SRC = 3, R_OWNER_ORIGIN = 4, R_ORIGIN = 5, R_INDENTED = 6;

/**
 * Records and problems as numbers, objects on demand: a 1 MiB zone has about 22,000 records,
 * and a record object (with its owner name and decoded TXT value) kept for each was most of
 * what a lint's young-generation GC copied; a file of 100,000 lines that are not records kept a
 * problem object for each, though a lint shows at most 100 of a kind. Owner names and TXT
 * values are made when asked for.
 */
class Model implements ZoneModel {
  private recordList: readonly ZoneRecord[] | null = null;
  private problemList: readonly ZoneProblem[] | null = null;
  private snippetList: readonly ZoneSnippet[] | null = null;
  constructor(
    readonly tree: ZoneSyntax,
    private readonly recs: Int32Array,
    private readonly types: readonly string[],
    private readonly origins: readonly string[],
    /** Two numbers per problem: its kind (with P_TYPELESS) and its token. */
    private readonly probs: Int32Array,
    /** The entry of each snippet. */
    private readonly snips: Int32Array,
    readonly origin: string | null,
  ) {}
  get snippetCount(): number {
    return this.snips.length;
  }
  snippetEntry(i: number): number {
    return this.snips[i]!;
  }
  snippetTxt(i: number): DecodedText {
    const e = this.snips[i]!;
    return decodeTokenRange(this.tree, this.tree.entryFirst(e), this.tree.entryLast(e));
  }
  snippetSpan(i: number): Span {
    const e = this.snips[i]!;
    return this.tree.itemSpan(this.tree.entryFirst(e), this.tree.entryLast(e))!;
  }
  get snippets(): readonly ZoneSnippet[] {
    return (this.snippetList ??= listOf(this.snippetCount, (i) => new Snippet(this, i)));
  }
  get recordCount(): number {
    return this.types.length;
  }
  recordType(i: number): string {
    return this.types[i]!;
  }
  recordEntry(i: number): number {
    return this.recs[i * R + R_ENTRY]!;
  }
  recordOwnerAt(i: number): number {
    return this.recs[i * R + R_OWNER_AT]!;
  }
  recordTypeAt(i: number): number {
    return this.recs[i * R + R_TYPE_AT]!;
  }
  recordIndented(i: number): boolean {
    return this.recs[i * R + R_INDENTED] === 1;
  }
  private originOf(k: number): string | null {
    return k < 0 ? null : this.origins[k]!;
  }
  recordOrigin(i: number): string | null {
    return this.originOf(this.recs[i * R + R_ORIGIN]!);
  }
  recordOwner(i: number): string {
    const src = this.recs[i * R + R_OWNER_SRC]!;
    const origin = this.originOf(this.recs[i * R + R_OWNER_ORIGIN]!);
    if (src < 0) return origin ?? '@';
    const tree = this.tree;
    return absolute(tree.text.slice(tree.tokenStart(src), tree.tokenEnd(src)), origin);
  }
  /**
   * Where the owner of record `i` is written: the end of its token with a final dot left out
   * (the token starts at writtenOwnerStart); -1 for `@` and inherited owners, whose name is the
   * origin string itself. The origin follows the name unless it ends in a dot (writtenOwnerOrigin).
   * Mirrors `absolute()`. Numbers, not an object of the three: asked twice for each record.
   */
  private writtenOwnerEnd(i: number): number {
    const src = this.recs[i * R + R_OWNER_SRC]!;
    if (src < 0) return -1;
    const tree = this.tree;
    const text = tree.text;
    const start = tree.tokenStart(src);
    const end = tree.tokenEnd(src);
    if (end - start === 1 && text.charCodeAt(start) === 64 /* @ */) return -1;
    return text.charCodeAt(end - 1) === 46 /* . */ ? end - 1 : end;
  }
  /** Where the owner written for record `i` starts (when writtenOwnerEnd is not -1). */
  private writtenOwnerStart(i: number): number {
    return this.tree.tokenStart(this.recs[i * R + R_OWNER_SRC]!);
  }
  /** The origin that follows the owner written for record `i`, given its writtenOwnerEnd: null after a final dot. */
  private writtenOwnerOrigin(i: number, end: number): string | null {
    const src = this.recs[i * R + R_OWNER_SRC]!;
    return this.tree.tokenEnd(src) !== end ? null : this.originOf(this.recs[i * R + R_OWNER_ORIGIN]!);
  }
  recordOwnerHash(i: number): number {
    const end = this.writtenOwnerEnd(i);
    // Non-ASCII: toLowerCase decides, so the name itself is hashed.
    const h = end >= 0 ? fnv1aAsciiLower(FNV_OFFSET, this.tree.text, this.writtenOwnerStart(i), end) : null;
    if (h === null) return fnv1a(FNV_OFFSET, this.recordOwner(i));
    const origin = this.writtenOwnerOrigin(i, end);
    return origin ? fnv1a(fnvStep(h, 46 /* . */), origin) : h;
  }
  recordOwnersWrittenAlike(i: number, j: number): boolean {
    const recs = this.recs;
    const a = recs[i * R + R_OWNER_SRC]!;
    const b = recs[j * R + R_OWNER_SRC]!;
    if (a < 0 || b < 0) return false;
    const oa = recs[i * R + R_OWNER_ORIGIN]!;
    const ob = recs[j * R + R_OWNER_ORIGIN]!;
    if (oa !== ob && this.originOf(oa) !== this.originOf(ob)) return false;
    const tree = this.tree;
    const text = tree.text;
    const sa = tree.tokenStart(a), sb = tree.tokenStart(b);
    const n = tree.tokenEnd(a) - sa;
    return tree.tokenEnd(b) - sb === n && sameRun(text, sa, sb, n);
  }
  recordOwnerStartsWithLabels(i: number, run: string): boolean {
    const end = this.writtenOwnerEnd(i);
    if (end < 0) {
      const o = this.recordOwner(i);
      return startsWithLabels(o, 0, o.length, run, false);
    }
    return startsWithLabels(this.tree.text, this.writtenOwnerStart(i), end, run, true);
  }
  recordTxt(i: number): DecodedText | null {
    const type = this.types[i];
    if (type !== 'TXT' && type !== 'SPF') return null;
    return decodeTokenRange(this.tree, this.recs[i * R + R_TYPE_AT]! + 1, this.tree.entryLast(this.recs[i * R + R_ENTRY]!));
  }
  get records(): readonly ZoneRecord[] {
    return (this.recordList ??= listOf(this.recordCount, (i) => new Record(this, i)));
  }
  get problemCount(): number {
    return this.probs.length / 2;
  }
  problemKind(i: number): ZoneProblemKind {
    return PROBLEM_KINDS[this.probs[2 * i]! & 3]!;
  }
  problemSpan(i: number): Span {
    return this.tree.tokenSpan(this.probs[2 * i + 1]!);
  }
  problemMessage(i: number): string {
    const at = this.probs[2 * i + 1]!;
    const word = this.tree.text.slice(this.tree.tokenStart(at), this.tree.tokenEnd(at));
    switch (this.problemKind(i)) {
      case 'unknown-directive': return `\`${word}\` is not a zone-file directive ($ORIGIN, $TTL, $INCLUDE, $GENERATE)`;
      case 'indented-owner': return `\`${word}\` is indented, so a zone-file reader takes it as part of the previous record, not as the owner name; start the line with the owner`;
      case 'no-type': return this.probs[2 * i]! & P_TYPELESS ? 'this record has no type (such as TXT or MX)' : `\`${word.slice(0, 40)}\` is not a record type, so this line is not a valid zone record`;
      case 'no-origin': return 'this record has no owner name and no earlier record to inherit one from';
    }
  }
  get problems(): readonly ZoneProblem[] {
    if (!this.problemList) {
      const list: ZoneProblem[] = [];
      for (let i = 0; i < this.problemCount; i++) list.push({ kind: this.problemKind(i), span: this.problemSpan(i), message: this.problemMessage(i) });
      this.problemList = list;
    }
    return this.problemList;
  }
}

/**
 * Record `i` of a model as an object: owner, type and origin are read when it is made, the
 * rdata tokens and the decoded TXT value on first access (and kept).
 */
class Record implements ZoneRecord {
  readonly owner: string;
  readonly indentedOwner: boolean;
  readonly type: string;
  readonly origin: string | null;
  private rdataList: readonly ZoneToken[] | null = null;
  private decoded: DecodedText | null | undefined = undefined;
  constructor(private readonly model: Model, private readonly index: number) {
    this.owner = model.recordOwner(index);
    this.indentedOwner = model.recordIndented(index);
    this.type = model.recordType(index);
    this.origin = model.recordOrigin(index);
  }
  get entry(): ZoneEntry {
    return this.model.tree.entries[this.model.recordEntry(this.index)]!;
  }
  /** The owner and type tokens are made on access (a new object each time). */
  get ownerToken(): ZoneToken | null {
    const at = this.model.recordOwnerAt(this.index);
    return at < 0 ? null : this.model.tree.tokenAt(at);
  }
  get typeToken(): ZoneToken {
    return this.model.tree.tokenAt(this.model.recordTypeAt(this.index));
  }
  private get rdataEnd(): number {
    return this.model.tree.entryLast(this.model.recordEntry(this.index));
  }
  get rdata(): readonly ZoneToken[] {
    return (this.rdataList ??= this.model.tree.itemsIn(this.model.recordTypeAt(this.index) + 1, this.rdataEnd));
  }
  get rdataSpan(): Span | null {
    return this.model.tree.itemSpan(this.model.recordTypeAt(this.index) + 1, this.rdataEnd);
  }
  get txt(): DecodedText | null {
    if (this.decoded === undefined) this.decoded = this.model.recordTxt(this.index);
    return this.decoded;
  }
  toJSON(): Omit<ZoneRecord, 'rdataSpan'> {
    return { entry: this.entry, owner: this.owner, ownerToken: this.ownerToken, indentedOwner: this.indentedOwner, type: this.type, typeToken: this.typeToken, rdata: this.rdata, txt: this.txt, origin: this.origin };
  }
}

/** Snippet `i` of a model as an object: its entry, value and span on first access (and kept). */
class Snippet implements ZoneSnippet {
  private decoded: DecodedText | null = null;
  private where: Span | null = null;
  constructor(private readonly model: Model, private readonly index: number) {}
  get entry(): ZoneEntry {
    return this.model.tree.entries[this.model.snippetEntry(this.index)]!;
  }
  get txt(): DecodedText {
    return (this.decoded ??= this.model.snippetTxt(this.index));
  }
  get span(): Span {
    return (this.where ??= this.model.snippetSpan(this.index));
  }
  toJSON(): ZoneSnippet {
    return { entry: this.entry, txt: this.txt, span: this.span };
  }
}

/**
 * Problems (two numbers each) are written into an Int32Array kept between calls and copied out at
 * their count: a plain array grown by push to 200,000 numbers (a zone of 100,000 lines with no
 * type) took an eighth of the lint. A scratch grown past SCRATCH_KEPT numbers is let go after a
 * zone with few problems.
 */
let problemScratch = new Int32Array(64);
const SCRATCH_KEPT = 1 << 16;

class ProblemScratch {
  private n = 0;
  push(kind: number, at: number): void {
    if (this.n + 2 > problemScratch.length) {
      const grown = new Int32Array(problemScratch.length * 2);
      grown.set(problemScratch);
      problemScratch = grown;
    }
    problemScratch[this.n++] = kind;
    problemScratch[this.n++] = at;
  }
  finish(): Int32Array {
    const out = problemScratch.slice(0, this.n);
    if (problemScratch.length > SCRATCH_KEPT && this.n <= 64) problemScratch = new Int32Array(64);
    return out;
  }
}

export function zoneModel(tree: ZoneSyntax): ZoneModel {
  const text = tree.text;
  // At most one record per entry: the numbers fit in one array sized for that.
  const recs = new Int32Array(tree.entryCount * R);
  const types: string[] = [];
  const origins: string[] = [];
  const probs = new ProblemScratch();
  const snippets: number[] = [];
  let origin = -1;
  // The owner in force (its token, or -1 for the origin) and the origin when it was written;
  // -2 before the first record.
  let ownerSrc = -2;
  let ownerOrigin = -1;
  // The item tokens of the current entry, as token indexes (no objects), found as needed.
  let cursor = 0;
  let end = 0;
  const nextItem = (): number => {
    while (cursor < end && !tree.isItemAt(cursor)) cursor++;
    return cursor < end ? cursor++ : -1;
  };
  const word = (i: number): string => (i < 0 ? '' : text.slice(tree.tokenStart(i), tree.tokenEnd(i)));
  const isWord = (i: number) => i >= 0 && tree.tokenKind(i) === 'word';
  const isMeta = (i: number) => isWord(i) && isMetaRange(text, tree.tokenStart(i), tree.tokenEnd(i));
  const typeAtOf = (i: number) => (isWord(i) ? typeOfRange(text, tree.tokenStart(i), tree.tokenEnd(i)) : null);
  const isTypeAt = (i: number) => typeAtOf(i) !== null;
  for (let e = 0; e < tree.entryCount; e++) {
    const kind = tree.entryKind(e);
    if (kind === 'blank') continue;
    cursor = tree.entryFirst(e);
    end = tree.entryLast(e);
    if (kind === 'snippet') {
      snippets.push(e);
      continue;
    }
    const item0 = nextItem();
    if (kind === 'directive') {
      const d = word(item0).toUpperCase();
      const item1 = nextItem();
      if (d === '$ORIGIN' && item1 >= 0) {
        origins.push(absolute(word(item1), origin < 0 ? null : origins[origin]!));
        origin = origins.length - 1;
      } else if (d !== '$TTL' && d !== '$INCLUDE' && d !== '$GENERATE' && d !== '$ORIGIN') {
        probs.push(P_UNKNOWN_DIRECTIVE, item0);
      }
      continue;
    }
    let ownerAt = -1;
    let indentedOwner = false;
    let at = item0; // the first item after the owner
    if (tree.entryHasOwner(e)) {
      ownerAt = item0;
      at = nextItem();
    } else if (!isMeta(item0) && !isTypeAt(item0)) {
      const item1 = nextItem();
      if (item1 >= 0 && (isMeta(item1) || isTypeAt(item1))) {
        ownerAt = item0;
        indentedOwner = true;
        probs.push(P_INDENTED_OWNER, ownerAt);
      }
      at = indentedOwner ? item1 : item0;
      if (!indentedOwner) cursor = item0 + 1; // item1 is looked at again below
    }
    // Skip TTL and class in either order.
    while (isMeta(at)) at = nextItem();
    const type = typeAtOf(at);
    if (type === null) {
      probs.push(at < 0 ? P_NO_TYPE | P_TYPELESS : P_NO_TYPE, at >= 0 ? at : item0);
      continue;
    }
    if (ownerAt >= 0) {
      ownerSrc = ownerAt;
      ownerOrigin = origin;
    } else if (ownerSrc === -2) {
      probs.push(P_NO_ORIGIN, at);
      ownerSrc = -1;
      ownerOrigin = origin;
    }
    const r = types.length * R;
    recs[r + R_ENTRY] = e;
    recs[r + R_OWNER_AT] = ownerAt;
    recs[r + R_TYPE_AT] = at;
    recs[r + R_OWNER_SRC] = ownerSrc;
    recs[r + R_OWNER_ORIGIN] = ownerOrigin;
    recs[r + R_ORIGIN] = origin;
    recs[r + R_INDENTED] = indentedOwner ? 1 : 0;
    types.push(type);
  }
  return new Model(tree, recs, types, origins, probs.finish(), Int32Array.from(snippets), origin < 0 ? null : origins[origin]!);
}

export function readZone(text: string): ZoneModel {
  return zoneModel(parseZoneFile(text).tree);
}

/** The labels of an owner name, lower case. */
export function ownerLabels(owner: string): string[] {
  const labels = (/[A-Z]/.test(owner) ? owner.toLowerCase() : owner).split('.');
  return labels.includes('') ? labels.filter((l) => l.length > 0) : labels;
}

/** True when the owner has an empty label (a leading, trailing or doubled dot). */
function hasEmptyLabel(owner: string): boolean {
  return owner.length === 0 || owner.charCodeAt(0) === 46 || owner.charCodeAt(owner.length - 1) === 46 || owner.includes('..');
}

/**
 * True when `run` (lower-case labels joined by dots, e.g. `_smtp._tls`) appears in the owner as
 * whole consecutive labels. Compares strings instead of splitting the owner into labels.
 */
export function ownerHasLabels(owner: string, run: string): boolean {
  // Most owners start with the run (`_mta-sts.example.com`): found without a test or a new string.
  if (startsWithLabels(owner, 0, owner.length, run, false)) return true;
  const o = /[A-Z]/.test(owner) || hasEmptyLabel(owner) ? ownerLabels(owner).join('.') : owner;
  if (!o.includes(run)) return false;
  return o === run || o.startsWith(run + '.') || o.endsWith('.' + run) || o.includes('.' + run + '.');
}

/** The policy domain an `_mta-sts.<domain>` or `_smtp._tls.<domain>` owner belongs to, or null. */
export function policyDomainOfOwner(owner: string): { kind: 'sts' | 'tlsrpt' | 'legacy-tlsrpt'; domain: string } | null {
  if (owner.charCodeAt(0) !== 95 /* _ */ || /[A-Z]/.test(owner) || hasEmptyLabel(owner)) {
    // Every name below starts with an underscore label; the rest takes the general path.
    return owner.includes('_') ? policyDomainOfLabels(ownerLabels(owner)) : null;
  }
  const dot = owner.indexOf('.');
  const first = dot < 0 ? owner : owner.slice(0, dot);
  const rest = dot < 0 ? '' : owner.slice(dot + 1);
  if (first === '_mta-sts') return { kind: 'sts', domain: rest };
  if (first === '_smtp-tlsrpt') return { kind: 'legacy-tlsrpt', domain: rest };
  if (first === '_smtp' && (rest === '_tls' || rest.startsWith('_tls.'))) return { kind: 'tlsrpt', domain: rest.slice(5) };
  return null;
}

export function policyDomainOfLabels(l: readonly string[]): { kind: 'sts' | 'tlsrpt' | 'legacy-tlsrpt'; domain: string } | null {
  if (l[0] === '_mta-sts') return { kind: 'sts', domain: l.slice(1).join('.') };
  if (l[0] === '_smtp' && l[1] === '_tls') return { kind: 'tlsrpt', domain: l.slice(2).join('.') };
  if (l[0] === '_smtp-tlsrpt') return { kind: 'legacy-tlsrpt', domain: l.slice(1).join('.') };
  return null;
}
