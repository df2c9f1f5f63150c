// Rules on the fields of a policy file: required fields, exact keys and values, version,
// mode, max_age, duplicates, unknown and malformed extensions (RFC 8461 §3.2). Pure: core only.
import { MAX_AGE_LIMIT, MODES, POLICY_KEYS, validFieldAt, type PolicyEntry, type PolicyModel } from '../model/policy';
import { isDigit, oddCharacterNote, sameAtAnyCase } from '../text/chars';
import { closest } from '../text/similar';
import type { Span } from '../text/span';
import { lines, rule } from './define';
import type { DiagnosticSink, Rule, Suggestion } from './types';

const P = (...l: string[]) => lines(...l);
const REF = 'RFC 8461 §3.2';
const GOOD = P('version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'max_age: 604800');
const NONE = P('version: STSv1', 'mode: none', 'max_age: 86400');

export const missingVersion = rule({
  code: 'STS101', name: 'missing-version', severity: 'error',
  summary: 'The policy has no `version: STSv1` field.',
  docs: { checks: 'That a `version` field with the value `STSv1` is present.', why: 'Without it the policy is invalid and senders ignore it: the domain then has no MTA-STS protection.', fix: 'Add the line `version: STSv1` (anywhere; first is customary).', reference: REF },
  examples: { kind: 'policy', bad: [P('mode: none', 'max_age: 86400')], good: [NONE, P('mode: none', 'max_age: 86400', 'version: STSv1')] },
});

export const missingMode = rule({
  code: 'STS102', name: 'missing-mode', severity: 'error',
  summary: 'The policy has no valid `mode` field.',
  docs: { checks: 'That a `mode` field with `enforce`, `testing` or `none` is present.', why: 'Without a mode the policy is invalid and senders ignore it.', fix: 'Add `mode: testing` while you roll out, `mode: enforce` once reports are clean.', reference: REF },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mx: mail.example.com', 'max_age: 86400')], good: [NONE] },
});

export const maxAgeTooLarge = rule({
  code: 'STS103', name: 'max-age-too-large', severity: 'error',
  summary: '`max_age` is above one year (31557600 seconds).',
  docs: { checks: 'That `max_age` is at most 31557600 seconds (365.25 days).', why: 'The RFC caps max_age at one year; senders may reject a larger value or clamp it, so the result is unpredictable.', fix: 'Use `max_age: 31557600` or less; 604800 (1 week) to 1209600 (2 weeks) is common.', reference: REF },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: none', 'max_age: 31557601')], good: [P('version: STSv1', 'mode: none', 'max_age: 31557600')] },
});

export const missingMaxAge = rule({
  code: 'STS104', name: 'missing-max-age', severity: 'error',
  summary: 'The policy has no valid `max_age` field.',
  docs: { checks: 'That a `max_age` field with 1 to 10 digits is present.', why: 'Without it the policy is invalid and senders ignore it.', fix: 'Add `max_age: 604800` (one week) or longer once you enforce.', reference: REF },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: none')], good: [NONE] },
});

export const missingMx = rule({
  code: 'STS105', name: 'missing-mx', severity: 'error',
  summary: 'A `testing` or `enforce` policy has no valid `mx` line.',
  docs: { checks: 'That at least one valid `mx` pattern is present unless the mode is `none`.', why: 'Without `mx` patterns no MX can match, so the policy is invalid; under `enforce` no MX could ever be used.', fix: 'Add one `mx:` line per MX host (or a `*.` pattern covering them).', reference: REF },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: enforce', 'max_age: 86400')], good: [GOOD, NONE] },
});

export const invalidMode = rule({
  code: 'STS106', name: 'invalid-mode', severity: 'error',
  summary: 'A `mode` line whose value is not `enforce`, `testing` or `none`.',
  docs: { checks: 'The value of every `mode` line, case-sensitively.', why: '`mode: Enforce` or `mode: enforced` is not a mode field: senders read it as an unknown extension, so the policy has no mode and is invalid.', fix: 'Write exactly `enforce`, `testing` or `none`, in lower case.', reference: REF },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: Enforce', 'mx: a.example.com', 'max_age: 86400'), P('version: STSv1', 'mode: enforced', 'mx: a.example.com', 'max_age: 86400')], good: [GOOD] },
});

export const invalidMaxAge = rule({
  code: 'STS107', name: 'invalid-max-age', severity: 'error',
  summary: 'A `max_age` value that is not 1 to 10 digits.',
  docs: { checks: 'That `max_age` is a plain non-negative integer of at most 10 digits.', why: 'Units, signs or words (`1d`, `+5`, `-1`, `1 week`) are not seconds; senders read the line as an unknown extension and the policy has no max_age.', fix: 'Write the number of seconds, e.g. `max_age: 604800`.', reference: REF },
  examples: { kind: 'policy', bad: ['version: STSv1\nmode: none\nmax_age: 1d', 'version: STSv1\nmode: none\nmax_age: -1', 'version: STSv1\nmode: none\nmax_age: 12345678901'], good: [NONE, 'version: STSv1\nmode: none\nmax_age: 0000604800'] },
});

export const invalidVersion = rule({
  code: 'STS108', name: 'invalid-version', severity: 'error',
  summary: 'A `version` line whose value is not `STSv1`.',
  docs: { checks: 'The value of every `version` line, case-sensitively.', why: 'Only `STSv1` exists; `stsv1` or `STSv2` is not a version field, so the policy has no version and is invalid.', fix: 'Write `version: STSv1`.', reference: REF },
  examples: { kind: 'policy', bad: ['version: STSv2\nmode: none\nmax_age: 86400', 'version: stsv1\nmode: none\nmax_age: 86400'], good: [NONE] },
});

export const keyWrongCase = rule({
  code: 'STS109', name: 'key-wrong-case', severity: 'error',
  summary: 'A known key written in the wrong case (`Mode`, `MX`).',
  docs: { checks: 'Keys that equal `version`, `mode`, `mx` or `max_age` except for case.', why: 'Keys are case-sensitive: `Mode: enforce` is an unknown extension to senders, so the field it was meant to be is missing.', fix: 'Write the key in lower case.', reference: REF },
  examples: { kind: 'policy', bad: [P('Version: STSv1', 'mode: none', 'max_age: 86400'), P('version: STSv1', 'mode: enforce', 'MX: mail.example.com', 'max_age: 86400')], good: [GOOD] },
});

export const keyMisspelt = rule({
  code: 'STS110', name: 'key-misspelt', severity: 'error',
  summary: 'A key that looks like a misspelt known key (`max-age`, `nmx`).',
  docs: { checks: 'Unknown keys within one edit of `version`, `mode`, `mx` or `max_age` (after folding `-` and `.` to `_`).', why: 'Senders read the line as an unknown extension and ignore it, so the field the author meant is missing.', fix: 'Use the exact key the suggestion names.', reference: REF },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: none', 'max-age: 86400'), P('version: STSv1', 'mode: enforce', 'nmx: mail.example.com', 'mx: a.example.com', 'max_age: 86400')], good: [GOOD, P(NONE, 'note: hello')] },
});

export const unknownField = rule({
  code: 'STS111', name: 'unknown-field', severity: 'information',
  summary: 'A field that is not defined by RFC 8461 (an extension).',
  docs: { checks: 'Keys other than `version`, `mode`, `mx` and `max_age`.', why: 'Senders must accept and ignore unknown fields, so the line has no effect. The IANA registry lists no other policy fields.', fix: 'Remove the line unless a tool you use needs it.', reference: REF },
  examples: { kind: 'policy', bad: [P(NONE, 'note: hello')], good: [NONE] },
});

export const duplicateField = rule({
  code: 'STS112', name: 'duplicate-field', severity: 'warning',
  summary: 'A field other than `mx` given again; only the first counts.',
  docs: { checks: 'Second and later `version`, `mode` and `max_age` fields.', why: 'Senders use the first occurrence and ignore the rest, so editing the later line changes nothing.', fix: 'Delete the ignored line (or move the value you want to the first one).', reference: REF },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 86400', 'mode: testing')], good: [GOOD] },
});

export const maxAgeShort = rule({
  code: 'STS121', name: 'max-age-short', severity: 'warning',
  summary: '`max_age` is short for the mode (under a week when enforcing, a day when testing).',
  docs: { checks: '`max_age` below 604800 seconds with `mode: enforce`, or below 86400 with `mode: testing`.', why: 'The policy protects only while cached; a short max_age leaves a window in which an attacker who blocks the policy fetch can downgrade delivery. The RFC expects weeks or more.', fix: 'Use `max_age: 604800` or more once enforcing (1209600 or 31557600 are common).', reference: 'RFC 8461 §3.2, §10.2' },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 86400')], good: [GOOD, P('version: STSv1', 'mode: testing', 'mx: a.example.com', 'max_age: 86400'), P('version: STSv1', 'mode: none', 'max_age: 60')] },
});

export const maxAgeZero = rule({
  code: 'STS122', name: 'max-age-zero', severity: 'warning',
  summary: '`max_age: 0` means senders never cache the policy.',
  docs: { checks: '`max_age` of zero with `mode` testing or enforce.', why: 'A policy that is never cached gives no protection against an attacker who blocks the next policy fetch.', fix: 'Use at least `max_age: 86400` while testing and a week or more when enforcing.', reference: 'RFC 8461 §10.2' },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode: testing', 'mx: a.example.com', 'max_age: 0')], good: [GOOD] },
});

export const invalidExtensionName = rule({
  code: 'STS131', name: 'invalid-extension-name', severity: 'error',
  summary: 'A key that is not a valid field name.',
  docs: { checks: 'That every key is 1–32 characters of letters, digits, `_`, `-` and `.`, starting with a letter or digit.', why: 'A line whose key breaks the grammar makes the whole policy invalid for strict senders.', fix: 'Remove the line or rename the key.', reference: REF },
  examples: { kind: 'policy', bad: [P(NONE, '_note: x'), P(NONE, 'a'.repeat(33) + ': x')], good: [P(NONE, 'a'.repeat(32) + ': x')] },
});

export const invalidExtensionValue = rule({
  code: 'STS132', name: 'invalid-extension-value', severity: 'error',
  summary: 'An extension field with an empty value or a control character.',
  docs: { checks: 'That every extension value is non-empty and holds no tabs or other control characters (spaces inside and UTF-8 are fine).', why: 'Such a line breaks the grammar, so strict senders reject the whole policy.', fix: 'Give the field a value without tabs, or delete the line.', reference: REF },
  examples: { kind: 'policy', bad: [P(NONE, 'note:'), P(NONE, 'note: a\tb')], good: [P(NONE, 'note: hello world'), P(NONE, 'note: café')] },
});

export const modeNone = rule({
  code: 'STS133', name: 'mode-none', severity: 'information',
  summary: '`mode: none` withdraws the policy.',
  docs: { checks: 'A policy in mode `none`.', why: 'Senders treat the domain as having no active policy. This is the first step of removing MTA-STS; the TXT record and policy host must stay until every earlier policy has expired.', fix: 'To remove MTA-STS: publish this policy with a small max_age, publish a new TXT id, and remove the TXT record and policy host only after the longest earlier max_age has passed.', reference: 'RFC 8461 §5, §8.3' },
  examples: { kind: 'policy', bad: [NONE], good: [GOOD] },
});

export const POLICY_FIELD_RULES = [missingVersion, missingMode, maxAgeTooLarge, missingMaxAge, missingMx, invalidMode, invalidMaxAge, invalidVersion, keyWrongCase, keyMisspelt, unknownField, duplicateField, maxAgeShort, maxAgeZero, invalidExtensionName, invalidExtensionValue, modeNone];

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

function fold(key: string): string {
  return key.toLowerCase().replace(/[-. ]/g, '_');
}

/** True when `fold(key)` is `key`: it holds only a-z, digits and `_`. */
function isFolded(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || isDigit(c) || c === 95)) return false;
  }
  return true;
}

