// Rules on the tag=value syntax shared by `_mta-sts` and `_smtp._tls` TXT records
// (RFC 8461 §3.1, RFC 8460 §3): whitespace, empty fields, US-ASCII, extensions. Pure: core only.
import { letGoOfLargeScratch, readField, segmentEndsInto, segmentFieldEnd, segmentFieldStart, tagField, zeroLengthRunEnd, type TagField } from '../syntax/tagRecord';
import { isWsp, oddCharacterNote, sameAtAnyCase } from '../text/chars';
import { rule } from './define';
import type { DiagnosticSink } from './types';

const REF = 'RFC 8461 §3.1, RFC 8460 §3';

export const recordWhitespace = rule({
  code: 'TXT001', name: 'record-whitespace', severity: 'error',
  summary: 'Whitespace where the TXT record grammar allows none.',
  docs: { checks: 'Whitespace before the record, around `=`, or at the end without a final `;`. Spaces and tabs are allowed only around `;` (and around `,` in `rua`).', why: 'A record that breaks the grammar is invalid: senders act as if the domain had no MTA-STS policy (or no TLS-RPT).', fix: 'Remove the whitespace: `v=STSv1; id=20240101T000000`.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1; id=abc ', 'v=STSv1; id = 1', 'v=STSv1; id= 1'], good: ['v=STSv1; id=abc; ', 'v=STSv1;id=abc'] },
});
export const recordEmptyField = rule({
  code: 'TXT002', name: 'record-empty-field', severity: 'error',
  summary: 'An empty field (`;;`) in a TXT record.',
  docs: { checks: 'Two `;` with nothing but whitespace between them.', why: 'The grammar allows at most one final `;`; an empty field makes the record invalid.', fix: 'Remove the extra `;`.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1;; id=1', 'v=STSv1; id=1;;'], good: ['v=STSv1; id=1;'] },
});
export const recordNonAscii = rule({
  code: 'TXT003', name: 'record-non-ascii', severity: 'error',
  summary: 'A character outside printable US-ASCII in a TXT record.',
  docs: { checks: 'Characters above 0x7E or control characters other than tab.', why: 'The records must be US-ASCII; such a record is invalid and senders ignore it.', fix: 'Replace the character; smart quotes and non-breaking spaces pasted from documents are the usual culprits.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1; id=café1', 'v=STSv1;\u00a0id=1'], good: ['v=STSv1; id=cafe1'] },
});
export const recordInvalidExtension = rule({
  code: 'TXT004', name: 'record-invalid-extension', severity: 'error',
  summary: 'A field that is not `name=value` with a valid name and value.',
  docs: { checks: 'Extension names (1–32 of letters, digits, `_`, `-`, `.`, starting with a letter or digit) and values (visible ASCII except `=` and `;`, not empty).', why: 'A malformed field makes the whole record invalid.', fix: 'Correct or remove the field.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1; id=1; ext=a=b', 'v=STSv1; id=1; _x=1', 'v=STSv1; id=1; e=', 'v=STSv1; id=1; flag'], good: ['v=STSv1; id=1; foo=bar'] },
});
export const recordUnknownField = rule({
  code: 'TXT005', name: 'record-unknown-field', severity: 'information',
  summary: 'A field the RFC does not define; senders ignore it.',
  docs: { checks: 'Fields other than `v` and `id` (MTA-STS) or `v` and `rua` (TLS-RPT).', why: 'Unknown fields are allowed and ignored, so they have no effect. A policy field such as `mode=enforce` in the TXT record does nothing: the mode lives in the policy file.', fix: 'Remove the field.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1; id=1; mode=enforce'], good: ['v=STSv1; id=1'] },
});
export const recordDuplicateField = rule({
  code: 'TXT006', name: 'record-duplicate-field', severity: 'warning',
  summary: 'A field given twice in one TXT record.',
  docs: { checks: 'Repeated `v`, `id` or `rua` fields.', why: 'For MTA-STS the first occurrence counts (RFC 8461 §3.2, as mox reads it) and the rest is ignored; for TLS-RPT the RFC defines no merge, so reporters may use only the first `rua`.', fix: 'Keep one field; put several report URIs in one `rua=` separated by commas.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1; id=a; id=b'], good: ['v=STSv1; id=a'] },
});
export const recordMissingSeparator = rule({
  code: 'TXT007', name: 'record-missing-separator', severity: 'error',
  summary: 'Two fields not separated by `;`.',
  docs: { checks: 'A value that contains whitespace followed by another `name=`.', why: 'Without `;` the second field becomes part of the first value, so both are invalid.', fix: 'Put `;` between the fields: `v=STSv1; id=…`.', reference: REF },
  examples: { kind: 'sts-record', bad: ['v=STSv1 id=1'], good: ['v=STSv1; id=1'] },
});

