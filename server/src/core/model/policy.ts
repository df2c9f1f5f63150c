// Typed, read-only view of a parsed policy file: the fields senders use, chosen as RFC 8461
// §3.2 says (first occurrence wins for every field but `mx`). Pure: core only.
import { parsePolicyFile, type PolicyLine, type PolicySyntax } from '../syntax/policyFile';
import { checkMxPattern } from '../mx';
import type { Span } from '../text/span';

export const POLICY_KEYS = ['version', 'mode', 'mx', 'max_age'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];
export const MODES = ['enforce', 'testing', 'none'] as const;
export type Mode = (typeof MODES)[number];
/** RFC 8461 §3.2: the largest max_age, 365.25 days in seconds. */
export const MAX_AGE_LIMIT = 31557600;

export interface PolicyEntry {
  readonly line: PolicyLine;
  readonly key: string;
  readonly value: string;
  readonly keySpan: Span;
  readonly valueSpan: Span;
}

export interface PolicyModel {
  readonly tree: PolicySyntax;
  /** Every line that has a colon, in order. */
  readonly entries: readonly PolicyEntry[];
  /** The field that counts for each known key (first valid occurrence), or null. */
  readonly version: PolicyEntry | null;
  readonly mode: PolicyEntry | null;
  readonly maxAge: PolicyEntry | null;
  readonly modeValue: Mode | null;
  readonly maxAgeValue: number | null;
  /** Every line whose key is exactly `mx`, valid or not. */
  readonly mxEntries: readonly PolicyEntry[];
  /** The `mx` patterns senders use (valid grammar), in order. */
  readonly mxPatterns: readonly string[];
}

export function isValidVersion(v: string): boolean {
  return v === 'STSv1';
}
export function isValidMode(v: string): v is Mode {
  return v === 'enforce' || v === 'testing' || v === 'none';
}
export function isValidMaxAge(v: string): boolean {
  return /^[0-9]{1,10}$/.test(v);
}

/** The number a valid max_age (1 to 10 digits) stands for; the same as parseInt(v, 10). */
function digitsValue(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) n = n * 10 + (v.charCodeAt(i) - 48);
  return n;
}

/** An entry keeps its line and strings; the spans come from the line on access (no objects kept). */
class Entry implements PolicyEntry {
  constructor(readonly line: PolicyLine, readonly key: string, readonly value: string) {}
  get keySpan(): Span { return this.line.key; }
  get valueSpan(): Span { return this.line.value; }
  toJSON(): PolicyEntry {
    return { line: this.line, key: this.key, value: this.value, keySpan: this.keySpan, valueSpan: this.valueSpan };
  }
}

/** The key's text; a known key is the shared constant rather than a new string per line. */
function keyText(text: string, start: number, end: number): string {
  const n = end - start;
  // By length first: one comparison decides most lines.
  const k = n === 2 ? 'mx' : n === 4 ? 'mode' : n === 7 ? (text.charCodeAt(start) === 118 ? 'version' : 'max_age') : null;
  return k !== null && sameAt(text, start, k) ? k : text.slice(start, end);
}

/** True when `text` holds `word` at `at` (a loop: `startsWith` with a position was the slowest step of a small policy's model). */
function sameAt(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

export function policyModel(tree: PolicySyntax): PolicyModel {
  const text = tree.text;
  const entries: PolicyEntry[] = [];
  let version: PolicyEntry | null = null;
  let mode: PolicyEntry | null = null;
  let maxAge: PolicyEntry | null = null;
  const mxEntries: PolicyEntry[] = [];
  const mxPatterns: string[] = [];
  let lastMx: string | null = null;
  let lastValid = false;
  for (const line of tree.lines) {
    if (line.kind !== 'field') continue;
    const e = new Entry(line, keyText(text, line.keyStart, line.keyEnd), text.slice(line.valueStart, line.valueEnd));
    entries.push(e);
    if (e.key === 'version' && !version && isValidVersion(e.value)) version = e;
    else if (e.key === 'mode' && !mode && isValidMode(e.value)) mode = e;
    else if (e.key === 'max_age' && !maxAge && isValidMaxAge(e.value)) maxAge = e;
    else if (e.key === 'mx') {
      mxEntries.push(e);
      // A run of equal values (a pasted block) is checked once.
      if (e.value !== lastMx) {
        lastMx = e.value;
        lastValid = checkMxPattern(e.value).length === 0;
      }
      if (lastValid) mxPatterns.push(e.value);
    }
  }
  return {
    tree,
    entries,
    version,
    mode,
    maxAge,
    modeValue: mode ? (mode.value as Mode) : null,
    maxAgeValue: maxAge ? digitsValue(maxAge.value) : null,
    mxEntries,
    mxPatterns,
  };
}

/** Parses policy text straight to its model. */
export function readPolicy(text: string): PolicyModel {
  return policyModel(parsePolicyFile(text).tree);
}
