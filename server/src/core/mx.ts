// MX host patterns of a policy: their grammar (RFC 8461 §3.2, RFC 5321 §4.1.2 Domain) and
// matching against MX host names (RFC 8461 §4.1). Pure: core only.
import { isLdh } from './text/chars';
import { isAscii, toALabels } from './text/punycode';

export type MxProblemKind = 'empty' | 'list' | 'comment' | 'u-label' | 'trailing-dot' | 'ip-address' | 'wildcard' | 'label' | 'too-long';

export interface MxProblem {
  readonly kind: MxProblemKind;
  /** Offsets relative to the start of the pattern. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** A corrected pattern, when there is exactly one obvious correction. */
  readonly replacement?: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A character that one of the checks of checkUnusualPattern looks for. */
const UNUSUAL = /[#:, \t\u0080-\uffff]/;

/**
 * True when the value holds none of `#`, `:`, `,`, space, tab or a non-ASCII character: then
 * none of the checks for comments, URLs, lists, invisible or non-ASCII characters can apply, and
 * the five regular expressions behind them are skipped (`mx_1.example.com` needs none of them).
 * A regular expression here (it runs only for a value that is not a valid pattern): a loop of
 * charCodeAt took 4–8 ns a character, 15 ms for a 1 MiB value.
 */
function isPlain(value: string): boolean {
  return !UNUSUAL.test(value);
}

/**
 * A valid pattern's shape, as the checks below define it: an optional leading `*.`, then labels
 * of letters, digits and inner hyphens. The 63-character limit of a label is tested apart (only
 * a value longer than 63 can break it), as are the length and IPv4 conditions: V8 runs this form,
 * with no bounded repeat and no label tried twice, in about 0.7× the time of the form with
 * `{0,61}` in it.
 */
const VALID_SHAPE = /^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * True when `value` is a valid pattern: the same answer as `checkMxPattern(value).length === 0`
 * (a property test holds them together), without the checks that explain a wrong one. The
 * length test comes first, so the expression never runs on more than 253 characters.
 */
export function isValidMxPattern(value: string): boolean {
  return value.length > 0 && value.length <= 253 && VALID_SHAPE.test(value) && (value.length <= 63 || !hasLongLabel(value)) && !(value.charCodeAt(0) <= 57 && IPV4.test(value));
}

/** True when a label of `value` is longer than 63 characters. */
function hasLongLabel(value: string): boolean {
  for (let start = 0; ; ) {
    const dot = value.indexOf('.', start);
    const end = dot < 0 ? value.length : dot;
    if (end - start > 63) return true;
    if (dot < 0) return false;
    start = dot + 1;
  }
}

/** Checks one `mx` value; an empty result means the pattern is valid. */
export function checkMxPattern(value: string): MxProblem[] {
  if (value.length === 0) return [{ kind: 'empty', start: 0, end: 0, message: '`mx` has no value; give one MX host name or a `*.` wildcard pattern' }];
  // Fast path for the common valid pattern: regular expressions run in native code.
  return isValidMxPattern(value) ? [] : invalidMxProblems(value);
}

/**
 * The problems of a value that isValidMxPattern rejects (the policy model has asked it already):
 * checkMxPattern without the first test.
 */
export function invalidMxProblems(value: string): MxProblem[] {
  if (value.length === 0) return checkMxPattern(value);
  if (!isPlain(value)) {
    const early = checkUnusualPattern(value);
    if (early) return early;
  }
  // Without the dot the value must be valid; a value that ends in `..` never is, and not
  // recursing then keeps a long run of dots from recursing once per dot.
  if (value.length > 1 && value.endsWith('.') && !value.endsWith('..') && isValidMxPattern(value.slice(0, -1))) {
    const fixed = value.slice(0, -1);
    return [{ kind: 'trailing-dot', start: value.length - 1, end: value.length, message: `\`${value}\` ends with a dot, which the pattern grammar does not allow, so senders match no MX with it; write \`${fixed}\``, replacement: fixed }];
  }
  return checkPlainPattern(value);
}

/** The checks that only values with characters outside the host-name alphabet can fail. */
function checkUnusualPattern(value: string): MxProblem[] | null {
  const hash = value.search(/\s#|^#/);
  if (hash >= 0) {
    return [{ kind: 'comment', start: hash, end: value.length, message: `\`${value.slice(hash).trim()}\` is not part of the pattern: policy files have no comments, so senders read the whole value \`${value}\` and match no MX`, replacement: value.slice(0, hash).trim() }];
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]*)|^:\/\/([^/:?#]*)/i.exec(value);
  if (url) {
    const host = url[1] ?? url[2] ?? '';
    return [{ kind: 'label', start: 0, end: value.length, message: `\`${value}\` is a URL; \`mx\` takes only the MX host name${host ? ` (\`${host}\`)` : ''}`, ...(host ? { replacement: host } : {}) }];
  }
  const sep = value.search(/[ \t,]/);
  if (sep >= 0) {
    return [{ kind: 'list', start: sep, end: value.length, message: `\`mx\` takes one pattern per line, but \`${value}\` holds several; write each on its own \`mx:\` line` }];
  }
  const invisible = /[\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/.exec(value);
  if (invisible) {
    const cleaned = value.replace(/[\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g, '');
    return [{ kind: 'label', start: invisible.index, end: invisible.index + 1, message: `\`${value.trim()}\` holds an invisible character (U+${invisible[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}), often pasted from a web page or document`, replacement: cleaned }];
  }
  if (!isAscii(value)) {
    const a = toALabels(value.replace(/\.$/, ''));
    return [{ kind: 'u-label', start: 0, end: value.length, message: `internationalised names must be written as A-labels: write \`${a}\`, not \`${value}\``, replacement: a }];
  }
  return null;
}

/** The checks that follow the trailing-dot check: port, IP address, wildcard, labels. */
function checkPlainPattern(value: string): MxProblem[] {
  const colon = value.includes(':');
  const port = colon ? /^([A-Za-z0-9.-]+):([0-9]+)$/.exec(value) : null;
  if (port) {
    return [{ kind: 'label', start: port[1]!.length, end: value.length, message: `\`:${port[2]}\` is a port; \`mx\` takes only the host name`, replacement: port[1]! }];
  }
  const first = value.charCodeAt(0);
  if ((first >= 48 && first <= 57 && IPV4.test(value)) || (colon && /^\[?[0-9A-Fa-f:.]+\]?$/.test(value))) {
    return [{ kind: 'ip-address', start: 0, end: value.length, message: `\`${value}\` is an IP address; \`mx\` patterns match MX host names, so give the host name the MX record points to` }];
  }
  const problems: MxProblem[] = [];
  let body = value;
  let offset = 0;
  if (value.startsWith('*.')) {
    body = value.slice(2);
    offset = 2;
  }
  const star = body.indexOf('*');
  if (star >= 0) {
    return [{ kind: 'wildcard', start: offset + star, end: offset + star + 1, message: `\`${value}\` has a \`*\` that is not the whole leftmost label; a wildcard may only be written as \`*.\` at the start (e.g. \`*.example.com\`)` }];
  }
  if (body.length > 253 - offset) {
    problems.push({ kind: 'too-long', start: 0, end: value.length, message: `\`${value.slice(0, 40)}…\` is ${value.length} characters long; a domain name is at most 253` });
  }
  // Labels are checked in place; a label is sliced out only for a message.
  let labelStart = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body.charCodeAt(i) !== 46) continue;
    const length = i - labelStart;
    const s = offset + labelStart;
    if (length === 0) {
      problems.push({ kind: 'label', start: s, end: s + 1, message: `\`${value}\` has an empty label (two dots in a row, or a dot at the start or end)` });
      break;
    } else if (length > 63) {
      problems.push({ kind: 'too-long', start: s, end: s + length, message: `the label \`${body.slice(labelStart, labelStart + 20)}…\` is ${length} characters long; a DNS label is at most 63` });
    } else {
      let bad = -1;
      for (let j = labelStart; j < i; j++) if (!isLdh(body.charCodeAt(j))) { bad = j - labelStart; break; }
      if (bad >= 0) {
        const ch = body[labelStart + bad]!;
        problems.push({ kind: 'label', start: s + bad, end: s + bad + 1, message: `\`${ch}\` is not allowed in a host name; labels hold only letters, digits and \`-\`${ch === '_' ? ' (no underscores)' : ''}` });
      } else if (body.charCodeAt(labelStart) === 45 || body.charCodeAt(i - 1) === 45) {
        problems.push({ kind: 'label', start: s, end: s + length, message: `the label \`${body.slice(labelStart, i)}\` starts or ends with \`-\`, which host names do not allow` });
      }
    }
    if (problems.length >= 3) break;
    labelStart = i + 1;
  }
  return problems;
}

/** Lowercases a host name and removes a trailing root dot. */
export function normalizeHost(host: string): string {
  // Only ASCII capitals and non-ASCII characters can change; most host names have neither.
  const h = /[A-Z\u0080-\uffff]/.test(host) ? host.toLowerCase() : host;
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * True when the MX host matches the pattern (RFC 8461 §4.1): case-insensitive; a leading
 * `*.` stands for exactly one whole leftmost label; a root dot on the host is ignored.
 */
export function mxMatches(pattern: string, host: string): boolean {
  const p = normalizeHost(pattern);
  const h = normalizeHost(host);
  if (p.startsWith('*.')) {
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === p.slice(2);
  }
  return p === h;
}

/** The patterns that match `host`. */
export function matchingPatterns(patterns: readonly string[], host: string): string[] {
  return patterns.filter((p) => mxMatches(p, host));
}