export const TAG_SYNTAX_RULES = [recordWhitespace, recordEmptyField, recordNonAscii, recordInvalidExtension, recordUnknownField, recordDuplicateField, recordMissingSeparator];

/** A character outside printable US-ASCII other than tab. */
const NOT_PRINTABLE = /[^\x20-\x7e\t]/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE_CHAR = (c: number) => c >= 0x21 && c <= 0x7e && c !== 0x3d && c !== 0x3b;

/**
 * A field of the record being checked: its offsets (those of TagField), its name and value as
 * strings, and its spans on access. The checks read the strings of every field and the spans
 * only of those they report. Valid until the next record's checkTagSyntax, which reuses the
 * objects (see fieldPool).
 */
export interface CheckedField {
  readonly start: number;
  readonly end: number;
  readonly nameEnd: number;
  /** The `=`, or -1 when the field has none. */
  readonly eqAt: number;
  readonly valueStart: number;
  readonly name: string;
  readonly value: string;
  /** The field's spans (a new object per access). */
  readonly field: TagField;
}

class ReusedField implements CheckedField {
  start = 0;
  end = 0;
  nameEnd = 0;
  eqAt = -1;
  valueStart = 0;
  name = '';
  value = '';
  get field(): TagField {
    return tagField(this.start, this.end, this.nameEnd, this.eqAt, this.valueStart);
  }
}

/**
 * The field objects of the record being checked, reused from record to record: the object per
 * field was a third of what a 1 MiB zone of wrong records allocated per lint. The record checks
 * use a record's fields before the next record is checked, and keep none (a diagnostic takes
 * spans and strings, not fields). Let go of as `ends` is (letGoOfLargeScratch).
 */
const fieldPool: ReusedField[] = [];

/**
 * Empties the pooled field objects' strings: a longer name or value is a slice that keeps the
 * whole document's text alive. For the end of a lint (the objects stay for the next).
 */
export function letGoOfRecordFields(): void {
  for (const f of fieldPool) f.name = f.value = '';
}

/** The next field object of the record being checked (field `walk.n`), set to the field read. */
const reusedField = (text: string, start: number, end: number, nameEnd: number, eqAt: number, valueStart: number): CheckedField => {
  const f = (fieldPool[walk.n] ??= new ReusedField());
  f.start = start;
  f.end = end;
  f.nameEnd = nameEnd;
  f.eqAt = eqAt;
  f.valueStart = valueStart;
  f.name = text.slice(start, nameEnd);
  f.value = text.slice(valueStart, end);
  return f;
};

/** A field's name and value: what hidesField reads. */
export type NamedValue = Pick<CheckedField, 'name' | 'value'>;

/**
 * True when some field hides the field `name`: `name=` after a space or tab in another field's
 * value (a missing `;`), or `name` itself behind characters outside `!`…`~` (a pasted
 * invisible character). The tag syntax rules report those, so the record rules do not also say
 * the field is missing. (No regular expression or new string per field: a file of records without
 * the field asks once per record.)
 */
export function hidesField(fields: readonly NamedValue[], name: string): boolean {
  for (const f of fields) {
    for (let at = f.value.indexOf(name, 1); at > 0; at = f.value.indexOf(name, at + 1)) {
      if (isWsp(f.value.charCodeAt(at - 1)) && f.value.charCodeAt(at + name.length) === 61) return true;
    }
    if (isBehindOddCharacters(f.name, name)) return true;
  }
  return false;
}

/**
 * The index of the first field named `name` at or after `from`, or -1. The record checks run once
 * per record and keep their loops in helpers such as this one (see checkStsRecordInFull).
 */
export function nextFieldNamed(fields: readonly NamedValue[], name: string, from: number): number {
  for (let i = from; i < fields.length; i++) if (fields[i]!.name === name) return i;
  return -1;
}

