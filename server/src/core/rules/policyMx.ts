// Rules on `mx` lines of a policy file: the pattern grammar (RFC 8461 §3.2 with RFC 5321
// §4.1.2 Domain) and repeated patterns. Pure: core only.
import { invalidMxProblems, normalizeHost, type MxProblem, type MxProblemKind } from '../mx';
import type { PolicyEntry, PolicyModel } from '../model/policy';
import { LastRange } from '../text/chars';
import { FNV_OFFSET, FirstSeen, fnv1a, fnv1aAsciiLower } from '../text/firstSeen';
import { lines, rule } from './define';
import type { DiagnosticSink, Rule } from './types';

const REF = 'RFC 8461 §3.2';
const pol = (mx: string) => lines('version: STSv1', 'mode: enforce', `mx: ${mx}`, 'max_age: 604800');
const docs = (checks: string, fix: string) => ({
  checks,
  why: 'An `mx` value that breaks the pattern grammar is not an mx field: senders ignore it, so the MX it was meant to allow is never matched and, under `enforce`, mail to it is refused.',
  fix,
  reference: REF,
});

export const mxTrailingDot = rule({
  code: 'STS113', name: 'mx-trailing-dot', severity: 'error', summary: 'An `mx` pattern ends with a dot.',
  docs: docs('A trailing root dot, as copied from zone files or `dig` output.', 'Remove the final dot: `mx: mail.example.com`.'),
  examples: { kind: 'policy', bad: [pol('mail.example.com.')], good: [pol('mail.example.com')] },
});
export const mxBadWildcard = rule({
  code: 'STS114', name: 'mx-bad-wildcard', severity: 'error', summary: 'A `*` that is not the whole leftmost label.',
  docs: docs('Wildcards anywhere but as a leading `*.` (`*.*.example.com`, `mail.*.example.com`, `*example.com`, `*`).', 'Use one leading `*.` (it matches exactly one label), or list the hosts.'),
  examples: { kind: 'policy', bad: [pol('*.*.example.com'), pol('mail.*.example.com'), pol('*example.com'), pol('*')], good: [pol('*.example.com')] },
});
export const mxList = rule({
  code: 'STS115', name: 'mx-list', severity: 'error', summary: 'Several hosts, or a comment, on one `mx` line.',
  docs: docs('Commas, spaces or a `#` comment inside an `mx` value.', 'Write one `mx:` line per pattern and remove comments.'),
  examples: { kind: 'policy', bad: [pol('a.example.com, b.example.com'), pol('a.example.com # primary')], good: [lines(pol('a.example.com'), 'mx: b.example.com')] },
});
export const mxInvalidLabel = rule({
  code: 'STS116', name: 'mx-invalid-label', severity: 'error', summary: 'An `mx` pattern with an invalid label.',
  docs: docs('That every label is letters, digits and inner hyphens (no `_`, no empty labels, no leading or trailing `-`).', 'Write the MX host name exactly as the MX record names it.'),
  examples: { kind: 'policy', bad: [pol('.example.com'), pol('mail_1.example.com'), pol('-mx.example.com')], good: [pol('mx-1.example.com')] },
});
export const mxULabel = rule({
  code: 'STS117', name: 'mx-u-label', severity: 'error', summary: 'An internationalised `mx` pattern not written as A-labels.',
  docs: docs('Non-ASCII characters in an `mx` pattern.', 'Write the A-label form the message gives (`xn--…`).'),
  examples: { kind: 'policy', bad: [pol('bücher.example')], good: [pol('xn--bcher-kva.example')] },
});
export const mxIpAddress = rule({
  code: 'STS118', name: 'mx-ip-address', severity: 'error', summary: 'An IP address where an MX host name belongs.',
  docs: docs('IPv4 or IPv6 addresses as `mx` values.', 'Give the host name that the MX record points to.'),
  examples: { kind: 'policy', bad: [pol('192.0.2.1'), pol('2001:db8::1')], good: [pol('mx.example.com')] },
});
export const mxTooLong = rule({
  code: 'STS119', name: 'mx-too-long', severity: 'error', summary: 'An `mx` label over 63 characters or a name over 253.',
  docs: docs('DNS length limits (RFC 1035): a label holds at most 63 characters and a name at most 253.', 'Correct the host name; no real MX host can be that long.'),
  examples: { kind: 'policy', bad: [pol('a'.repeat(64) + '.example.com')], good: [pol('a'.repeat(63) + '.example.com')] },
});
export const mxEmpty = rule({
  code: 'STS120', name: 'mx-empty', severity: 'error', summary: 'An `mx` line with no value.',
  docs: docs('`mx:` lines with nothing after the colon.', 'Write the MX host name after `mx:`, or delete the line.'),
  examples: { kind: 'policy', bad: [lines(pol('a.example.com'), 'mx:')], good: [pol('a.example.com')] },
});
export const duplicateMx = rule({
  code: 'STS134', name: 'duplicate-mx', severity: 'information', summary: 'The same `mx` pattern twice.',
  docs: { checks: '`mx` patterns that repeat (compared without case).', why: 'Harmless to senders, but a sign of a copy-paste slip; perhaps another host was meant.', fix: 'Delete the repeated line, or correct it to the host that was meant.', reference: REF },
  examples: { kind: 'policy', bad: [lines(pol('a.example.com'), 'mx: A.example.com')], good: [lines(pol('a.example.com'), 'mx: b.example.com')] },
});

