// Rules on zone files: syntax, the owners of MTA-STS and TLS-RPT records, duplicates at one
// owner, character-string limits, and `;` comments that cut unquoted records. Pure: core only.
import type { ZoneModel } from '../model/zone';
import { ownerHasLabels, policyDomainOfOwner, recordValueKind } from '../model/zone';
import type { DecodedText, ZoneSyntaxError } from '../syntax/zoneFile';
import { sameAt } from '../text/chars';
import { FirstSeen } from '../text/firstSeen';
import type { Span } from '../text/span';
import { lines, rule } from './define';
import type { DiagnosticSink } from './types';

const Z = (...l: string[]) => lines('$ORIGIN example.com.', ...l);
const STS = '_mta-sts  3600 IN TXT "v=STSv1; id=20240101T000000"';
const RPT = '_smtp._tls 3600 IN TXT "v=TLSRPTv1; rua=mailto:tls@example.com"';

export const zoneSyntax = rule({
  code: 'ZON100', name: 'zone-syntax', severity: 'error',
  summary: 'A line that is not valid zone-file syntax.',
  docs: { checks: 'Unterminated strings, unbalanced parentheses, unknown directives and record lines without a known type.', why: 'A zone that does not load publishes none of its records, or not the ones you meant.', fix: 'Correct the line as the message says; check it with `named-checkzone`.', reference: 'RFC 1035 §5' },
  examples: { kind: 'zone', bad: [Z('_mta-sts TXT "v=STSv1; id=1'), Z('_mta-sts ( TXT "v=STSv1; id=1"'), Z('_mta-sts TXTT "v=STSv1; id=1"')], good: [Z(STS)] },
});
export const hashComment = rule({
  code: 'ZON101', name: 'hash-comment', severity: 'error',
  summary: 'A `#` comment in a zone file.',
  docs: { checks: 'Words that start with `#`.', why: 'Zone files comment with `;`; `#` text becomes part of a record or breaks the zone.', fix: 'Use `;` for comments.', reference: 'RFC 1035 §5.1' },
  examples: { kind: 'zone', bad: [Z('# MTA-STS', STS)], good: [Z('; MTA-STS', STS)] },
});
export const indentedOwner = rule({
  code: 'ZON102', name: 'indented-owner', severity: 'warning',
  summary: 'An owner name on an indented line.',
  docs: { checks: 'Indented lines whose first word looks like an owner name.', why: 'A line that starts with whitespace has no owner: it continues the previous owner, so `_mta-sts` becomes data and the record lands elsewhere.', fix: 'Start the line with the owner name, in the first column.', reference: 'RFC 1035 §5.1' },
  examples: { kind: 'zone', bad: [Z('   ' + STS)], good: [Z(STS)] },
});
export const duplicateStsRecord = rule({
  code: 'ZON103', name: 'duplicate-sts-record', severity: 'error',
  summary: 'More than one `v=STSv1` record at one name.',
  docs: { checks: 'Owners with two or more MTA-STS TXT records.', why: 'Senders that find more than one `v=STSv1` record act as if the domain had no policy at all.', fix: 'Keep exactly one record; when you change the policy, replace the id in place.', reference: 'RFC 8461 §3.1' },
  examples: { kind: 'zone', bad: [Z(STS, '_mta-sts 3600 IN TXT "v=STSv1; id=2"')], good: [Z(STS, '_mta-sts 3600 IN TXT "google-site-verification=x"')] },
});
export const duplicateTlsrptRecord = rule({
  code: 'ZON104', name: 'duplicate-tlsrpt-record', severity: 'error',
  summary: 'More than one `v=TLSRPTv1` record at one name.',
  docs: { checks: 'Owners with two or more TLS-RPT TXT records.', why: 'Reporters that find more than one record treat the domain as not using TLS-RPT: no reports are sent.', fix: 'Merge them into one record; list several URIs in one `rua=` separated by commas.', reference: 'RFC 8460 §3' },
  examples: { kind: 'zone', bad: [Z(RPT, '_smtp._tls 3600 IN TXT "v=TLSRPTv1; rua=mailto:b@example.com"')], good: [Z(RPT)] },
});
export const stsWrongOwner = rule({
  code: 'ZON105', name: 'sts-record-wrong-owner', severity: 'error',
  summary: 'An MTA-STS record at a name other than `_mta-sts.<domain>`.',
  docs: { checks: 'TXT records beginning `v=STSv1` whose owner has no `_mta-sts` label (for example at the zone apex).', why: 'Senders look only at `_mta-sts.<domain>`; a record anywhere else is never found.', fix: 'Publish the record at `_mta-sts.<domain>`.', reference: 'RFC 8461 §3.1' },
  examples: { kind: 'zone', bad: [Z('@ 3600 IN TXT "v=STSv1; id=1"')], good: [Z(STS)] },
});
export const tlsrptWrongOwner = rule({
  code: 'ZON106', name: 'tlsrpt-record-wrong-owner', severity: 'error',
  summary: 'A TLS-RPT record at a name other than `_smtp._tls.<domain>`.',
  docs: { checks: 'TXT records beginning `v=TLSRPTv1` whose owner lacks the `_smtp._tls` labels.', why: 'Reporters look only at `_smtp._tls.<domain>`; a record anywhere else is never found.', fix: 'Publish the record at `_smtp._tls.<domain>`.', reference: 'RFC 8460 §3' },
  examples: { kind: 'zone', bad: [Z('_mta-sts 3600 IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"')], good: [Z(RPT)] },
});
export const legacyTlsrptOwner = rule({
  code: 'ZON107', name: 'legacy-tlsrpt-owner', severity: 'warning',
  summary: 'A TLS-RPT record at the draft-era name `_smtp-tlsrpt`.',
  docs: { checks: 'Records at `_smtp-tlsrpt.<domain>`.', why: 'Early drafts used this name; RFC 8460 reporters look at `_smtp._tls.<domain>` only.', fix: 'Publish the record at `_smtp._tls.<domain>` and remove the old one.', reference: 'RFC 8460 §3' },
  examples: { kind: 'zone', bad: [Z('_smtp-tlsrpt 3600 IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"')], good: [Z(RPT)] },
});
export const txtStringTooLong = rule({
  code: 'ZON108', name: 'txt-string-too-long', severity: 'error',
  summary: 'A TXT character-string longer than 255 octets.',
  docs: { checks: 'Each quoted (or bare) string of a TXT record.', why: 'A DNS character-string holds at most 255 octets; the zone fails to load or the provider truncates the record.', fix: 'Split the value into several quoted strings, which are joined without separator: `"v=STSv1; " "id=…"`.', reference: 'RFC 1035 §3.3' },
  examples: { kind: 'zone', bad: [Z(`@ IN TXT "${'x'.repeat(256)}"`)], good: [Z(`@ IN TXT "${'x'.repeat(255)}" "${'y'.repeat(10)}"`)] },
});
export const unquotedSemicolon = rule({
  code: 'ZON109', name: 'unquoted-semicolon', severity: 'error',
  summary: 'An unquoted TXT value cut short by `;`, which starts a comment.',
  docs: { checks: 'Unquoted MTA-STS or TLS-RPT values followed by a `;` comment on the same line.', why: 'In a zone file `;` starts a comment, so `v=STSv1; id=1` unquoted is published as just `v=STSv1`.', fix: 'Quote the whole value: `"v=STSv1; id=1"`.', reference: 'RFC 1035 §5.1' },
  examples: { kind: 'zone', bad: [Z('_mta-sts 3600 IN TXT v=STSv1; id=1')], good: [Z(STS)] },
});
export const tlsaAtTlsrpt = rule({
  code: 'ZON110', name: 'tlsa-at-tlsrpt-owner', severity: 'warning',
  summary: 'A TLSA record at `_smtp._tls`.',
  docs: { checks: 'TLSA records whose owner is `_smtp._tls.<domain>`.', why: '`_smtp._tls` is the TLS-RPT name; DANE for SMTP looks up TLSA at `_25._tcp.<mx host>`, so this record is never used.', fix: 'Publish TLSA at `_25._tcp.<each MX host>`.', reference: 'RFC 7672 §2.2, RFC 8460 §3' },
  examples: { kind: 'zone', bad: [Z('_smtp._tls IN TLSA 3 1 1 abcd')], good: [Z('_25._tcp.mx IN TLSA 3 1 1 abcd')] },
});