/** True when `text` is `word` once the characters outside `!`…`~` are taken out. */
function isBehindOddCharacters(text: string, word: string): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) continue;
    if (seen >= word.length || c !== word.charCodeAt(seen)) return false;
    seen++;
  }
  return seen === word.length;
}

/**
 * The segment ends of the record being checked (see segmentEndsInto), kept between calls: the
 * checks read them in place, with no parse tree of the record.
 */
const ends: number[] = [];

/**
 * What the walk over a record's segments carries from one segment to the next: one object for
 * the module, set up for each record (see checkTagSyntax).
 */
const walk = {
  /** How many fields have been read into the record's array. */
  n: 0,
  /** The next space and tab at or after the last value searched: -2 not searched yet, -1 none. */
  nextSpace: -2,
  nextTab: -2,
  /** record-empty-field is past its cap: the rest are counted in `emptyLeftOut`. */
  emptyFull: false,
  emptyLeftOut: 0,
  /** The first field of each name, made once a record has more than 9 fields. */
  seen: null as Map<string, CheckedField> | null,
};

/**
 * Reads a record value and reports the syntax problems common to both record types; returns its
 * fields. `known` names the fields the record type defines; others are extensions.
 *
 * This runs once per record and holds no loop, and its two loops (walkSegments, walkNames) only
 * call checkSegment and checkFieldName per item: under V8 11.3 (Node 20) a function that holds a
 * loop and deoptimises once after it was compiled for on-stack replacement keeps entering that
 * code from the interpreter and is not optimised again (docs/benchmarks.md, seventeenth round).
 * A branch first taken late now deoptimises a function without a loop, which V8 optimises again.
 */
export function checkTagSyntax(text: string, known: readonly string[], sink: DiagnosticSink, ownDuplicates: readonly string[] = NO_NAMES): CheckedField[] {
  const count = segmentEndsInto(text, ends);
  const odd = NOT_PRINTABLE.exec(text);
  if (odd) reportNonAscii(text, odd.index, sink);
  // Sized for every segment and cut to the fields found: grown by push, its first element alone
  // made room for 17.
  const fields: CheckedField[] = new Array(count);
  walk.n = 0;
  walk.nextSpace = -2;
  walk.nextTab = -2;
  walk.emptyFull = false;
  walk.emptyLeftOut = 0;
  walkSegments(text, count, fields, sink);
  const n = walk.n;
  letGoOfLargeScratch(ends, count);
  letGoOfLargeScratch(fieldPool, n);
  if (n < count) fields.length = n;
  if (walk.emptyLeftOut) sink.leftOut(recordEmptyField, walk.emptyLeftOut);
  // Fields given again, and extensions (every field but the first, which the version rules
  // check): nothing to do for a record of one field.
  if (n > 1) {
    walk.seen = null;
    walkNames(fields, known, ownDuplicates, odd !== null, sink);
    walk.seen = null; // lets go of the map and the fields in it
  }
  return fields;
}

const NO_NAMES: readonly string[] = [];

/** record-non-ascii, for the first character outside printable ASCII, at `i`. */
function reportNonAscii(text: string, i: number, sink: DiagnosticSink): void {
  if (!sink.room(recordNonAscii)) return;
  const c = text.charCodeAt(i);
  const what = c === 0xa0 ? 'a non-breaking space' : c === 0x201c || c === 0x201d ? 'a curly quote' : c < 0x20 ? `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `\`${String.fromCodePoint(text.codePointAt(i)!)}\``;
  sink.report(recordNonAscii, { start: i, end: i + (c >= 0xd800 && c <= 0xdbff ? 2 : 1) }, `the record holds ${what}; TXT records must be printable US-ASCII`);
}

function walkSegments(text: string, count: number, fields: CheckedField[], sink: DiagnosticSink): void {
  for (let i = 0; i < count; i++) i = checkSegment(text, i, count, fields, sink);
}

/**
 * Segment `i` of `count` (its end in `ends`): an empty field, or a field read into `fields` (at
 * `walk.n`) with its whitespace checked. Returns the last segment it took (a run of empty ones past the cap).
 */
