// Typed view of zone-file text: records with resolved owner names ($ORIGIN, `@`, relative and
// inherited owners), types, and decoded TXT values; plus bare record-value lines. Pure: core only.
import { decodeTokenRange, isItemKind, parseZoneFile, type DecodedText, type ZoneEntry, type ZoneSyntax, type ZoneToken } from '../syntax/zoneFile';
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
  // Every type name starts with a letter: other words are decided without a new string.
  const c = s.charCodeAt(0) | 32;
  if (!(c >= 97 && c <= 122)) return null;
  const u = s.toUpperCase();
  return CANONICAL_TYPE.get(u) ?? (/^TYPE[0-9]+$/.test(u) ? u : null);
}

export type RecordValueKind = 'sts' | 'tlsrpt' | 'other';

/** Which record a TXT value is, from its start (any case, so that case errors get reported). */
/** `v=sts…` or `v=tlsrpt…` after optional spaces and tabs, in any case. */
const RECORD_VALUE_KIND = /^[ \t]*v[ \t]*=[ \t]*(?:(sts)|tlsrpt)/i;

export function recordValueKind(value: string): RecordValueKind {
  const m = RECORD_VALUE_KIND.exec(value);
  return m ? (m[1] ? 'sts' : 'tlsrpt') : 'other';
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

export interface ZoneProblem {
  readonly kind: 'no-type' | 'unknown-directive' | 'indented-owner' | 'no-origin';
  readonly span: Span;
  readonly message: string;
}

/**
 * A problem as its kind and token; span and message are made on access. A file of 100,000
 * lines that are not records had a span and a message string kept for each, though a lint shows
 * at most 100 of a kind.
 */
class Problem implements ZoneProblem {
  constructor(readonly kind: ZoneProblem['kind'], private readonly tree: ZoneSyntax, private readonly at: number, private readonly typeless = false) {}
  get span(): Span {
    return { start: this.tree.tokenStart(this.at), end: this.tree.tokenEnd(this.at) };
  }
  get message(): string {
    const word = this.tree.text.slice(this.tree.tokenStart(this.at), this.tree.tokenEnd(this.at));
    switch (this.kind) {
      case 'unknown-directive': return `\`${word}\` is not a zone-file directive ($ORIGIN, $TTL, $INCLUDE, $GENERATE)`;
      case 'indented-owner': return `\`${word}\` is indented, so a zone-file reader takes it as part of the previous record, not as the owner name; start the line with the owner`;
      case 'no-type': return this.typeless ? 'this record has no type (such as TXT or MX)' : `\`${word.slice(0, 40)}\` is not a record type, so this line is not a valid zone record`;
      case 'no-origin': return 'this record has no owner name and no earlier record to inherit one from';
    }
  }
  toJSON(): ZoneProblem {
    return { kind: this.kind, span: this.span, message: this.message };
  }
}

export interface ZoneModel {
  readonly tree: ZoneSyntax;
  readonly records: readonly ZoneRecord[];
  readonly snippets: readonly ZoneSnippet[];
  readonly problems: readonly ZoneProblem[];
  /** The last `$ORIGIN`, if any. */
  readonly origin: string | null;
}

function absolute(name: string, origin: string | null): string {
  const n = name.toLowerCase();
  if (n === '@') return origin ?? '@';
  if (n.endsWith('.')) return n.length > 1 ? n.slice(0, -1) : '';
  // join makes one flat string; a template makes a rope that every later hash or regex flattens.
  return origin ? (origin === '' ? n : [n, origin].join('.')) : n;
}

/**
 * A record over the token arrays: the owner and type tokens are objects, the rdata tokens are
 * made on first access. A 1 MiB zone has about 22,000 records; an rdata array and its token
 * objects per record were a large part of what a lint kept alive.
 */
class Record implements ZoneRecord {
  private rdataList: readonly ZoneToken[] | null = null;
  constructor(
    readonly entry: ZoneEntry,
    readonly owner: string,
    /** Token index of the owner, or -1 when inherited. */
    private readonly ownerAt: number,
    readonly indentedOwner: boolean,
    readonly type: string,
    /** Token index of the type; the rdata starts after it. */
    private readonly typeAt: number,
    readonly origin: string | null,
    readonly txt: DecodedText | null,
    private readonly tree: ZoneSyntax,
  ) {}
  /** The owner and type tokens are made on access (a new object each time). */
  get ownerToken(): ZoneToken | null {
    return this.ownerAt < 0 ? null : this.tree.tokenAt(this.ownerAt);
  }
  get typeToken(): ZoneToken {
    return this.tree.tokenAt(this.typeAt);
  }
  get rdata(): readonly ZoneToken[] {
    return (this.rdataList ??= this.tree.itemsIn(this.typeAt + 1, this.entry.last));
  }
  get rdataSpan(): Span | null {
    return this.tree.itemSpan(this.typeAt + 1, this.entry.last);
  }
  toJSON(): Omit<ZoneRecord, 'rdataSpan'> {
    return { entry: this.entry, owner: this.owner, ownerToken: this.ownerToken, indentedOwner: this.indentedOwner, type: this.type, typeToken: this.typeToken, rdata: this.rdata, txt: this.txt, origin: this.origin };
  }
}

export function zoneModel(tree: ZoneSyntax): ZoneModel {
  const text = tree.text;
  const records: ZoneRecord[] = [];
  const snippets: ZoneSnippet[] = [];
  const problems: ZoneProblem[] = [];
  let origin: string | null = null;
  let lastOwner: string | null = null;
  // The item tokens of the current entry, as token indexes (no objects), found as needed.
  let cursor = 0;
  let end = 0;
  const nextItem = (): number => {
    while (cursor < end && !isItemKind(tree.tokenKind(cursor))) cursor++;
    return cursor < end ? cursor++ : -1;
  };
  const word = (i: number): string => (i < 0 ? '' : text.slice(tree.tokenStart(i), tree.tokenEnd(i)));
  const isMeta = (i: number) => i >= 0 && tree.tokenKind(i) === 'word' && isMetaRange(text, tree.tokenStart(i), tree.tokenEnd(i));
  const typeAtOf = (i: number) => (i >= 0 && tree.tokenKind(i) === 'word' ? typeName(word(i)) : null);
  const isTypeAt = (i: number) => typeAtOf(i) !== null;
  for (const entry of tree.entries) {
    if (entry.kind === 'blank') continue;
    cursor = entry.first;
    end = entry.last;
    if (entry.kind === 'snippet') {
      const txt = decodeTokenRange(tree, entry.first, entry.last);
      snippets.push({ entry, txt, span: tree.itemSpan(entry.first, entry.last)! });
      continue;
    }
    const item0 = nextItem();
    if (entry.kind === 'directive') {
      const d = word(item0).toUpperCase();
      const item1 = nextItem();
      if (d === '$ORIGIN' && item1 >= 0) {
        origin = absolute(word(item1), origin);
      } else if (d !== '$TTL' && d !== '$INCLUDE' && d !== '$GENERATE' && d !== '$ORIGIN') {
        problems.push(new Problem('unknown-directive', tree, item0));
      }
      continue;
    }
    let owner: string | null = lastOwner;
    let ownerAt = -1;
    let indentedOwner = false;
    let at = item0; // the first item after the owner
    if (entry.hasOwner) {
      ownerAt = item0;
      at = nextItem();
    } else if (!isMeta(item0) && !isTypeAt(item0)) {
      const item1 = nextItem();
      if (item1 >= 0 && (isMeta(item1) || isTypeAt(item1))) {
        ownerAt = item0;
        indentedOwner = true;
        problems.push(new Problem('indented-owner', tree, ownerAt));
      }
      at = indentedOwner ? item1 : item0;
      if (!indentedOwner) cursor = item0 + 1; // item1 is looked at again below
    }
    // Skip TTL and class in either order.
    while (isMeta(at)) at = nextItem();
    const typeAt = at;
    const type = typeAtOf(typeAt);
    if (type === null) {
      problems.push(new Problem('no-type', tree, typeAt >= 0 ? typeAt : item0, typeAt < 0));
      continue;
    }
    // The owner name is made only for a record (a line without a type needs none).
    if (ownerAt >= 0) owner = absolute(word(ownerAt), origin);
    if (owner === null) {
      problems.push(new Problem('no-origin', tree, typeAt));
      owner = origin ?? '@';
    }
    lastOwner = owner;
    const txt = type === 'TXT' || type === 'SPF' ? decodeTokenRange(tree, typeAt + 1, entry.last) : null;
    records.push(new Record(entry, owner, ownerAt, indentedOwner, type, typeAt, origin, txt, tree));
  }
  return { tree, records, snippets, problems, origin };
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
