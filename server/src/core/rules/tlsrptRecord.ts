// Rules on `_smtp._tls` TXT record values (RFC 8460 §3): `v=TLSRPTv1` first, `rua` present,
// and each report URI (mailto: or https:, `!` and `,` percent-encoded). Pure: core only.
import type { Span } from '../text/span';
import { isCanonicalTlsrptRecord } from './canonicalRecord';
import { rule } from './define';
import { checkPrefixSpace, checkVersionField } from './stsRecord';
import { checkTagSyntax, hidesField, nextFieldNamed, recordDuplicateField, type CheckedField } from './tagSyntax';
import type { DiagnosticSink } from './types';
import { isAsciiLetter, isLdh, isWsp } from '../text/chars';

const REF = 'RFC 8460 §3';

export const tlsrptVersion = rule({
  code: 'RPT100', name: 'tlsrpt-version', severity: 'error',
  summary: 'The record does not begin with exactly `v=TLSRPTv1`.',
  docs: { checks: 'That the record starts with `v=TLSRPTv1`: first, case-sensitive.', why: 'Reporters drop records that do not begin with `v=TLSRPTv1`, so no reports are sent.', fix: 'Start the record with `v=TLSRPTv1;`.', reference: REF },
  examples: { kind: 'tlsrpt-record', bad: ['v=tlsrptv1; rua=mailto:r@example.com', 'rua=mailto:r@example.com; v=TLSRPTv1'], good: ['v=TLSRPTv1;rua=mailto:reports@example.com'] },
});
export const tlsrptMissingRua = rule({
  code: 'RPT101', name: 'tlsrpt-missing-rua', severity: 'error',
  summary: 'The record has no `rua` field.',
  docs: { checks: 'That a `rua=` field is present.', why: '`rua` says where reports go; without it the record is invalid and no reports are sent.', fix: 'Add `rua=mailto:tls-reports@example.com` (or an https: URI).', reference: REF },
  examples: { kind: 'tlsrpt-record', bad: ['v=TLSRPTv1', 'v=TLSRPTv1;', 'v=TLSRPTv1; foo=bar'], good: ['v=TLSRPTv1; rua=mailto:a@example.com'] },
});
export const ruaNotUri = rule({
  code: 'RPT102', name: 'rua-not-uri', severity: 'error',
  summary: 'A `rua` entry that is not a URI.',
  docs: { checks: 'That every entry of `rua` is a URI with a scheme and only URI characters.', why: 'A bare address such as `reports@example.com` is not a URI; reporters cannot use it.', fix: 'Write `mailto:` before an address.', reference: REF },
  examples: { kind: 'tlsrpt-record', bad: ['v=TLSRPTv1; rua=reports@example.com', 'v=TLSRPTv1; rua=mailto:a@example.com,'], good: ['v=TLSRPTv1; rua=mailto:a@example.com , https://r.example/v1/tlsrpt'] },
});
export const ruaUnsupportedScheme = rule({
  code: 'RPT103', name: 'rua-unsupported-scheme', severity: 'error',
  summary: 'A `rua` URI whose scheme is neither `mailto:` nor `https:`.',
  docs: { checks: 'The scheme of every report URI.', why: 'RFC 8460 defines delivery only by mail and HTTPS POST; other schemes (including plain `http:`) get no reports.', fix: 'Use `mailto:` or `https:`.', reference: 'RFC 8460 §3, §5' },
  examples: { kind: 'tlsrpt-record', bad: ['v=TLSRPTv1; rua=http://r.example/'], good: ['v=TLSRPTv1; rua=https://r.example/'] },
});
export const ruaUnencoded = rule({
  code: 'RPT104', name: 'rua-unencoded-char', severity: 'error',
  summary: 'A raw `!` in a `rua` URI.',
  docs: { checks: '`!` inside report URIs (`,` and `;` would end the URI or the field).', why: 'RFC 8460 requires `!`, `,` and `;` in URIs to be percent-encoded. `!10m` is DMARC\'s size-limit syntax, which TLS-RPT does not have.', fix: 'Remove a DMARC-style `!size` suffix, or write `%21`.', reference: REF },
  examples: { kind: 'tlsrpt-record', bad: ['v=TLSRPTv1; rua=mailto:r@example.com!10m'], good: ['v=TLSRPTv1; rua=mailto:r%21x@example.com'] },
});
export const ruaInvalidMailto = rule({
  code: 'RPT105', name: 'rua-invalid-mailto', severity: 'error',
  summary: 'A `mailto:` URI without a usable address.',
  docs: { checks: 'That a `mailto:` URI holds one `local@domain` address.', why: 'Reporters cannot deliver to a malformed address; the reports are lost.', fix: 'Write `mailto:tls-reports@example.com`.', reference: REF },
  examples: { kind: 'tlsrpt-record', bad: ['v=TLSRPTv1; rua=mailto:', 'v=TLSRPTv1; rua=mailto:reports'], good: ['v=TLSRPTv1; rua=mailto:reports@example.com'] },
});
export const ruaInvalidHttps = rule({
  code: 'RPT106', name: 'rua-invalid-https', severity: 'error',
  summary: 'An `https:` URI without a host.',
  docs: { checks: 'That an `https:` URI has the form `https://host/path`.', why: 'Reporters POST reports to the URI; without a host there is nowhere to send them.', fix: 'Write the full URL, e.g. `https://reports.example.com/tlsrpt`.', reference: REF },
  examples: { kind: 'tlsrpt-record', bad: ['v=TLSRPTv1; rua=https:reports'], good: ['v=TLSRPTv1; rua=https://reports.example.com/tlsrpt'] },
});