function checkSegment(text: string, i: number, count: number, fields: CheckedField[], sink: DiagnosticSink): number {
  const last = i === count - 1;
  const a = segmentFieldStart(text, ends, i);
  const b = segmentFieldEnd(text, ends, i, a);
  if (b === a) {
    if (last || i === 0) return i;
    if (walk.emptyFull) {
      // Past the cap: counted in one go, with the run of `;;;…` that follows (not the last segment).
      const j = zeroLengthRunEnd(ends, i + 1, count - 1);
      walk.emptyLeftOut += j - i;
      return j - 1;
    }
    if (sink.room(recordEmptyField)) {
      const semi = ends[i]!;
      const span = { start: semi, end: semi + 1 };
      sink.report(recordEmptyField, span, 'empty field: two `;` with nothing between them', { suggestion: { title: 'Remove the extra `;`', edits: [{ span, newText: '' }] } });
    } else walk.emptyFull = true;
    return i;
  }
  const f = readField(text, a, b, reusedField);
  fields[walk.n++] = f;
  const { name, value } = f;
  if (f.eqAt >= 0 && (f.eqAt > f.nameEnd || f.valueStart > f.eqAt + 1) && sink.room(recordWhitespace)) {
    const spans = f.field;
    const s = spans.beforeEq.end > spans.beforeEq.start ? spans.beforeEq : spans.afterEq;
    const edits = [spans.beforeEq, spans.afterEq].filter((x) => x.end > x.start).map((x) => ({ span: x, newText: '' }));
    sink.report(recordWhitespace, s, `no whitespace is allowed around \`=\`; write \`${name}=${value}\``, { suggestion: { title: 'Remove the whitespace around `=`', edits } });
  }
  // Whitespace after the last field with no `;`: the field ends before the text does.
  if (last && f.end < text.length && ends[i] === text.length && sink.room(recordWhitespace)) {
    const trailing = { start: f.end, end: text.length };
    sink.report(recordWhitespace, trailing, 'trailing whitespace after the last field; whitespace is allowed only around `;`', { suggestion: { title: 'Remove the trailing whitespace', edits: [{ span: trailing, newText: '' }] } });
  }
  // Whitespace inside the value, then `name=`: the next space and tab at or after the value
  // are searched in the whole text and kept while the fields have not passed them (one
  // search of each per record in the usual case, not one per field).
  if (f.eqAt >= 0 && walk.nextSpace !== -1 && walk.nextSpace < f.valueStart) walk.nextSpace = text.indexOf(' ', f.valueStart);
  if (f.eqAt >= 0 && walk.nextTab !== -1 && walk.nextTab < f.valueStart) walk.nextTab = text.indexOf('\t', f.valueStart);
  const inner = f.eqAt >= 0 && ((walk.nextSpace >= 0 && walk.nextSpace < f.end) || (walk.nextTab >= 0 && walk.nextTab < f.end)) ? /[ \t]+([A-Za-z0-9_.-]+)=/.exec(value) : null;
  if (inner && sink.room(recordMissingSeparator)) {
    const at = f.valueStart + inner.index;
    sink.report(recordMissingSeparator, { start: at, end: at + inner[0].length }, `\`${inner[1]}=\` follows \`${name}=\` without a \`;\` between them`, { suggestion: { title: 'Insert `;`', edits: [{ span: { start: at, end: at }, newText: ';' }] } });
  }
  return i;
}

function walkNames(fields: readonly CheckedField[], known: readonly string[], ownDuplicates: readonly string[], oddInRecord: boolean, sink: DiagnosticSink): void {
  for (let i = 0; i < fields.length; i++) checkFieldName(fields, i, known, ownDuplicates, oddInRecord, sink);
}

/**
 * Field `i`: given again (its first field of that name searched among the earlier fields while
 * they are few, and in `walk.seen` beyond: most records have two or three fields, and a Map per
 * record cost more than the rest of the rule), and, past the first field, as an extension.
 */
