// Rules on `_mta-sts` TXT record values (RFC 8461 §3.1): `v=STSv1` first and exact, the `id`,
// and the literal prefix senders filter on. Pure: core only.
import { isAsciiLetter, isDigit, oddCharacterIn } from '../text/chars';
import type { Span } from '../text/span';
import { isCanonicalStsRecord } from './canonicalRecord';
import { rule } from './define';
import { checkTagSyntax, hidesField, nextFieldNamed, recordDuplicateField, type CheckedField } from './tagSyntax';
import type { DiagnosticSink, Suggestion } from './types';

const REF = 'RFC 8461 §3.1';

export const stsVersion = rule({
  code: 'STS200', name: 'sts-version', severity: 'error',
  summary: 'The record does not begin with exactly `v=STSv1`.',
  docs: { checks: 'That the record starts with `v=STSv1`: first, case-sensitive, nothing before it.', why: 'Senders drop TXT records that do not begin with `v=STSv1`, so the domain has no MTA-STS policy.', fix: 'Start the record with `v=STSv1;`.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=stsv1; id=1', 'V=STSv1; id=1', ' v=STSv1; id=1', 'id=1; v=STSv1', 'v=spf1 -all'], good: ['v=STSv1; id=1'] },
});
export const stsMissingId = rule({
  code: 'STS201', name: 'sts-missing-id', severity: 'error',
  summary: 'The record has no `id` field.',
  docs: { checks: 'That an `id=` field is present.', why: 'The id is required: without it the record is invalid and senders act as if the domain had no policy.', fix: 'Add `id=` and a fresh timestamp, e.g. `v=STSv1; id=20240101T000000`.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1', 'v=STSv1;'], good: ['v=STSv1; id=20160831085700Z'] },
});
export const stsInvalidId = rule({
  code: 'STS202', name: 'sts-invalid-id', severity: 'error',
  summary: 'An `id` that is not 1 to 32 letters and digits.',
  docs: { checks: 'That the id is 1–32 ASCII letters and digits only (no `-`, `:`, `.`, `_` or `+`).', why: 'An id with other characters is not an id field: senders see no id, so the record is invalid.', fix: 'Use a UTC timestamp without separators, e.g. `id=20240101T120000`; change it whenever the policy changes.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1; id=2024-01-01', 'v=STSv1; id=' + 'a'.repeat(33), 'v=STSv1; id='], good: ['v=STSv1; id=' + 'a'.repeat(32)] },
});
export const stsPrefix = rule({
  code: 'STS203', name: 'sts-prefix-space', severity: 'warning',
  summary: 'Whitespace between `v=STSv1` and `;`.',
  docs: { checks: 'Records that begin `v=STSv1 ;` rather than `v=STSv1;`.', why: 'When the name has several TXT records, senders keep only those that begin with the literal `v=STSv1;`; this record would be dropped.', fix: 'Write `v=STSv1;` with no space before the `;`.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1 ; id=1'], good: ['v=STSv1; id=1'] },
});

export const STS_RECORD_RULES = [stsVersion, stsMissingId, stsInvalidId, stsPrefix];

/** Letters and digits of a wrong id, as a replacement when they make a valid one. */
function repairedId(value: string): string | null {
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  return alnum.length >= 1 && alnum.length <= 32 ? alnum : null;
}

export type VersionStatus = 'ok' | 'bad' | 'other-record';

/** `v=STSv1` or `v=TLSRPTv1`. */
function versionField(tag: string): string {
  return `v=${tag}`;
}

/** The fix of a record that does not start with its version. */
function startWithVersion(tag: string): Suggestion {
  return { title: `Start the record with \`${versionField(tag)};\``, edits: [] };
}