export const ownerRepeatsOrigin = rule({
  code: 'ZON111', name: 'owner-repeats-origin', severity: 'warning',
  summary: 'A relative owner name that repeats the origin (missing final dot).',
  docs: { checks: 'Owner names without a final dot that end with the current `$ORIGIN`.', why: 'A name without a final dot is relative: `_mta-sts.example.com` under `$ORIGIN example.com.` names `_mta-sts.example.com.example.com`, where no sender looks.', fix: 'Add the final dot (`_mta-sts.example.com.`) or write the name relative to the origin (`_mta-sts`).', reference: 'RFC 1035 §5.1' },
  examples: { kind: 'zone', bad: [Z('_mta-sts.example.com 3600 IN TXT "v=STSv1; id=1"')], good: [Z('_mta-sts.example.com. 3600 IN TXT "v=STSv1; id=1"'), Z(STS)] },
});

const SOA = '@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 3600';
export const policyHostMissing = rule({
  code: 'ZON112', name: 'policy-host-missing', severity: 'warning',
  summary: 'An MTA-STS record whose policy host `mta-sts.<domain>` has no address in the zone.',
  docs: {
    checks: 'In a whole zone (a file with an SOA record), each `_mta-sts.<domain>` record against the records of `mta-sts.<domain>`: it needs an A, AAAA or CNAME record there, or a wildcard at `*.<domain>` that covers the name. Files with `$INCLUDE` or `$GENERATE`, and domains below an NS delegation, are left out: their records may be elsewhere.',
    why: 'Senders that find the TXT record fetch the policy from `https://mta-sts.<domain>/.well-known/mta-sts.txt`. With no address for that host the fetch fails, and they deliver as if the domain had no MTA-STS policy (RFC 8461 §3.3, §5).',
    fix: 'Add an A or AAAA record for `mta-sts`, or a CNAME to the host that serves the policy; or remove the TXT record.',
    reference: 'RFC 8461 §3.2, §3.3',
  },
  examples: { kind: 'zone', bad: [Z(SOA, STS), Z(SOA, STS, 'mta-sts 3600 IN TXT "hello"')], good: [Z(SOA, STS, 'mta-sts 3600 IN CNAME policy.example.net.'), Z(SOA, STS, '* 3600 IN A 192.0.2.1'), Z(STS)] },
});