export const mxSingleLabel = rule({
  code: 'STS135', name: 'mx-single-label', severity: 'warning', summary: 'An `mx` pattern that is one label, not a full host name.',
  docs: {
    checks: '`mx` patterns without a dot, such as `mx: mail`.',
    why: 'Senders compare each pattern with the whole MX host name (`mail.example.com`), and no MX host on the Internet has a one-label name, so the pattern matches nothing. In a zone file `MX 10 mail` means `mail.<origin>`; a policy takes no origin. Under `enforce`, an MX that only this pattern was meant to allow is refused.',
    fix: 'Write the full host name the MX record points to: `mx: mail.example.com`.',
    reference: 'RFC 8461 §3.2, §4.1',
  },
  examples: { kind: 'policy', bad: [pol('mail'), pol('localhost')], good: [pol('mail.example.com')] },
});
export const mxWildcardTld = rule({
  code: 'STS136', name: 'mx-wildcard-tld', severity: 'warning', summary: 'A wildcard `mx` pattern over a top-level domain (`*.com`).',
  docs: {
    checks: 'Wildcard patterns whose rest is one label: `*.com`, `*.net`, `*.de`.',
    why: 'Such a pattern matches every host directly under the top-level domain: any server there with a certificate from a public CA counts as a valid MX, so the policy no longer keeps mail from a host an attacker names in a forged MX record.',
    fix: 'List the MX hosts, or use a wildcard on your own zone: `mx: *.example.com`.',
    reference: 'RFC 8461 §4.1, §10.4',
  },
  examples: { kind: 'policy', bad: [pol('*.com')], good: [pol('*.example.com')] },
});

export const POLICY_MX_RULES = [mxTrailingDot, mxBadWildcard, mxList, mxInvalidLabel, mxULabel, mxIpAddress, mxTooLong, mxEmpty, duplicateMx, mxSingleLabel, mxWildcardTld];

const BY_KIND: Record<MxProblemKind, Rule> = {
  'empty': mxEmpty, 'list': mxList, 'comment': mxList, 'u-label': mxULabel, 'trailing-dot': mxTrailingDot,
  'ip-address': mxIpAddress, 'wildcard': mxBadWildcard, 'label': mxInvalidLabel, 'too-long': mxTooLong,
};

const NONE: readonly MxProblem[] = Object.freeze([]);

export function checkPolicyMx(model: PolicyModel, sink: DiagnosticSink): void {
  // First occurrence of each normalised pattern. A few patterns are compared with the earlier
  // ones in place; many go in a table of hashes (see firstPatternTable).
  const seen = model.mxCount <= 16 ? null : new FirstSeen(model.mxCount);
  const firstOrAdd = seen && firstPatternTable(model, seen);
  // The model knows which lines are valid (and their pattern); an invalid line is checked here
  // again for its problems, once per run of equal values (a pasted block), and becomes an entry
  // only when a diagnostic about it is kept.
  const tree = model.tree;
  const text = tree.text;
  const last = new LastRange();
  let lastProblems = NONE;
  for (let k = 0; k < model.entryLines.length; k++) {
    if (model.entryKeys[k] !== 'mx') continue;
    const line = model.entryLines[k]!;
    const pattern = model.entryPatterns[k]!;
    if (pattern < 0) {
      const vs = tree.valueStart(line), ve = tree.valueEnd(line);
      if (!last.repeats(text, vs, ve)) lastProblems = invalidMxProblems(text.slice(vs, ve));
      reportProblems(model, line, lastProblems, sink);
      continue;
    }
    const value = model.mxPatterns[pattern]!;
    checkMxScope(model, line, value, sink);
    const at = firstOrAdd ? firstOrAdd(value, k) : firstEqualPattern(model, value, k);
    if (at >= 0 && sink.room(duplicateMx)) {
      const e = model.entryOfLine(line);
      const first = model.entryOfLine(model.entryLines[at]!);
      sink.report(duplicateMx, e.valueSpan, `\`${e.value}\` repeats the pattern on line ${first.line.index + 1}`, {
        related: [{ span: first.valueSpan, message: 'first occurrence' }],
        suggestion: { title: 'Delete the repeated line', edits: [{ span: { start: e.line.span.start, end: e.line.terminatorSpan.end }, newText: '' }] },
      });
    }
  }
  seen?.release(); // its arrays go to the next lint's table
}