/** Whether `value` would be a plausible value of field `key` (gates misspelling guesses). */
function valueFits(key: string, value: string): boolean {
  if (key === 'mx') return /^[*A-Za-z0-9_.-]+$/.test(value) && value.includes('.');
  if (key === 'mode') return intendedMode(value) !== null;
  if (key === 'max_age') return /^\s*[0-9]/.test(value);
  return /^stsv/i.test(value);
}

/** The known key that `key` was probably meant to be, and whether only its case differs. */
export function intendedKey(key: string, value: string): { key: string; caseOnly: boolean } | null {
  // A key of lower-case letters, digits and `_` (most unknown keys) is its own fold.
  const folded = isFolded(key);
  // Only A-Z lower-case to the letters of the known keys (toLowerCase never shortens a key).
  if (!folded) for (const k of POLICY_KEYS) if (k !== key && k.length === key.length && sameAtAnyCase(key, 0, k)) return { key: k, caseOnly: true };
  // Keys are at most 7 long, and a guess is at most one edit away.
  if ((POLICY_KEYS as readonly string[]).includes(key) || key.length > 8) return null;
  const f = folded ? key : fold(key);
  if ((POLICY_KEYS as readonly string[]).includes(f)) return { key: f, caseOnly: false };
  const match = closest(f, POLICY_KEYS, 1);
  return match && valueFits(match, value) ? { key: match, caseOnly: false } : null;
}