export const cnameAndOtherData = rule({
  code: 'ZON113', name: 'cname-and-other-data', severity: 'error',
  summary: 'A CNAME beside other records (or a second CNAME) at an MTA-STS or TLS-RPT name.',
  docs: {
    checks: 'At `_mta-sts.<domain>`, `_smtp._tls.<domain>` and `mta-sts.<domain>`: a CNAME record together with records of other types (DNSSEC records aside), or two CNAME records at one name.',
    why: 'A name with a CNAME can hold no other data (RFC 1034 §3.6.2, RFC 2181 §10.1). Name servers refuse to load such a zone, or answer with the CNAME alone, so the TXT record next to it is not what senders see. It happens when a domain delegates MTA-STS to a provider by CNAME (RFC 8461 §8.2) and the old TXT record stays.',
    fix: 'Keep either the CNAME (delegation) or the records, not both; keep one CNAME per name.',
    reference: 'RFC 1034 §3.6.2, RFC 2181 §10.1, RFC 8461 §8.2',
  },
  examples: { kind: 'zone', bad: [Z('_mta-sts 3600 IN CNAME _mta-sts.provider.example.', STS), Z('mta-sts 3600 IN CNAME a.example.net.', 'mta-sts 3600 IN CNAME b.example.net.')], good: [Z('_mta-sts 3600 IN CNAME _mta-sts.provider.example.'), Z(STS, 'mta-sts 3600 IN CNAME policy.example.net.')] },
});

export const ZONE_RULES = [ownerRepeatsOrigin, zoneSyntax, hashComment, indentedOwner, duplicateStsRecord, duplicateTlsrptRecord, stsWrongOwner, tlsrptWrongOwner, legacyTlsrptOwner, txtStringTooLong, unquotedSemicolon, tlsaAtTlsrpt, policyHostMissing, cnameAndOtherData];

export function checkZoneSyntax(errors: readonly ZoneSyntaxError[], model: ZoneModel, sink: DiagnosticSink): void {
  for (const e of errors) {
    const r = e.kind === 'hash-comment' ? hashComment : zoneSyntax;
    if (sink.room(r)) sink.report(r, e.span, e.message);
  }
  for (let i = 0; i < model.problemCount; i++) {
    const r = model.problemKind(i) === 'indented-owner' ? indentedOwner : zoneSyntax;
    if (sink.room(r)) sink.report(r, model.problemSpan(i), model.problemMessage(i)); // past the cap, not even the message is made
  }
}