export function checkVersionField(text: string, fields: readonly CheckedField[], tag: string, sink: DiagnosticSink, r: typeof stsVersion): VersionStatus {
  const first = fields[0];
  // `v=STSv1 id=…`: the missing `;` is reported by record-missing-separator.
  const sameVersion = first !== undefined && first.name === 'v' && (first.value === tag || (first.value.startsWith(tag) && /^[ \t]/.test(first.value.slice(tag.length))));
  if (sameVersion && first.start === 0) return 'ok'; // the usual case: nothing to build
  // Each branch reports once; past the cap (a file of many records) it only counts, building no
  // message.
  if (!first) {
    const whole: Span = { start: 0, end: Math.min(text.length, 1) };
    if (sink.room(r)) sink.report(r, whole, `the record is empty; it must begin with \`${versionField(tag)}\``);
    return 'bad';
  }
  if (sameVersion) {
    if (sink.room(r)) sink.report(r, { start: 0, end: first.field.span.start }, `the record must begin with \`${versionField(tag)}\`; remove what comes before it`, { suggestion: { title: 'Remove the leading characters', edits: [{ span: { start: 0, end: first.field.span.start }, newText: '' }] } });
    return 'ok';
  }
  // `toLowerCase() === 'v'` without a new string: only `V` lower-cases to `v`.
  const nameIsV = first.name === 'v' || first.name === 'V';
  if (nameIsV && first.value.toLowerCase() === tag.toLowerCase()) {
    if (sink.room(r)) sink.report(r, first.field.span, `\`${first.name}=${first.value}\` is not \`${versionField(tag)}\`: the version tag is case-sensitive`, { suggestion: { title: `Write \`${versionField(tag)}\``, edits: [{ span: first.field.span, newText: versionField(tag) }] } });
    return 'bad';
  }
  if (hasVersion(fields, tag)) {
    if (sink.room(r)) sink.report(r, first.field.span, `\`${versionField(tag)}\` must come first; here \`${first.name}\` comes before it`, { suggestion: startWithVersion(tag) });
    return 'bad';
  }
  if (nameIsV && first.eqAt >= 0) {
    if (sink.room(r)) sink.report(r, first.field.span, `\`${first.name}=${first.value}\` is not \`${versionField(tag)}\`, so this is not ${tag === 'STSv1' ? 'an MTA-STS' : 'a TLS-RPT'} record`);
    return 'other-record';
  }
  if (sink.room(r)) sink.report(r, first.field.span, `the record must begin with \`${versionField(tag)}\``, { suggestion: startWithVersion(tag) });
  return 'bad';
}

/** True when some field is exactly `v=<tag>` (a loop: a closure for `some` was made per record). */
function hasVersion(fields: readonly CheckedField[], tag: string): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i]!.name === 'v' && fields[i]!.value === tag) return true;
  return false;
}

/** Describes one character for a message: printable ones in backticks, others by name. */
function describeChar(ch: string): string {
  return oddCharacterIn(ch) ?? `\`${ch}\``;
}

/** Warns when a record begins `v=TAG ;` (space before `;`), which the multi-record filter drops. */
const PREFIX_SPACE = new Map<string, RegExp>();

export function checkPrefixSpace(text: string, tag: string, r: typeof stsPrefix, sink: DiagnosticSink): void {
  const after = text.charCodeAt(2 + tag.length);
  if (after !== 32 && after !== 9) return; // the usual case, without a regular expression
  let re = PREFIX_SPACE.get(tag);
  if (!re) PREFIX_SPACE.set(tag, (re = new RegExp(`^v=${tag}([ \\t]+);`)));
  const m = re.exec(text);
  if (!m || !sink.room(r)) return;
  const span = { start: 2 + tag.length, end: 2 + tag.length + m[1]!.length };
  sink.report(r, span, `senders that find several TXT records keep only those starting with the exact text \`v=${tag};\`; remove the space before \`;\``, { suggestion: { title: 'Remove the space before `;`', edits: [{ span, newText: '' }] } });
}

/** Module constants: array literals in the call would be made anew for every record. */
const STS_FIELDS = ['v', 'id'];
const STS_OWN_DUPLICATES = ['id'];

/** Lints one `_mta-sts` TXT value (the character-strings already joined). Spans are offsets into `text`. */
export function checkStsRecord(text: string, sink: DiagnosticSink): void {
  if (!isCanonicalStsRecord(text)) checkStsRecordInFull(text, sink);
}

/** checkStsRecord without the shortcut for a canonical value (the property test compares the two). */
export function checkStsRecordInFull(text: string, sink: DiagnosticSink): void {
  const fields = checkTagSyntax(text, STS_FIELDS, sink, STS_OWN_DUPLICATES);
  const status = checkVersionField(text, fields, 'STSv1', sink, stsVersion);
  if (status === 'other-record') return;
  if (status === 'ok') checkPrefixSpace(text, 'STSv1', stsPrefix, sink);
  // No loop in this function, which runs once per record: V8 11.3 (Node 20) can leave a function
  // that holds a loop running through its on-stack-replacement code on every call, and deoptimise
  // that code on every call that takes a branch it was compiled without (docs/benchmarks.md,
  // seventeenth round). The loop that finds the `id` fields is nextFieldNamed, which reports
  // nothing; the loops of a record with several `id` fields are on a rare path of their own.
  const first = nextFieldNamed(fields, 'id', 0);
  if (first < 0) {
    reportNoId(text, fields, sink);
    return;
  }
  if (nextFieldNamed(fields, 'id', first + 1) >= 0) {
    reportIdFields(fields, sink); // several `id` fields: rare
    return;
  }
  const f = fields[first]!;
  if (!isValidId(f.value)) reportInvalidId(f, sink);
}