export const tlsrptPrefix = rule({
  code: 'RPT107', name: 'tlsrpt-prefix-space', severity: 'warning',
  summary: 'Whitespace between `v=TLSRPTv1` and `;`.',
  docs: { checks: 'Records that begin `v=TLSRPTv1 ;` rather than `v=TLSRPTv1;`.', why: 'When the name has several TXT records, reporters keep only those that begin with the literal `v=TLSRPTv1;`; this record would be dropped.', fix: 'Write `v=TLSRPTv1;` with no space before the `;`.', reference: REF },
  examples: { kind: 'tlsrpt-record', bad: ['v=TLSRPTv1 ; rua=mailto:a@example.com'], good: ['v=TLSRPTv1; rua=mailto:a@example.com'] },
});

export const TLSRPT_RECORD_RULES = [tlsrptPrefix, tlsrptVersion, tlsrptMissingRua, ruaNotUri, ruaUnsupportedScheme, ruaUnencoded, ruaInvalidMailto, ruaInvalidHttps];

/** ASCII characters allowed in a URI (RFC 3986 unreserved, reserved and `%`), `!` left out: it is checked on its own. */
const URI_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@$&'()*+,;=%") URI_CHAR[c.charCodeAt(0)] = 1;

/*
 * The scanners below are loops for the usual short URI (a regular expression call costs more than
 * reading 30 characters) and regular expressions of the same grammar past LONG characters (a loop
 * of charCodeAt takes 4-8 ns a character, native matching about one).
 */
const LONG = 128;
const NON_URI_OR_BANG = /[^A-Za-z0-9\-._~:/?#[\]@$&'()*+,;=%]/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const MAILBOX = /^[^@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** The first `!` or character outside the URI grammar in `uri`, or -1 (one loop instead of two scans and a regular expression). */
function firstNonUriChar(uri: string): number {
  if (uri.length > LONG) return NON_URI_OR_BANG.exec(uri)?.index ?? -1;
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c >= 128 || URI_CHAR[c] === 0) return i;
  }
  return -1;
}

/** Where `scheme:` ends (the `:`, RFC 3986 §3.1: a letter, then letters, digits, `+`, `.`, `-`), or -1. */
function schemeColon(uri: string): number {
  if (uri.length > LONG) return SCHEME.test(uri) ? uri.indexOf(':') : -1;
  if (!isAsciiLetter(uri.charCodeAt(0))) return -1;
  for (let i = 1; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c === 0x3a) return i;
    if (!(isLdh(c) || c === 0x2b || c === 0x2e)) return -1;
  }
  return -1;
}

/** `local@domain`: a local part without `@`, and a domain of two or more labels of letters, digits and `-`. */
function isMailbox(addr: string): boolean {
  if (addr.length > LONG) return MAILBOX.test(addr);
  const at = addr.indexOf('@');
  if (at <= 0) return false;
  let labels = 0;
  let labelLength = 0;
  for (let i = at + 1; i < addr.length; i++) {
    const c = addr.charCodeAt(i);
    if (c === 0x2e) {
      if (labelLength === 0) return false;
      labels++;
      labelLength = 0;
    } else if (isLdh(c)) labelLength++;
    else return false;
  }
  return labelLength > 0 && labels >= 1;
}