/**
 * Lints a TXT value as a record of `kind`; `fallback(at)` gives where an empty value's findings
 * go (asked for only then). One function and an index, not a closure made for every record.
 */
export type ValueLinter = (txt: DecodedText, kind: 'sts' | 'tlsrpt', fallback: (at: number) => Span, at: number) => void;

/** A lone TXT at `_mta-sts` or `_smtp._tls` that does not start like its record but has its tags. */
const LOOKS_LIKE_RECORD = /(^|;)\s*(v|id|rua)\s*=/i;

/**
 * The record rules, over the model's records by index: each TXT value is decoded once, linted
 * with `lintValue` when it is an MTA-STS or TLS-RPT record, and dropped (no record objects).
 * A TXT record that is neither but is the only TXT of its kind at `_mta-sts` or `_smtp._tls` is
 * what senders would read, so it is linted too, after the others.
 */
export function checkZoneRecords(model: ZoneModel, sink: DiagnosticSink, lintValue: ValueLinter): void {
  const tree = model.tree;
  // The first counted record per owner (its index), one map per record kind.
  // Two variables, not an object indexed by the kind (a keyed load on every record).
  const firstSts = new FirstOwner(model);
  const firstTlsrpt = new FirstOwner(model);
  /** Record index and kind (0 sts, 1 tlsrpt), two numbers each. */
  let others: number[] | null = null;
  /** The CNAME records, by index (few in any zone). */
  let cnames: number[] | null = null;
  /** Whether the file is a whole zone (it has an SOA record). */
  let wholeZone = false;

  const checkRecord = (i: number, d: DecodedText, kind: 'sts' | 'tlsrpt') => {
    const typeAt = model.recordTypeAt(i);
    // The usual owner starts with its record's labels (`_mta-sts.…`): then it is neither wrong nor
    // the legacy TLS-RPT name, told without making its name.
    if (!model.recordOwnerStartsWithLabels(i, kind === 'sts' ? '_mta-sts' : '_smtp._tls')) checkOwnerName(i, kind);
    // Senders count only records that begin with the literal prefix (RFC 8461 §3.1, RFC 8460 §3).
    const counted = sameAt(d.value, 0, kind === 'sts' ? 'v=STSv1;' : 'v=TLSRPTv1;');
    const prev = counted ? (kind === 'sts' ? firstSts : firstTlsrpt).firstOrAdd(i) : -1;
    if (!counted) {
      // Not counted by senders; its own lint explains why.
    } else if (prev >= 0) {
      const owner = model.recordOwner(i);
      const rr = kind === 'sts' ? duplicateStsRecord : duplicateTlsrptRecord;
      const what = kind === 'sts' ? 'senders then act as if the domain had no MTA-STS policy' : 'reporters then treat the domain as not using TLS-RPT';
      sink.report(rr, tree.tokenSpan(typeAt), `\`${owner}\` has more than one ${kind === 'sts' ? '`v=STSv1`' : '`v=TLSRPTv1`'} record; ${what}`, { related: [{ span: tree.tokenSpan(model.recordTypeAt(prev)), message: 'the other record' }] });
    }
    // An unquoted value cut by a `;` comment on the same entry.
    const entry = model.recordEntry(i);
    if (tree.entryHasComment(entry)) checkCutValue(model, i, d, sink);
    lintValue(d, kind, valueSpan, i);
  };

  /** Where record `i`'s value is written (its type when it has none). */
  const valueSpan = (i: number) => {
    const typeAt = model.recordTypeAt(i);
    return tree.itemSpan(typeAt + 1, tree.entryLast(model.recordEntry(i))) ?? tree.tokenSpan(typeAt);
  };

  /** Record `i`'s owner against the names its kind is looked up at. */
  const checkOwnerName = (i: number, kind: 'sts' | 'tlsrpt') => {
    const owner = model.recordOwner(i);
    const ownerAt = model.recordOwnerAt(i);
    const where = ownerAt >= 0 ? ownerAt : model.recordTypeAt(i);
    const pd = kind === 'tlsrpt' ? policyDomainOfOwner(owner) : null;
    if (kind === 'sts' && !ownerHasLabels(owner, '_mta-sts')) {
      sink.report(stsWrongOwner, tree.tokenSpan(where), `an MTA-STS record at \`${owner}\` is never found: senders look it up at \`_mta-sts.<domain>\``);
    } else if (kind === 'tlsrpt' && pd?.kind === 'legacy-tlsrpt') {
      sink.report(legacyTlsrptOwner, tree.tokenSpan(where), `\`_smtp-tlsrpt\` is the draft-era name; RFC 8460 reporters look up \`_smtp._tls.${pd.domain}\``);
    } else if (kind === 'tlsrpt' && !ownerHasLabels(owner, '_smtp._tls')) {
      sink.report(tlsrptWrongOwner, tree.tokenSpan(where), `a TLS-RPT record at \`${owner}\` is never found: reporters look it up at \`_smtp._tls.<domain>\``);
    }
  };

  for (let i = 0; i < model.recordCount; i++) {
    checkOwnerRepeatsOrigin(model, i, sink);
    const type = model.recordType(i);
    if (type === 'TXT' || type === 'SPF') {
      const d = model.recordTxt(i)!;
      if (d.longStrings.length) for (const s of d.longStrings) sink.report(txtStringTooLong, s.span, `this character-string is ${s.octets} octets long; each string of a TXT record holds at most 255, so split it into several quoted strings`);
      if (type === 'SPF') continue;
      const k = recordValueKind(d.value);
      if (k !== 'other') {
        checkRecord(i, d, k);
        continue;
      }
      const pd = policyDomainOfOwner(model.recordOwner(i));
      if (pd && pd.kind !== 'legacy-tlsrpt' && LOOKS_LIKE_RECORD.test(d.value)) (others ??= []).push(i, pd.kind === 'sts' ? 0 : 1);
    } else if (type === 'TLSA' && policyDomainOfOwner(model.recordOwner(i))?.kind === 'tlsrpt') {
      sink.report(tlsaAtTlsrpt, tree.tokenSpan(model.recordTypeAt(i)), '`_smtp._tls` is the TLS-RPT name; SMTP DANE looks for TLSA records at `_25._tcp.<mx host>`');
    } else if (type === 'CNAME') (cnames ??= []).push(i);
    else if (type === 'SOA') wholeZone = true;
  }
  if (wholeZone) checkPolicyHosts(model, firstSts.firsts(), sink);
  if (cnames) checkCnames(model, cnames, sink);
  if (others) {
    // Rare: the owners and kinds of the records that matched, read again.
    const byOwnerKind = new Set<string>();
    for (let i = 0; i < model.recordCount; i++) {
      const k = model.recordType(i) === 'TXT' ? recordValueKind(model.recordTxt(i)!.value) : 'other';
      if (k !== 'other') byOwnerKind.add(`${model.recordOwner(i)}|${k === 'sts' ? 0 : 1}`);
    }
    for (let k = 0; k < others.length; k += 2) {
      const i = others[k]!;
      if (!byOwnerKind.has(`${model.recordOwner(i)}|${others[k + 1]}`)) checkRecord(i, model.recordTxt(i)!, others[k + 1] === 0 ? 'sts' : 'tlsrpt');
    }
  }
  firstSts.release();
  firstTlsrpt.release();
}