/**
 * A record with several `id` fields: the first valid one counts, and each other is reported as
 * given again (or, when none is valid, each as invalid).
 */
function reportIdFields(fields: readonly CheckedField[], sink: DiagnosticSink): void {
  let counted: CheckedField | undefined;
  for (let i = nextFieldNamed(fields, 'id', 0); i >= 0 && !counted; i = nextFieldNamed(fields, 'id', i + 1)) {
    if (isValidId(fields[i]!.value)) counted = fields[i];
  }
  for (let i = nextFieldNamed(fields, 'id', 0); i >= 0; i = nextFieldNamed(fields, 'id', i + 1)) {
    const f = fields[i]!;
    if (f === counted) continue;
    if (counted) reportIdAgain(f, counted, sink);
    else reportInvalidId(f, sink);
  }
}

/** An `id` field after the one that counts. */
function reportIdAgain(f: CheckedField, counted: CheckedField, sink: DiagnosticSink): void {
  // Past the cap (a file of many records) the finding is only counted: no message is built.
  if (!sink.room(recordDuplicateField)) return;
  // Tested again rather than searched for in a list, which was quadratic in the number of ids.
  const why = isValidId(f.value) ? '`id` is given again' : `\`${f.value}\` is not a valid id, so this field is an unknown extension`;
  sink.report(recordDuplicateField, f.field.span, `${why}; senders use \`id=${counted.value}\` and ignore this one`, { related: [{ span: counted.field.span, message: 'the id that counts' }] });
}

/** An `id` field whose value is not 1–32 letters and digits, in a record with no valid one. */
function reportInvalidId(f: CheckedField, sink: DiagnosticSink): void {
  if (!sink.room(stsInvalidId)) return;
  const v = f.value;
  let why: string;
  if (v.length === 0) why = '`id` has no value';
  else if (/^\d{4}-\d{2}-\d{2}/.test(v) || /\d[:-]\d/.test(v)) why = `\`${v}\` looks like a timestamp with \`-\` or \`:\`; an id holds only letters and digits`;
  else if (/^[A-Za-z0-9]+$/.test(v)) why = `the id is ${v.length} characters long; at most 32 are allowed`;
  else why = `${describeChar(/[^A-Za-z0-9]/.exec(v)![0])} is not allowed in an id; it holds only 1–32 letters and digits`;
  const fixed = repairedId(v);
  sink.report(stsInvalidId, f.field.value.end > f.field.value.start ? f.field.value : f.field.span, `${why}, so senders see no valid id`, fixed && fixed !== v ? { suggestion: { title: `Write \`id=${fixed}\``, edits: [{ span: f.field.value, newText: fixed }] } } : undefined);
}

/** 1–32 letters and digits (RFC 8461 §3.1 `sts-id`). */
function isValidId(v: string): boolean {
  const n = v.length;
  if (n === 0 || n > 32) return false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (!isAsciiLetter(c) && !isDigit(c)) return false;
  }
  return true;
}

/** A record with no `id` field at all (`text` holds at least one field, or none). */
function reportNoId(text: string, fields: readonly CheckedField[], sink: DiagnosticSink): void {
  // An `id` hidden in another field's value or behind odd characters in its name is reported
  // by the tag syntax rules; only then is "no id" not said again.
  if (fields.length > 0 && !hidesField(fields, 'id') && sink.room(stsMissingId)) {
    const caseId = fields.find((f) => f.name.toLowerCase() === 'id');
    const msg = caseId ? `\`${caseId.name}\` is not \`id\`: field names are case-sensitive, so the record has no id` : 'the record has no `id=` field, which is required';
    sink.report(stsMissingId, caseId ? caseId.field.name : { start: 0, end: text.length }, msg, caseId ? { suggestion: { title: 'Write `id`', edits: [{ span: caseId.field.name, newText: 'id' }] } } : undefined);
  }
}