function checkUri(uri: string, at: number, sink: DiagnosticSink): void {
  if (uri.length === 0) {
    if (sink.room(ruaNotUri)) sink.report(ruaNotUri, { start: at, end: at }, 'empty entry in the `rua` list (a stray `,`)');
    return;
  }
  const span: Span = { start: at, end: at + uri.length };
  const colon = schemeColon(uri);
  if (uri.charCodeAt(0) === 0x3c /* < */ || uri.charCodeAt(uri.length - 1) === 0x3e /* > */) {
    if (!sink.room(ruaNotUri)) return;
    const inner = uri.replace(/^<|>$/g, '');
    sink.report(ruaNotUri, span, `remove the angle brackets around \`${inner}\`; rua takes bare URIs`, { suggestion: { title: 'Remove the angle brackets', edits: [{ span, newText: inner }] } });
    return;
  }
  if (colon < 0) {
    if (!sink.room(ruaNotUri)) return; // past the cap: counted, no message built
    const looksMail = /^[^@\s]+@[^@\s]+$/.test(uri);
    sink.report(ruaNotUri, span, looksMail ? `\`${uri}\` is an address, not a URI; write \`mailto:${uri}\`` : `\`${uri}\` is not a URI: it has no scheme such as \`mailto:\` or \`https:\``, looksMail ? { suggestion: { title: `Write \`mailto:${uri}\``, edits: [{ span: { start: at, end: at }, newText: 'mailto:' }] } } : undefined);
    return;
  }
  // The first `!` or character outside the URI grammar, whichever comes first.
  const i = firstNonUriChar(uri);
  if (i >= 0 && uri.charCodeAt(i) === 0x21 /* ! */) {
    if (!sink.room(ruaUnencoded)) return;
    const suffix = /![0-9]+[kmgtKMGT]?$/.exec(uri);
    if (suffix && suffix.index === i) {
      sink.report(ruaUnencoded, { start: at + i, end: at + uri.length }, `\`${suffix[0]}\` is DMARC's report-size suffix, which TLS-RPT does not have; a raw \`!\` must be percent-encoded`, { suggestion: { title: `Remove \`${suffix[0]}\``, edits: [{ span: { start: at + i, end: at + uri.length }, newText: '' }] } });
    } else {
      sink.report(ruaUnencoded, { start: at + i, end: at + i + 1 }, '`!` must be percent-encoded as `%21` in a report URI', { suggestion: { title: 'Write `%21`', edits: [{ span: { start: at + i, end: at + i + 1 }, newText: '%21' }] } });
    }
    return;
  }
  if (i >= 0) {
    if (!sink.room(ruaNotUri)) return;
    const ch = uri[i]!;
    const what = ch === ' ' || ch === '\t' ? 'whitespace' : `\`${ch}\``;
    sink.report(ruaNotUri, { start: at + i, end: at + i + 1 }, `${what} is not allowed in a URI; separate URIs with \`,\` and percent-encode other characters`);
    return;
  }
  const written = uri.slice(0, colon);
  // The usual schemes are written in lower case: no new string for them.
  const s = written === 'mailto' || written === 'https' ? written : written.toLowerCase();
  const afterScheme = colon + 1;
  if (s === 'mailto') {
    const q = uri.indexOf('?', afterScheme);
    const addr = uri.slice(afterScheme, q < 0 ? uri.length : q);
    if (addr.startsWith('//')) {
      if (sink.room(ruaInvalidMailto)) sink.report(ruaInvalidMailto, span, `\`mailto:\` takes the address directly: write \`mailto:${addr.slice(2)}\`, without \`//\``, { suggestion: { title: 'Remove `//`', edits: [{ span: { start: at + afterScheme, end: at + afterScheme + 2 }, newText: '' }] } });
    } else if (!isMailbox(addr.includes('%') ? addr.replace(/%40/gi, '@') : addr) && sink.room(ruaInvalidMailto)) {
      sink.report(ruaInvalidMailto, span, addr.length === 0 ? '`mailto:` has no address' : `\`${addr}\` is not a mail address (local@domain)`);
    }
  } else if (s === 'https') {
    // `//` and a host: a character other than `/`, `?` and `#` (whitespace was refused above).
    const h = uri.charCodeAt(afterScheme + 2);
    const hasHost = uri.charCodeAt(afterScheme) === 0x2f && uri.charCodeAt(afterScheme + 1) === 0x2f && afterScheme + 2 < uri.length && h !== 0x2f && h !== 0x3f && h !== 0x23;
    if (!hasHost && sink.room(ruaInvalidHttps)) sink.report(ruaInvalidHttps, span, `\`${uri}\` has no host; write \`https://host/path\``);
  } else if (sink.room(ruaUnsupportedScheme)) {
    const hint = s === 'http' ? '; use `https:` (plain http is not allowed)' : '';
    sink.report(ruaUnsupportedScheme, { start: at, end: at + afterScheme }, `\`${written}:\` is not a report scheme: TLS-RPT delivers only by \`mailto:\` and \`https:\`${hint}`, s === 'http' ? { suggestion: { title: 'Use `https:`', edits: [{ span: { start: at, end: at + afterScheme }, newText: 'https:' }] } } : undefined);
  }
}

