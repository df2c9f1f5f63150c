// Rules on zone files: syntax, the owners of MTA-STS and TLS-RPT records, duplicates at one
// owner, character-string limits, and `;` comments that cut unquoted records. Pure: core only.
import type { ZoneModel, ZoneRecord } from '../model/zone';
import { ownerHasLabels, policyDomainOfOwner, recordValueKind } from '../model/zone';
import type { ZoneSyntaxError } from '../syntax/zoneFile';
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

export const ZONE_RULES = [ownerRepeatsOrigin, zoneSyntax, hashComment, indentedOwner, duplicateStsRecord, duplicateTlsrptRecord, stsWrongOwner, tlsrptWrongOwner, legacyTlsrptOwner, txtStringTooLong, unquotedSemicolon, tlsaAtTlsrpt];

export function checkZoneSyntax(errors: readonly ZoneSyntaxError[], model: ZoneModel, sink: DiagnosticSink): void {
  for (const e of errors) {
    const r = e.kind === 'hash-comment' ? hashComment : zoneSyntax;
    if (sink.room(r)) sink.report(r, e.span, e.message);
  }
  for (const p of model.problems) {
    const r = p.kind === 'indented-owner' ? indentedOwner : zoneSyntax;
    if (sink.room(r)) sink.report(r, p.span, p.message); // past the cap, not even the message is made
  }
}

/** The TXT records of a zone, classified, with the record kind each should be linted as. */
export interface ClassifiedTxt {
  readonly record: ZoneRecord;
  readonly kind: 'sts' | 'tlsrpt';
}

export function classifyTxt(model: ZoneModel): ClassifiedTxt[] {
  const out: ClassifiedTxt[] = [];
  const others: ZoneRecord[] = [];
  for (const r of model.records) {
    if (r.type !== 'TXT' || !r.txt) continue;
    const k = recordValueKind(r.txt.value);
    if (k !== 'other') out.push({ record: r, kind: k });
    else others.push(r);
  }
  if (others.length === 0) return out;
  // A lone non-matching TXT at `_mta-sts` or `_smtp._tls` is what senders would read: lint it.
  const byOwnerKind = new Set(out.map((c) => `${c.record.owner}|${c.kind}`));
  for (const r of others) {
    const pd = policyDomainOfOwner(r.owner);
    if (!pd || pd.kind === 'legacy-tlsrpt') continue;
    if (!byOwnerKind.has(`${r.owner}|${pd.kind}`) && /(^|;)\s*(v|id|rua)\s*=/i.test(r.txt!.value)) out.push({ record: r, kind: pd.kind });
  }
  return out;
}

export function checkZoneRecords(model: ZoneModel, classified: readonly ClassifiedTxt[], sink: DiagnosticSink): void {
  const text = model.tree.text;
  // The first counted record per owner, one map per record kind.
  const first = { sts: new Map<string, ZoneRecord>(), tlsrpt: new Map<string, ZoneRecord>() };
  for (const { record: r, kind } of classified) {
    const where = (): Span => (r.ownerToken ?? r.typeToken).span;
    const pd = policyDomainOfOwner(r.owner);
    if (kind === 'sts' && !ownerHasLabels(r.owner, '_mta-sts')) {
      sink.report(stsWrongOwner, where(), `an MTA-STS record at \`${r.owner}\` is never found: senders look it up at \`_mta-sts.<domain>\``);
    } else if (kind === 'tlsrpt' && pd?.kind === 'legacy-tlsrpt') {
      sink.report(legacyTlsrptOwner, where(), `\`_smtp-tlsrpt\` is the draft-era name; RFC 8460 reporters look up \`_smtp._tls.${pd.domain}\``);
    } else if (kind === 'tlsrpt' && !ownerHasLabels(r.owner, '_smtp._tls')) {
      sink.report(tlsrptWrongOwner, where(), `a TLS-RPT record at \`${r.owner}\` is never found: reporters look it up at \`_smtp._tls.<domain>\``);
    }
    // Senders count only records that begin with the literal prefix (RFC 8461 §3.1, RFC 8460 §3).
    const counted = r.txt!.value.startsWith(kind === 'sts' ? 'v=STSv1;' : 'v=TLSRPTv1;');
    const prev = counted ? first[kind].get(r.owner) : undefined;
    if (!counted) {
      // Not counted by senders; its own lint explains why.
    } else if (prev) {
      const rr = kind === 'sts' ? duplicateStsRecord : duplicateTlsrptRecord;
      const what = kind === 'sts' ? 'senders then act as if the domain had no MTA-STS policy' : 'reporters then treat the domain as not using TLS-RPT';
      sink.report(rr, r.typeToken.span, `\`${r.owner}\` has more than one ${kind === 'sts' ? '`v=STSv1`' : '`v=TLSRPTv1`'} record; ${what}`, { related: [{ span: prev.typeToken.span, message: 'the other record' }] });
    } else first[kind].set(r.owner, r);
    // An unquoted value cut by a `;` comment on the same entry.
    const comment = r.entry.comments[0];
    if (comment && r.rdata.length > 0 && r.rdata.every((t) => t.kind === 'word') && /^;\s*[A-Za-z0-9_.-]+=/.test(text.slice(comment.span.start, comment.span.end))) {
      const published = r.txt!.value;
      sink.report(unquotedSemicolon, comment.span, `\`;\` starts a comment in a zone file, so this record is published as \`${published}\`; quote the whole value`, {
        suggestion: { title: 'Quote the value', edits: [{ span: { start: r.rdata[0]!.span.start, end: comment.span.end }, newText: `"${text.slice(r.rdata[0]!.span.start, comment.span.end).replace(/[ \t]+$/, '').replace(/"/g, '\\"')}"` }] },
      });
    }
  }
  for (const r of model.records) {
    // Only an owner that ends like the origin can repeat it; most do not, and are not sliced
    // (compared without case for an ASCII last character, else left to the full test).
    const t = r.origin && !r.indentedOwner ? r.ownerToken : null;
    const last = t ? text.charCodeAt(t.end - 1) : 0;
    if (t && r.origin && t.end - t.start >= r.origin.length && (last > 127 || (last | 32) === (r.origin.charCodeAt(r.origin.length - 1) | 32))) {
      const written = text.slice(t.start, t.end).toLowerCase();
      if (!written.endsWith('.') && written !== '@' && (written === r.origin || written.endsWith(`.${r.origin}`))) {
        sink.report(ownerRepeatsOrigin, t.span, `\`${written}\` has no final dot, so it is relative to \`$ORIGIN ${r.origin}.\` and names \`${r.owner}\`; add the final dot or drop the origin`, {
          suggestion: { title: 'Add the final dot', edits: [{ span: { start: t.span.end, end: t.span.end }, newText: '.' }] },
        });
      }
    }
    if (r.txt) for (const s of r.txt.longStrings) sink.report(txtStringTooLong, s.span, `this character-string is ${s.octets} octets long; each string of a TXT record holds at most 255, so split it into several quoted strings`);
    if (r.type === 'TLSA' && policyDomainOfOwner(r.owner)?.kind === 'tlsrpt') {
      sink.report(tlsaAtTlsrpt, r.typeToken.span, '`_smtp._tls` is the TLS-RPT name; SMTP DANE looks for TLSA records at `_25._tcp.<mx host>`');
    }
  }
}