/**
 * The first record of each owner, by the hash of the owner as written (ZoneModel.recordOwnerHash):
 * an owner's name is made only when its hash meets an equal one (a duplicate, or a rare
 * collision). Making every owner's name for a Map took about a quarter of a 1 MiB zone's lint.
 */
class FirstOwner {
  private readonly seen: FirstSeen;
  /** Owner names made so far, by record (a duplicate's first record is compared again and again). */
  private readonly names = new Map<number, string>();
  private current = -1;
  /** Owners written alike are equal without their names (a zone that repeats one owner compares every record). */
  private readonly sameAsCurrent = (first: number) => this.model.recordOwnersWrittenAlike(first, this.current) || this.nameOf(first) === this.model.recordOwner(this.current);
  constructor(private readonly model: ZoneModel) {
    // Sized for half the records (it grows if more come): the records of a zone are split
    // between the two tables, and a table for all of them was 512 KiB each on a 1 MiB zone.
    this.seen = new FirstSeen(model.recordCount >> 1);
  }
  private nameOf(i: number): string {
    let n = this.names.get(i);
    if (n === undefined) this.names.set(i, (n = this.model.recordOwner(i)));
    return n;
  }
  /** The first record with record `i`'s owner; when there is none, `i` is stored and -1 returned. */
  firstOrAdd(i: number): number {
    this.current = i;
    return this.seen.firstOrAdd(this.model.recordOwnerHash(i), i, this.sameAsCurrent);
  }
  /** The first record of each owner, in order. */
  firsts(): number[] {
    return this.seen.stored();
  }
  /** Ends the table's use (its arrays go to the next lint's tables). */
  release(): void {
    this.seen.release();
  }
}