/** The mode that a wrong `mode` value was probably meant to be. */
export function intendedMode(value: string): string | null {
  const v = value.toLowerCase().replace(/^[\s"'[<(]+|[\s"'\]>);,.]+$/g, '');
  if ((MODES as readonly string[]).includes(v)) return v;
  const firstWord = v.split(/[\s|#]+/)[0] ?? '';
  if ((MODES as readonly string[]).includes(firstWord)) return firstWord;
  return closest(v, MODES, 2);
}

function lineSpan(e: PolicyEntry): Span {
  return { start: e.line.span.start, end: e.line.terminatorSpan.end };
}

/** A suggestion that adds `line` after the last non-blank line. */
function appendLine(model: PolicyModel, line: string, title: string): Suggestion {
  const tree = model.tree;
  let i = tree.lineCount - 1;
  while (i > 0 && tree.kind(i) === 'blank') i--;
  const term = tree.terminator(i);
  const eol = term === '\r\n' ? '\r\n' : '\n';
  const after = tree.end(i) + term.length;
  const edit = term ? { span: { start: after, end: after }, newText: `${line}${eol}` } : { span: { start: after, end: after }, newText: `\n${line}` };
  return { title, edits: [edit] };
}

/** The value, or the key when the value is empty: where a bad value is shown. */
function valueOrKey(e: PolicyEntry): Span {
  return e.value.length ? e.valueSpan : e.keySpan;
}

function firstLineSpan(model: PolicyModel): Span {
  return { start: model.tree.start(0), end: model.tree.end(0) };
}

function show(v: string): string {
  return v.length > 40 ? v.slice(0, 40) + '…' : v;
}

/** The line of the field that counts for `version`, `mode` or `max_age`, else -1 (a lookup without a Map). */
function countingLine(model: PolicyModel, key: string): number {
  return key === 'version' ? model.versionLine : key === 'mode' ? model.modeLine : key === 'max_age' ? model.maxAgeLine : -1;
}

/** The field that counts for a key other than `mx`, or undefined. */
function firstField(model: PolicyModel, key: string): PolicyEntry | undefined {
  const line = countingLine(model, key);
  return line < 0 ? undefined : model.entryOfLine(line);
}

/**
 * A line meant as field `key` that senders ignore. When a valid `key` field exists the line
 * changes nothing (a warning); otherwise the policy lacks the field (the rule's error), which is
 * noted in `explained`. (A function of its own, not a closure made on every lint.)
 */
function reportBroken(model: PolicyModel, sink: DiagnosticSink, explained: string[], r: Rule, e: PolicyEntry, key: string, span: Span, what: string, meant: string | null, fix?: Suggestion): void {
  const ask = meant ? ` Did you mean \`${meant}\`?` : '';
  const first = key === 'mx' ? undefined : firstField(model, key);
  if (first) {
    sink.report(duplicateField, span, `${what}, so senders ignore this line; the \`${key}\` that counts is \`${key}: ${show(first.value)}\` on line ${first.line.index + 1}.${ask}`, {
      related: [{ span: first.line.span, message: `the \`${key}\` that counts` }],
      suggestion: { title: 'Delete the ignored line', edits: [{ span: lineSpan(e), newText: '' }] },
    });
    return;
  }
  const tail = key === 'mx' ? `so \`${show(e.value)}\` is never matched` : `so the policy has no \`${key}\``;
  sink.report(r, span, `${what}; senders read this line as an unknown extension, ${tail}.${ask}`, fix ? { suggestion: fix } : undefined);
  if (!explained.includes(key)) explained.push(key);
}

export function checkPolicyFields(model: PolicyModel, sink: DiagnosticSink): void {
  // Keys whose absence a diagnostic already explains (a handful at most: a list is enough).
  const explained: string[] = [];
  let intendedModeValue: string | null = null;

  const tree = model.tree;
  const text = tree.text;
  for (let k = 0; k < model.entryLines.length; k++) {
    const key = model.entryKeys[k]!;
    if (key === 'mx') continue;
    const line = model.entryLines[k]!;
    // A valid known field (nearly every line) is decided on the offsets; the others on their key
    // and value, and they become entries only for a finding that is kept.
    // The field that counts is valid (the model chose it so); a later valid one is a repeat.
    const firstLine = countingLine(model, key);
    if (line === firstLine) continue;
    if (validFieldAt(key, text, tree.valueStart(line), tree.valueEnd(line))) {
      reportRepeat(model, line, firstLine, sink);
      continue;
    }
    if (key !== 'version' && key !== 'mode' && key !== 'max_age') {
      const value = model.valueOf(line);
      const meant = intendedKey(key, value);
      if (meant?.key === 'mode') intendedModeValue ??= intendedMode(value);
      const validName = EXT_NAME.test(key);
      // Past the cap (a file of unknown keys) the finding is only counted, with the keys it
      // explains as missing and the check of an extension's value: no entry or message is built.
      const first = meant ? firstField(model, meant.key) : undefined;
      if (!sink.room(!validName ? invalidExtensionName : !meant ? unknownField : first ? duplicateField : meant.caseOnly ? keyWrongCase : keyMisspelt)) {
        if (meant && !first && !explained.includes(meant.key)) explained.push(meant.key);
        if (validName && !meant && (value.length === 0 || controlAt(value) >= 0)) checkExtensionValue(model.entryOfLine(line), sink);
        continue;
      }
      const e = model.entryOfLine(line);
      if (!validName) {
        const why = key.length === 0 ? 'the line has no key before the colon' : key.length > 32 ? `the key is ${key.length} characters long; at most 32 are allowed` : `\`${show(key)}\` is not a valid field name${oddCharacterNote(key)}: it must start with a letter or digit and hold only letters, digits, \`_\`, \`-\` and \`.\``;
        const ask = meant ? ` Did you mean \`${meant.key}\`?` : '';
        sink.report(invalidExtensionName, key.length ? e.keySpan : lineSpan(e), `${why}; strict senders reject the policy.${ask}`,
          meant ? { suggestion: { title: `Rename the key to \`${meant.key}\``, edits: [{ span: e.keySpan, newText: meant.key }] } } : undefined);
        if (meant && !first) explained.push(meant.key);
      } else if (meant) {
        const what = meant.caseOnly ? `\`${key}\` is not the field \`${meant.key}\` (keys are case-sensitive)` : `\`${show(key)}\` is not a policy field`;
        reportBroken(model, sink, explained, meant.caseOnly ? keyWrongCase : keyMisspelt, e, meant.key, e.keySpan, what, meant.caseOnly ? null : meant.key, { title: `Rename the key to \`${meant.key}\``, edits: [{ span: e.keySpan, newText: meant.key }] });
      } else {
        sink.report(unknownField, e.keySpan, `\`${key}\` is not an MTA-STS policy field; senders ignore it`);
        checkExtensionValue(e, sink);
      }
      continue;
    }
    const value = model.valueOf(line);
    // Past the cap (a file of many wrong lines) the finding is only counted, with what the
    // rest of the check needs from it: no entry or message is built.
    const counted = firstLine >= 0;
    if (!sink.room(counted ? duplicateField : key === 'version' ? invalidVersion : key === 'mode' ? invalidMode : invalidMaxAge)) {
      if (key === 'mode') intendedModeValue ??= intendedMode(value);
      if (!counted && !explained.includes(key)) explained.push(key);
      continue;
    }
    const e = model.entryOfLine(line);
    if (key === 'version') {
      const what = value.length === 0 ? '`version` has no value' : `\`${show(value)}\` is not a version: the only version is \`STSv1\`${value.toLowerCase() === 'stsv1' ? ' (values are case-sensitive)' : ''}`;
      reportBroken(model, sink, explained, invalidVersion, e, 'version', valueOrKey(e), what, null, { title: 'Write `STSv1`', edits: [{ span: e.valueSpan, newText: 'STSv1' }] });
    } else if (key === 'mode') {
      const meant = intendedMode(value);
      intendedModeValue ??= meant;
      const what = value.length === 0 ? '`mode` has no value' : `\`${show(value)}\` is not a mode (\`enforce\`, \`testing\` or \`none\`, case-sensitive)`;
      reportBroken(model, sink, explained, invalidMode, e, 'mode', valueOrKey(e), what, meant, meant ? { title: `Write \`${meant}\``, edits: [{ span: e.valueSpan, newText: meant }] } : undefined);
    } else if (key === 'max_age') {
      const odd = /[^\x20-\x7e]/.exec(value);
      const what = value.length === 0 ? '`max_age` has no value'
        : odd && /[0-9]/.test(value) ? `\`max_age\` holds ${odd[0] === '\u00a0' ? 'a non-breaking space' : `the character U+${odd[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`} besides the digits`
        : /^[0-9]+$/.test(value) ? `\`max_age\` has ${value.length} digits; at most 10 are allowed`
        : `\`max_age\` must be a number of seconds (digits only, no sign or unit), not \`${show(value)}\``;
      reportBroken(model, sink, explained, invalidMaxAge, e, 'max_age', valueOrKey(e), what, null);
    }
  }

  if (model.versionLine < 0 && !explained.includes('version')) {
    const bom = model.tree.bomEnd(0);
    sink.report(missingVersion, firstLineSpan(model), 'the policy has no `version: STSv1` line, so senders ignore it', { suggestion: { title: 'Add `version: STSv1`', edits: [{ span: { start: bom, end: bom }, newText: 'version: STSv1\n' }] } });
  }
  if (model.modeLine < 0 && !explained.includes('mode')) sink.report(missingMode, firstLineSpan(model), 'the policy has no `mode` line (`enforce`, `testing` or `none`), so senders ignore it', { suggestion: appendLine(model, 'mode: testing', 'Add `mode: testing`') });
  if (model.maxAgeLine < 0 && !explained.includes('max_age')) sink.report(missingMaxAge, firstLineSpan(model), 'the policy has no `max_age` line, so senders ignore it', { suggestion: appendLine(model, 'max_age: 604800', 'Add `max_age: 604800` (one week)') });
  const mode = model.modeValue ?? intendedModeValue;
  if (mode !== 'none' && model.mxPatterns.length === 0) {
    const m = mode ? `mode \`${mode}\`` : 'a policy that is not in mode `none`';
    const some = model.mxCount > 0 || explained.includes('mx');
    sink.report(missingMx, model.mode?.line.span ?? firstLineSpan(model), some ? `no \`mx\` line of this policy is valid, so it has no mx patterns; ${m} needs at least one, and senders ignore the policy` : `${m} needs at least one \`mx\` line; without one the policy is invalid and no MX can match`);
  }

  const age = model.maxAgeValue;
  // The entry is built only for a diagnostic (maxAgeValue is set exactly when maxAge is).
  if (age !== null) {
    if (age > MAX_AGE_LIMIT) {
      sink.report(maxAgeTooLarge, model.maxAge!.valueSpan, `max_age must be at most 31557600 seconds (one year); got ${model.maxAge!.value}`, {
        suggestion: { title: 'Use 31557600 (one year)', edits: [{ span: model.maxAge!.valueSpan, newText: '31557600' }] },
      });
    } else if (age === 0 && model.modeValue !== 'none') {
      sink.report(maxAgeZero, model.maxAge!.valueSpan, '`max_age: 0` means senders never cache the policy, so it gives no protection against a blocked fetch');
    } else if ((model.modeValue === 'enforce' && age < 604800) || (model.modeValue === 'testing' && age < 86400)) {
      const want = model.modeValue === 'enforce' ? '604800 (one week)' : '86400 (one day)';
      const why = model.modeValue === 'enforce' ? 'so that an attacker who blocks a policy fetch cannot downgrade delivery' : 'so that senders keep the policy between daily refreshes and your reports stay complete';
      sink.report(maxAgeShort, model.maxAge!.valueSpan, `max_age ${age} is ${humanDuration(age)}; in mode \`${model.modeValue}\` use at least ${want}, ${why}`);
    }
  }
  if (model.modeValue === 'none') {
    sink.report(modeNone, model.mode!.valueSpan, '`mode: none` withdraws the policy; keep the TXT record and policy host until every earlier policy has expired (RFC 8461 §8.3)');
  }
}

/** A valid `version`, `mode` or `max_age` line after the one that counts. */
function reportRepeat(model: PolicyModel, line: number, firstLine: number, sink: DiagnosticSink): void {
  const e = model.entryOfLine(line);
  const first = model.entryOfLine(firstLine);
  const same = e.value === first.value ? ' (same value)' : '';
  sink.report(duplicateField, e.line.span, `\`${e.key}\` is given again${same}; senders use the first one, \`${first.key}: ${show(first.value)}\` on line ${first.line.index + 1}, and ignore this line`, {
    related: [{ span: first.line.span, message: `the \`${first.key}\` that counts` }],
    suggestion: { title: 'Delete the ignored duplicate', edits: [{ span: lineSpan(e), newText: '' }] },
  });
}

function checkExtensionValue(e: PolicyEntry, sink: DiagnosticSink): void {
  if (e.value.length === 0) {
    sink.report(invalidExtensionValue, e.keySpan, `\`${show(e.key)}\` has an empty value; extension values must not be empty`);
    return;
  }
  const i = controlAt(e.value);
  if (i >= 0) {
    const c = e.value.charCodeAt(i);
    const at = e.valueSpan.start + i;
    const name = c === 9 ? 'a tab' : `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    sink.report(invalidExtensionValue, { start: at, end: at + 1 }, `the value of \`${show(e.key)}\` holds ${name}, which the grammar does not allow`);
  }
}

/** The index of the first tab or other control character in `value`, or -1. */
function controlAt(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return i;
  }
  return -1;
}

/** Seconds as a human duration: `604800` → `7 days`. */
export function humanDuration(seconds: number): string {
  if (seconds === 0) return '0 seconds';
  const units: [number, string][] = [[31557600, 'year'], [86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, name] of units) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
      if (parts.length === 2) break;
    }
  }
  return parts.join(' ');
}