function checkFieldName(fields: readonly CheckedField[], i: number, known: readonly string[], ownDuplicates: readonly string[], oddInRecord: boolean, sink: DiagnosticSink): void {
  const cf = fields[i]!;
  let first: CheckedField | undefined;
  if (!listed(ownDuplicates, cf.name)) {
    if (i > 8) {
      const seen = (walk.seen ??= namesBefore(fields, i));
      first = seen.get(cf.name);
      if (!first) seen.set(cf.name, cf);
    } else {
      const j = nextFieldNamed(fields, cf.name, 0); // at most i: field i has that name
      if (j < i) first = fields[j];
    }
  }
  if (first && sink.room(recordDuplicateField)) {
    sink.report(recordDuplicateField, cf.field.span, `\`${cf.name}\` is given again; the first \`${first.name}=${first.value}\` counts and this one is ignored`, { related: [{ span: first.field.span, message: 'the field that counts' }] });
  }
  if (i === 0 || listed(known, cf.name)) return;
  if (listedInAnyCase(known, cf.name)) return; // the record rules report wrong case
  checkExtension(cf, oddInRecord, sink);
}

/** The first of the fields before `i` of each name. */
function namesBefore(fields: readonly CheckedField[], i: number): Map<string, CheckedField> {
  const seen = new Map<string, CheckedField>();
  for (let j = i - 1; j >= 0; j--) seen.set(fields[j]!.name, fields[j]!);
  return seen;
}

/**
 * True when `name` is in `list`. A loop, not `includes`: the lists hold two or three names, and
 * the builtin's call cost more than the comparisons (it runs for every field of every record).
 */
function listed(list: readonly string[], name: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === name) return true;
  return false;
}

/**
 * True when `name` is one of the lower-case ASCII names in `list` with its letters in any case
 * (what `list.includes(name.toLowerCase())` says for `v`, `id` and `rua`: no other character
 * lower-cases to one of their letters), compared in place: no lower-cased copy of each name, and
 * names of another length are not read.
 */
function listedInAnyCase(list: readonly string[], name: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.length === name.length && sameAtAnyCase(name, 0, list[i]!)) return true;
  return false;
}

/**
 * The first printable ASCII character, space or tab that an extension value may not hold, or -1
 * (other characters are record-non-ascii's).
 */
function badExtensionValueAt(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x7e && !EXT_VALUE_CHAR(c) && (c >= 0x20 || c === 9)) return i;
  }
  return -1;
}

/**
 * An extension field's name and value. `oddInRecord`: the record holds a character that
 * record-non-ascii reports; a name holding one is then left to that rule (a name with a tab,
 * which that rule does not report, is an invalid name here).
 */
function checkExtension(cf: CheckedField, oddInRecord: boolean, sink: DiagnosticSink): void {
  // Offsets until a finding is kept: the spans are built only for a report (past the cap on a code,
  // a file of wrong records only counts).
  const { name, value } = cf;
  if (oddInRecord && NOT_PRINTABLE.test(name)) return;
  if (cf.eqAt < 0) {
    if (sink.room(recordInvalidExtension)) sink.report(recordInvalidExtension, cf.field.span, `\`${name}\` is not a \`name=value\` field`);
    return;
  }
  if (!EXT_NAME.test(name)) {
    if (sink.room(recordInvalidExtension)) {
      const f = cf.field;
      sink.report(recordInvalidExtension, f.name.end > f.name.start ? f.name : f.span, name.length === 0 ? 'the field has no name before `=`' : `\`${name}\` is not a valid field name${oddCharacterNote(name)}: 1–32 letters, digits, \`_\`, \`-\` or \`.\`, starting with a letter or digit`);
    }
    return;
  }
  if (value.length === 0) {
    if (sink.room(recordInvalidExtension)) sink.report(recordInvalidExtension, cf.field.span, `\`${name}=\` has an empty value`);
    return;
  }
  // The search is a helper: this function, run once per extension field, holds no loop (see
  // checkStsRecordInFull).
  const i = badExtensionValueAt(value);
  if (i >= 0) {
    const c = value.charCodeAt(i);
    const at = cf.valueStart + i;
    if (sink.room(recordInvalidExtension)) sink.report(recordInvalidExtension, { start: at, end: at + 1 }, `the value of \`${name}\` holds ${c === 32 || c === 9 ? 'whitespace' : `\`${value[i]}\``}; extension values are visible ASCII without \`=\` or \`;\``);
    return;
  }
  if (sink.room(recordUnknownField)) sink.report(recordUnknownField, cf.field.span, `\`${name}\` is not a field of this record; senders ignore it${name === 'mode' || name === 'mx' || name === 'max_age' ? ' (policy fields belong in the policy file, not the TXT record)' : ''}`);
}