/** ZON109: an unquoted value cut short by a `;` comment on its line. */
function checkCutValue(model: ZoneModel, i: number, d: DecodedText, sink: DiagnosticSink): void {
  const tree = model.tree;
  const text = tree.text;
  const entry = model.recordEntry(i);
  const last = tree.entryLast(entry);
  let comment = -1;
  for (let t = tree.entryFirst(entry); t < last && comment < 0; t++) if (tree.tokenKind(t) === 'comment') comment = t;
  if (comment < 0) return;
  const rdata = tree.itemsIn(model.recordTypeAt(i) + 1, last);
  const c = tree.tokenSpan(comment);
  if (rdata.length > 0 && rdata.every((t) => t.kind === 'word') && /^;\s*[A-Za-z0-9_.-]+=/.test(text.slice(c.start, c.end))) {
    const from = rdata[0]!.start;
    sink.report(unquotedSemicolon, c, `\`;\` starts a comment in a zone file, so this record is published as \`${d.value}\`; quote the whole value`, {
      suggestion: { title: 'Quote the value', edits: [{ span: { start: from, end: c.end }, newText: `"${text.slice(from, c.end).replace(/[ \t]+$/, '').replace(/"/g, '\\"')}"` }] },
    });
  }
}

/**
 * ZON111: a relative owner that repeats the origin. Only an owner that ends like the origin can
 * repeat it; most do not, and are not sliced (compared without case for an ASCII last character,
 * else left to the full test).
 */
function checkOwnerRepeatsOrigin(model: ZoneModel, i: number, sink: DiagnosticSink): void {
  const origin = model.recordOrigin(i);
  const at = origin && !model.recordIndented(i) ? model.recordOwnerAt(i) : -1;
  if (at < 0 || !origin) return;
  const tree = model.tree;
  const start = tree.tokenStart(at);
  const end = tree.tokenEnd(at);
  const last = tree.text.charCodeAt(end - 1);
  if (end - start < origin.length || !(last > 127 || (last | 32) === (origin.charCodeAt(origin.length - 1) | 32))) return;
  const written = tree.text.slice(start, end).toLowerCase();
  if (!written.endsWith('.') && written !== '@' && isAtOrBelow(written, origin)) {
    sink.report(ownerRepeatsOrigin, { start, end }, `\`${written}\` has no final dot, so it is relative to \`$ORIGIN ${origin}.\` and names \`${model.recordOwner(i)}\`; add the final dot or drop the origin`, {
      suggestion: { title: 'Add the final dot', edits: [{ span: { start: end, end }, newText: '.' }] },
    });
  }
}