function checkRua(f: CheckedField, sink: DiagnosticSink): void {
  const base = f.valueStart;
  const v = f.value;
  if (v.length === 0) {
    if (sink.room(ruaNotUri)) sink.report(ruaNotUri, f.field.span, '`rua=` has no URI');
    return;
  }
  // Each `,`-separated URI without the spaces and tabs around it.
  let start = 0;
  for (;;) {
    let i = v.indexOf(',', start);
    if (i < 0) i = v.length;
    let a = start;
    let b = i;
    while (a < b && isWsp(v.charCodeAt(a))) a++;
    while (b > a && isWsp(v.charCodeAt(b - 1))) b--;
    checkUri(v.slice(a, b), base + a, sink);
    if (i === v.length) break;
    start = i + 1;
  }
}

/** Module constants: array literals in the call would be made anew for every record. */
const TLSRPT_FIELDS = ['v', 'rua'];
const TLSRPT_OWN_DUPLICATES = ['rua'];

/** Lints one `_smtp._tls` TXT value (the character-strings already joined). */
export function checkTlsrptRecord(text: string, sink: DiagnosticSink): void {
  if (!isCanonicalTlsrptRecord(text)) checkTlsrptRecordInFull(text, sink);
}

/** checkTlsrptRecord without the shortcut for a canonical value (the property test compares the two). */
export function checkTlsrptRecordInFull(text: string, sink: DiagnosticSink): void {
  const fields = checkTagSyntax(text, TLSRPT_FIELDS, sink, TLSRPT_OWN_DUPLICATES);
  const status = checkVersionField(text, fields, 'TLSRPTv1', sink, tlsrptVersion);
  if (status === 'other-record') return;
  if (status === 'ok') checkPrefixSpace(text, 'TLSRPTv1', tlsrptPrefix, sink);
  // No loop in this function, which runs once per record (see checkStsRecordInFull).
  const first = nextFieldNamed(fields, 'rua', 0);
  if (first < 0) {
    reportNoRua(text, fields, sink);
    return;
  }
  checkRua(fields[first]!, sink);
  if (nextFieldNamed(fields, 'rua', first + 1) >= 0) checkLaterRuaFields(fields, first, sink); // rare
}

/** The `rua` fields after the first one (index `first`): their URIs, and each as a duplicate. */
function checkLaterRuaFields(fields: readonly CheckedField[], first: number, sink: DiagnosticSink): void {
  for (let i = nextFieldNamed(fields, 'rua', first + 1); i >= 0; i = nextFieldNamed(fields, 'rua', i + 1)) checkRua(fields[i]!, sink);
  for (let i = nextFieldNamed(fields, 'rua', first + 1); i >= 0; i = nextFieldNamed(fields, 'rua', i + 1)) {
    if (sink.room(recordDuplicateField)) sink.report(recordDuplicateField, fields[i]!.field.span, 'a second `rua` field: RFC 8460 defines no way to combine them, so some reporters use only the first; list every URI in one `rua=` separated by commas', { related: [{ span: fields[first]!.field.span, message: 'the first rua field' }] });
  }
}

/** A record with no `rua` field. */
function reportNoRua(text: string, fields: readonly CheckedField[], sink: DiagnosticSink): void {
  // A `rua` hidden in another field's value or behind odd characters in its name is reported
  // by the tag syntax rules; only then is "no rua" not said again.
  if (fields.length > 0 && !hidesField(fields, 'rua') && sink.room(tlsrptMissingRua)) {
    const caseRua = fields.find((f) => f.name.toLowerCase() === 'rua');
    sink.report(tlsrptMissingRua, caseRua ? caseRua.field.name : { start: 0, end: text.length }, caseRua ? `\`${caseRua.name}\` is not \`rua\`: field names are case-sensitive, so the record has no rua` : 'the record has no `rua=` field saying where reports go', caseRua ? { suggestion: { title: 'Write `rua`', edits: [{ span: caseRua.field.name, newText: 'rua' }] } } : undefined);
  }
}
