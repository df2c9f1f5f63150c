// Typed, read-only view of a parsed policy file: the fields senders use, chosen as RFC 8461
// §3.2 says (first occurrence wins for every field but `mx`). Pure: core only.
import { parsePolicyFile, type PolicyLine, type PolicySyntax } from '../syntax/policyFile';
import { isValidMxPattern } from '../mx';
import { LastRange, sameAt, textIs } from '../text/chars';
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
  /** Every line that has a colon, in order (objects built on first access, then kept). */
  readonly entries: readonly PolicyEntry[];
  /** The field that counts for each known key (first valid occurrence), or null. */
  readonly version: PolicyEntry | null;
  readonly mode: PolicyEntry | null;
  readonly maxAge: PolicyEntry | null;
  readonly modeValue: Mode | null;
  readonly maxAgeValue: number | null;
  /** Every line whose key is exactly `mx`, valid or not (objects built on first access, then kept). */
  readonly mxEntries: readonly PolicyEntry[];
  /** The `mx` patterns senders use (valid grammar), in order. */
  readonly mxPatterns: readonly string[];
  /**
   * What the lint rules read instead of the objects above, one item per entry: its line index,
   * its key and, for a valid `mx` line, its index in `mxPatterns` (-1 for every other entry).
   */
  readonly entryLines: readonly number[];
  readonly entryKeys: readonly string[];
  readonly entryPatterns: readonly number[];
  /** How many entries are `mx` lines. */
  readonly mxCount: number;
  /** The line of `version`, `mode` and `max_age` above (-1 when there is none). */
  readonly versionLine: number;
  readonly modeLine: number;
  readonly maxAgeLine: number;
  /** The entry of field line `line` (the same object as in `entries` and the known fields). */
  entryOfLine(line: number): PolicyEntry;
  /** The key text of field line `line` (the shared constant for the four known keys). */
  keyOf(line: number): string;
  /** The value text of field line `line`. */
  valueOf(line: number): string;
}