/** `name` is `zone` or a name below it (names as the model gives them, `''` for the apex of a file without origin). */
function isAtOrBelow(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`);
}

/**
 * The policy host of each MTA-STS record of a whole zone (ZON112): `mta-sts.<domain>` needs an A,
 * AAAA or CNAME record, or a wildcard that covers it (a wildcard does not cover a name that has
 * records, or names below it). `stsRecords`: the first counted record of each owner. Run only
 * for a file with an SOA record, so the owner names are made here, not in the loop every zone
 * runs.
 */
function checkPolicyHosts(model: ZoneModel, stsRecords: readonly number[], sink: DiagnosticSink): void {
  if (stsRecords.length === 0) return;
  const tree = model.tree;
  if (/^[ \t]*\$(INCLUDE|GENERATE)\b/im.test(tree.text)) return;
  const nameOf = (i: number) => {
    const o = model.recordOwner(i);
    return o === '@' ? '' : o;
  };
  const apexes: string[] = [];
  const cuts: string[] = [];
  const addressed = new Set<string>();
  /** Every owner, and every name above an owner that holds `mta-sts` (an empty non-terminal exists too). */
  const existing = new Set<string>();
  for (let i = 0; i < model.recordCount; i++) {
    const o = nameOf(i);
    const t = model.recordType(i);
    existing.add(o);
    if (o.includes('mta-sts')) for (let d = o.indexOf('.'); d >= 0; d = o.indexOf('.', d + 1)) existing.add(o.slice(d + 1));
    if (t === 'SOA') apexes.push(o);
    else if (t === 'NS') cuts.push(o);
    else if (t === 'A' || t === 'AAAA' || t === 'CNAME') addressed.add(o);
  }
  for (const i of stsRecords) {
    const pd = policyDomainOfOwner(nameOf(i));
    if (!pd || pd.kind !== 'sts') continue;
    const domain = pd.domain;
    const host = domain ? `mta-sts.${domain}` : 'mta-sts';
    const apex = apexes.find((a) => isAtOrBelow(domain, a));
    // Not this zone's name, or delegated below its apex: the host's records are not here.
    if (apex === undefined || cuts.some((c) => c !== apex && isAtOrBelow(host, c) && isAtOrBelow(c, apex))) continue;
    if (addressed.has(host)) continue;
    const wildcard = addressed.has(domain ? `*.${domain}` : '*');
    if (wildcard && !existing.has(host)) continue;
    if (!sink.room(policyHostMissing)) continue;
    const ownerAt = model.recordOwnerAt(i);
    const shown = domain ? `mta-sts.${domain}` : 'mta-sts.<domain>';
    sink.report(policyHostMissing, tree.tokenSpan(ownerAt >= 0 ? ownerAt : model.recordTypeAt(i)), `this zone has no A, AAAA or CNAME record for \`${shown}\`${wildcard ? ' (the wildcard does not cover it: the name has records of its own, or names below it have)' : ''}: senders that find this record fetch the policy from https://${shown}/.well-known/mta-sts.txt, fail, and deliver as if the domain had no MTA-STS policy`);
  }
}

/** The names ZON113 looks at, as their first labels. */
const CNAME_CHECKED = ['_mta-sts', '_smtp._tls', 'mta-sts'];
/** Types that sit beside a CNAME by design (RFC 4035 §2.5, RFC 5155). */
const BESIDE_CNAME = new Set(['RRSIG', 'NSEC', 'NSEC3', 'KEY']);

/** `a TXT`, `an MX`: the article for a type name read letter by letter. */
function withArticle(type: string): string {
  return `${/^[AEFHILMNORSX]/.test(type) ? 'an' : 'a'} ${type}`;
}

function isCnameChecked(model: ZoneModel, i: number): boolean {
  for (const run of CNAME_CHECKED) if (model.recordOwnerStartsWithLabels(i, run)) return true;
  return false;
}

/**
 * ZON113: a CNAME at an MTA-STS or TLS-RPT name with other data, or a second CNAME there. Owner
 * names are made only for the CNAMEs and, when one of them is at such a name, for the records at
 * names that start like one.
 */
function checkCnames(model: ZoneModel, cnames: readonly number[], sink: DiagnosticSink): void {
  const tree = model.tree;
  const first = new Map<string, number>();
  for (const i of cnames) {
    if (!isCnameChecked(model, i)) continue;
    const owner = model.recordOwner(i);
    const at = first.get(owner);
    if (at === undefined) first.set(owner, i);
    else if (sink.room(cnameAndOtherData)) sink.report(cnameAndOtherData, tree.tokenSpan(model.recordTypeAt(i)), `\`${owner}\` has a second CNAME record; a name holds at most one, so which of them resolvers follow is not defined`, { related: [{ span: tree.tokenSpan(model.recordTypeAt(at)), message: 'the first CNAME' }] });
  }
  if (first.size === 0) return;
  const reported = new Set<string>();
  for (let i = 0; i < model.recordCount; i++) {
    const type = model.recordType(i);
    if (type === 'CNAME' || BESIDE_CNAME.has(type) || !isCnameChecked(model, i)) continue;
    const owner = model.recordOwner(i);
    const cname = first.get(owner);
    if (cname === undefined || reported.has(owner)) continue;
    reported.add(owner);
    if (sink.room(cnameAndOtherData)) sink.report(cnameAndOtherData, tree.tokenSpan(model.recordTypeAt(cname)), `\`${owner}\` has a CNAME and ${withArticle(type)} record; a name with a CNAME holds no other data, so name servers refuse the zone or answer with the CNAME alone and the ${type} record is not seen`, { related: [{ span: tree.tokenSpan(model.recordTypeAt(i)), message: `the ${type} record` }] });
  }
}
