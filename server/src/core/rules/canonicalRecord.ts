// The usual record, recognised whole: `v=STSv1; id=…` and `v=TLSRPTv1; rua=mailto:…` written
// the way the RFC examples and most published records are. None of the record rules has anything
// to say about a value of this form, so the record checks skip their parse for it: one anchored
// expression instead of the tag-record parse, a string per field and the per-URI scans (about
// 6,000 instructions per value). test/robust/canonicalRecord.test.ts holds the shortcut to the
// full checks on random values of this form and near it. Pure: core only.

/**
 * A canonical value is short; past this length the full checks run (so the expressions never
 * meet a pathological megabyte).
 */
const MAX_LENGTH = 512;

// Both tests below look at the first character before calling the expression: a line that is not
// a record at all (a file of them read as records) then costs one comparison, not a call.

/**
 * `v=STSv1;` (one optional space) `id=` 1–32 letters and digits, an optional final `;`. An
 * expression, not a loop: measured, a loop of `charCodeAt` over the value (a slice of the
 * document, not a flat string) cost more instructions than the expression, for the values it
 * accepts and for the wrong ones it turns away within a few characters alike.
 */
const STS = /^v=STSv1; ?id=[A-Za-z0-9]{1,32};?$/;

/**
 * A report URI of the plainest kinds: `mailto:` a local part of letters, digits, `.`, `_`, `+`,
 * `-` and a domain of two or more labels of letters, digits and `-`; or `https://` a host of such
 * labels, an optional port and an optional path of letters, digits, `.`, `_`, `~`, `/`, `-` (no
 * query, fragment, percent sign or `!`: those go through the full checks).
 */
const URI = String.raw`(?:mailto:[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|https://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?)`;

/** `v=TLSRPTv1;` (one optional space) `rua=` one or more URIs separated by `,`, an optional final `;`. */
const TLSRPT = new RegExp(String.raw`^v=TLSRPTv1; ?rua=${URI}(?:,${URI})*;?$`);

/** True when `text` is an `_mta-sts` value of the canonical form: the record rules find nothing in it. */
export function isCanonicalStsRecord(text: string): boolean {
  return text.length <= MAX_LENGTH && text.charCodeAt(0) === 118 /* v */ && STS.test(text);
}

/** True when `text` is an `_smtp._tls` value of the canonical form: the record rules find nothing in it. */
export function isCanonicalTlsrptRecord(text: string): boolean {
  return text.length <= MAX_LENGTH && text.charCodeAt(0) === 118 /* v */ && TLSRPT.test(text);
}