/**
 * The first entry before entry `k` whose valid pattern equals `value` once normalised, or -1. Valid
 * patterns are ASCII without a final dot, so normalizeHost only lower-cases them: equal lengths
 * and equal letters in any case say the same, with no string made (a small policy's lint ran
 * normalizeHost, a closure and two lists for this).
 */
function firstEqualPattern(model: PolicyModel, value: string, k: number): number {
  for (let j = 0; j < k; j++) {
    const p = model.entryPatterns[j]!;
    if (p >= 0 && samePatternIgnoringCase(model.mxPatterns[p]!, value)) return j;
  }
  return -1;
}

/**
 * True when the valid patterns `a` and `b` are equal once ASCII capitals are lower-cased. Their
 * characters are letters, digits, `-`, `.` and `*`, and among those only a capital and its small
 * letter agree once 0x20 is set.
 */
function samePatternIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if ((a.charCodeAt(i) | 32) !== (b.charCodeAt(i) | 32)) return false;
  return true;
}

/**
 * For many patterns: a table of hashes read from each pattern's characters (ASCII lower-cased,
 * without a final dot, as normalizeHost gives them); normalised patterns are compared only when
 * two hashes meet (a Map of the normalised strings cost a quarter of a 1 MiB policy's lint).
 * Returns the first entry with the pattern of entry `index`, or stores it and returns -1. `seen`
 * is the table, empty.
 */
function firstPatternTable(model: PolicyModel, seen: FirstSeen): (value: string, index: number) => number {
  let current = '';
  const sameAsCurrent = (first: number) => normalizeHost(model.mxPatterns[model.entryPatterns[first]!]!) === normalizeHost(current);
  return (value, index) => {
    current = value;
    return seen.firstOrAdd(normalizedHash(value), index, sameAsCurrent);
  };
}

/**
 * A valid pattern that matches no real MX host (one label: `mail`) or far too many (a wildcard
 * over a top-level domain: `*.com`). A valid pattern has no final dot, so a label is a dot-free run.
 */
function checkMxScope(model: PolicyModel, line: number, value: string, sink: DiagnosticSink): void {
  const wildcard = value.charCodeAt(0) === 42 /* * */;
  if (value.indexOf('.', wildcard ? 2 : 0) >= 0) return;
  const r = wildcard ? mxWildcardTld : mxSingleLabel;
  if (!sink.room(r)) return;
  const e = model.entryOfLine(line);
  if (wildcard) {
    sink.report(r, e.valueSpan, `\`${value}\` matches every host directly under the top-level domain \`${value.slice(2)}\`: any server there with a public certificate passes as your MX; list your MX hosts or use \`*.\` on your own zone`);
  } else {
    sink.report(r, e.valueSpan, `\`${value}\` is one label, not a full host name: senders compare patterns with the whole MX host name, so it matches no MX host (a zone file's \`MX 10 ${value}\` means \`${value}.<origin>\`; a policy has no origin); write the host name in full`);
  }
}

/** The hash of `normalizeHost(host)`, read from `host` without making that string when it is ASCII. */
function normalizedHash(host: string): number {
  const end = host.length > 0 && host.charCodeAt(host.length - 1) === 46 ? host.length - 1 : host.length;
  return fnv1aAsciiLower(FNV_OFFSET, host, 0, end) ?? fnv1a(FNV_OFFSET, normalizeHost(host));
}

/**
 * The diagnostics of an invalid `mx` line whose rule still has room; the others are counted.
 * The line becomes an entry only for a diagnostic that is kept.
 */
function reportProblems(model: PolicyModel, line: number, problems: readonly MxProblem[], sink: DiagnosticSink): void {
  let e: PolicyEntry | null = null;
  for (const p of problems) {
    if (!sink.room(BY_KIND[p.kind])) continue;
    e ??= model.entryOfLine(line);
    const base = e.valueSpan.start;
    const len = e.value.length;
    const a = Math.min(p.start, len);
    const span = p.kind === 'empty' ? e.keySpan : { start: base + a, end: base + Math.min(len, Math.max(p.end, a + 1)) };
    const edits = [];
    if (p.replacement !== undefined) edits.push({ span: e.valueSpan, newText: p.replacement });
    if (p.kind === 'list') {
      const parts = e.value.split(/[\s,]+/).filter(Boolean);
      const eol = e.line.terminator || '\n';
      edits.push({ span: e.line.span, newText: parts.map((x) => `mx: ${x}`).join(eol) });
    }
    const suggestion = edits.length ? { title: p.kind === 'list' ? 'Split into one `mx` line per host' : `Write \`${p.replacement}\``, edits } : undefined;
    sink.report(BY_KIND[p.kind], span, p.message, suggestion ? { suggestion } : undefined);
  }
}