/** The number a valid max_age (1 to 10 digits) in text[start, end) stands for; the same as parseInt. */
function digitsValue(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (text.charCodeAt(i) - 48);
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

/** The mode text[start, end) spells, or null. */
function modeAt(text: string, start: number, end: number): Mode | null {
  return textIs(text, start, end, 'enforce') ? 'enforce' : textIs(text, start, end, 'testing') ? 'testing' : textIs(text, start, end, 'none') ? 'none' : null;
}

/** True when text[start, end) is a valid value for `version`, `mode` or `max_age` (false for other keys). */
export function validFieldAt(key: string, text: string, start: number, end: number): boolean {
  return key === 'version' ? textIs(text, start, end, 'STSv1') : key === 'mode' ? modeAt(text, start, end) !== null : key === 'max_age' && maxAgeAt(text, start, end);
}

/** True when text[start, end) is a valid max_age (1 to 10 digits). */
function maxAgeAt(text: string, start: number, end: number): boolean {
  if (end <= start || end - start > 10) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The number of field lines. (Its own function: counted in the constructor, the loop was
 * compiled on entry and the code thrown away right after it, on every call.)
 */
function fieldCount(tree: PolicySyntax): number {
  let fields = 0;
  for (let i = 0; i < tree.lineCount; i++) if (tree.kind(i) === 'field') fields++;
  return fields;
}

class Model implements PolicyModel {
  readonly entryLines: readonly number[];
  readonly entryKeys: readonly string[];
  readonly entryPatterns: readonly number[];
  readonly mxCount: number = 0;
  readonly mxPatterns: string[] = [];
  readonly versionLine: number = -1;
  readonly modeLine: number = -1;
  readonly maxAgeLine: number = -1;
  readonly modeValue: Mode | null = null;
  readonly maxAgeValue: number | null = null;
  private builtEntries: PolicyEntry[] | null = null;
  private builtMx: PolicyEntry[] | null = null;
  private known: (PolicyEntry | null)[] | null = null;

  constructor(readonly tree: PolicySyntax) {
    const text = tree.text;
    // Sized for the field lines, counted first: arrays grown by push to 100,000 entries cost a
    // third of the model. Every policy gets the same (holey) kind of array, so that the rules
    // reading them see one shape.
    const fields = fieldCount(tree);
    const entryLines: number[] = new Array(fields);
    const entryPatterns: number[] = new Array(fields);
    const entryKeys: string[] = new Array(fields);
    // Set before the loop, which fills them: a store after it was compiled without feedback
    // and thrown away on every call.
    this.entryKeys = entryKeys;
    this.entryLines = entryLines;
    this.entryPatterns = entryPatterns;
    let n = 0;
    // A run of equal mx values (a pasted block) is checked once: the last value and its verdict.
    const last = new LastRange();
    let lastPattern = -1;
    for (let i = 0; i < tree.lineCount; i++) {
      if (tree.kind(i) !== 'field') continue;
      const key = keyText(text, tree.keyStart(i), tree.keyEnd(i));
      entryLines[n] = i;
      entryPatterns[n] = -1;
      entryKeys[n] = key;
      n++;
      const vs = tree.valueStart(i), ve = tree.valueEnd(i);
      if (key === 'mx') {
        this.mxCount++;
        if (!last.repeats(text, vs, ve)) {
          const value = text.slice(vs, ve);
          lastPattern = isValidMxPattern(value) ? this.mxPatterns.length : -1;
          if (lastPattern >= 0) this.mxPatterns.push(value);
        } else if (lastPattern >= 0) {
          this.mxPatterns.push(this.mxPatterns[lastPattern]!);
          lastPattern = this.mxPatterns.length - 1;
        }
        entryPatterns[n - 1] = lastPattern;
      } else if (key === 'version') {
        if (this.versionLine < 0 && validFieldAt(key, text, vs, ve)) this.versionLine = i;
      } else if (key === 'mode') {
        if (this.modeLine < 0 && validFieldAt(key, text, vs, ve)) {
          this.modeLine = i;
          this.modeValue = modeAt(text, vs, ve);
        }
      } else if (key === 'max_age') {
        if (this.maxAgeLine < 0 && validFieldAt(key, text, vs, ve)) {
          this.maxAgeLine = i;
          this.maxAgeValue = digitsValue(text, vs, ve);
        }
      }
    }
  }

  get version(): PolicyEntry | null { return this.versionLine < 0 ? null : this.entryOfLine(this.versionLine); }
  get mode(): PolicyEntry | null { return this.modeLine < 0 ? null : this.entryOfLine(this.modeLine); }
  get maxAge(): PolicyEntry | null { return this.maxAgeLine < 0 ? null : this.entryOfLine(this.maxAgeLine); }

  private newEntry(line: number, key: string): Entry {
    return new Entry(this.tree.line(line), key, this.valueOf(line));
  }

  keyOf(line: number): string {
    return keyText(this.tree.text, this.tree.keyStart(line), this.tree.keyEnd(line));
  }

  valueOf(line: number): string {
    return this.tree.text.slice(this.tree.valueStart(line), this.tree.valueEnd(line));
  }

  entryOfLine(line: number): PolicyEntry {
    // A small policy makes all its entries the first time one is asked for, so that each is made
    // once; a large one makes them one at a time and keeps only those of the fields that count.
    if (!this.builtEntries && this.entryLines.length <= 64) this.buildEntries();
    if (this.builtEntries) {
      // Entry lines are in order: find this one by bisection.
      let lo = 0, hi = this.entryLines.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = this.entryLines[mid]!;
        if (at === line) return this.builtEntries[mid]!;
        if (at < line) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    const which = this.knownIndex(line);
    if (which < 0) return this.newEntry(line, this.keyOf(line));
    const known = (this.known ??= [null, null, null]);
    return (known[which] ??= this.newEntry(line, this.keyOf(line)));
  }

  /** 0, 1 or 2 when `line` is the version, mode or max_age that counts, else -1. */
  private knownIndex(line: number): number {
    return line === this.versionLine ? 0 : line === this.modeLine ? 1 : line === this.maxAgeLine ? 2 : -1;
  }

  private buildEntries(): PolicyEntry[] {
    const es: PolicyEntry[] = [];
    for (let k = 0; k < this.entryLines.length; k++) {
      const line = this.entryLines[k]!;
      const which = this.knownIndex(line);
      es.push((which >= 0 ? this.known?.[which] : null) ?? this.newEntry(line, this.entryKeys[k]!));
    }
    return (this.builtEntries = es);
  }

  get entries(): readonly PolicyEntry[] {
    return this.builtEntries ?? this.buildEntries();
  }

  get mxEntries(): readonly PolicyEntry[] {
    if (!this.builtMx) {
      const es = this.entries;
      this.builtMx = es.filter((e) => e.key === 'mx');
    }
    return this.builtMx;
  }

  toJSON(): object {
    const { tree, entries, version, mode, maxAge, modeValue, maxAgeValue, mxEntries, mxPatterns } = this;
    return { tree, entries, version, mode, maxAge, modeValue, maxAgeValue, mxEntries, mxPatterns };
  }
}

export function policyModel(tree: PolicySyntax): PolicyModel {
  return new Model(tree);
}

/** Parses policy text straight to its model. */
export function readPolicy(text: string): PolicyModel {
  return policyModel(parsePolicyFile(text).tree);
}
