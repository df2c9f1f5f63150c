// Types shared by the rule catalog, the rules and everything that renders diagnostics.
// Pure: core only.
import type { Span } from '../text/span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** What a document holds: the kinds the linter understands. */
export type DocumentKind = 'policy' | 'sts-record' | 'tlsrpt-record' | 'zone' | 'tlsrpt-report';

export interface RuleDocs {
  /** What the rule checks. */
  readonly checks: string;
  /** Why it matters to mail delivery. */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  /** The RFC section, written `RFC 8461 §3.2`. */
  readonly reference: string;
}

export interface RuleExamples {
  /** The kind of document the examples are; `check` for live-check findings, whose examples are scenarios. */
  readonly kind: DocumentKind | 'check';
  /** Inputs that must produce this rule's diagnostic. */
  readonly bad: readonly string[];
  /** Inputs that must not produce it. */
  readonly good: readonly string[];
}

export interface Rule {
  /** Permanent code, never reused (e.g. STS103). */
  readonly code: string;
  /** Permanent kebab-case name. */
  readonly name: string;
  readonly severity: Severity;
  /** One line. */
  readonly summary: string;
  readonly docs: RuleDocs;
  readonly examples: RuleExamples;
}

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Suggestion {
  /** One line shown as the fix hint and as the quick-fix title. */
  readonly title: string;
  /** Edits that apply the fix; empty when the fix needs a human decision. */
  readonly edits: readonly TextEdit[];
}

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  readonly suggestion?: Suggestion;
}

export interface ReportExtras {
  readonly related?: readonly RelatedInfo[];
  readonly suggestion?: Suggestion;
}

/** At most this many diagnostics of one code per document; the last one says how many more there were. */
export const MAX_PER_CODE = 100;

/** The code of each counter slot, by slot. */
const slotCodes: string[] = [];
const slotByCode = new Map<string, number>();
/** Slots kept on the rule objects themselves (rule() in define.ts asks for theirs when declared). */
const SLOT = Symbol('slot');

/**
 * The counter slot of `code`, given on first asking: a sink counts each code in an array cell
 * rather than a Map entry (two Map operations on every finding past the cap were a tenth of the
 * lint of a file where every line is wrong).
 */
function codeSlot(code: string): number {
  let s = slotByCode.get(code);
  if (s === undefined) {
    s = slotCodes.length;
    slotCodes.push(code);
    slotByCode.set(code, s);
  }
  return s;
}

/** Gives `rule` its slot, kept on the object (not enumerated, so catalogs and JSON are as before). */
export function withSlot<R extends Pick<Rule, 'code'>>(rule: R): R {
  Object.defineProperty(rule, SLOT, { value: codeSlot(rule.code) });
  return rule;
}

/** The slot of a rule declared with rule(), or of any code (a diagnostic) by lookup. */
function slotOf(x: Pick<Rule, 'code'>): number {
  const s = (x as { [SLOT]?: number })[SLOT];
  return s !== undefined ? s : codeSlot(x.code);
}

/** Collects diagnostics for one document. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  /**
   * What is counted but not kept while a log is open, as pairs of a counter slot and a count, in
   * two buffers used in turn: the open log and the one last closed (kept until the next closes).
   * A record file opens one per line; an array and an entry object per line were a third of the
   * memory allocated for a file of wrong lines.
   */
  private openLog: Int32Array | null = null;
  /** Numbers in the open log; -1 when no log is open. */
  private openLength = -1;
  private closedLog: Int32Array | null = null;
  private closedLength = 0;
  /** Opens a log of what is counted but not kept from now on (a part of a document, such as a line). */
  beginLeftOutLog(): void {
    this.openLength = 0;
  }
  /** Closes the log; what it holds can be counted again with replayLeftOutLog. */
  endLeftOutLog(): void {
    const log = this.openLog;
    this.openLog = this.closedLog;
    this.closedLog = log;
    this.closedLength = Math.max(0, this.openLength);
    this.openLength = -1;
  }
  /** Counts again, as left out, what the last closed log holds (a part equal to the one it was kept for). */
  replayLeftOutLog(): void {
    const log = this.closedLog;
    for (let i = 0; i < this.closedLength; i += 2) this.setCount(log![i]!, this.countOf(log![i]!) + log![i + 1]!);
  }
  private noteLeftOut(slot: number, n: number): void {
    const at = this.openLength;
    if (at < 0) return;
    let log = this.openLog;
    if (at > 0 && log![at - 2] === slot) {
      log![at - 1]! += n; // the same code again (a run of `;;;`): one pair
      return;
    }
    if (!log || at + 2 > log.length) {
      const grown = new Int32Array(Math.max(16, at * 2));
      if (log) grown.set(log.subarray(0, at));
      this.openLog = log = grown;
    }
    log[at] = slot;
    log[at + 1] = n;
    this.openLength = at + 2;
  }
  /**
   * Diagnostics per code, by the code's counter slot (see codeSlot); made on the first count. A
   * plain array with holes, written only at the slots a document uses: most documents count a few
   * codes, and a typed array would be sized and zeroed for every code of the catalog per lint.
   */
  private counts: number[] | null = null;
  private countOf(slot: number): number {
    const n = this.counts?.[slot];
    return n === undefined ? 0 : n;
  }
  private setCount(slot: number, n: number): void {
    (this.counts ??= [])[slot] = n;
  }
  /** Counts one diagnostic of `code`; false when its code is over the cap. */
  private admit(rule: Pick<Rule, 'code'>): boolean {
    const slot = slotOf(rule);
    const n = this.countOf(slot) + 1;
    this.setCount(slot, n);
    if (n <= MAX_PER_CODE) return true;
    this.noteLeftOut(slot, 1);
    return false;
  }
  /**
   * True when another diagnostic of `rule` would be kept; when not, counts it as left out. Lets
   * a rule that may fire a million times skip building messages and fixes nobody will see:
   * `if (sink.room(r)) sink.report(r, …)`.
   */
  room(rule: Pick<Rule, 'code'>): boolean {
    const slot = slotOf(rule);
    const n = this.countOf(slot);
    if (n < MAX_PER_CODE) return true;
    this.setCount(slot, n + 1);
    this.noteLeftOut(slot, 1);
    return false;
  }
  /** Counts `n` diagnostics of `rule` as left out (after `room` has said there is none). */
  leftOut(rule: Pick<Rule, 'code'>, n: number): void {
    const slot = slotOf(rule);
    this.setCount(slot, this.countOf(slot) + n);
    this.noteLeftOut(slot, n);
  }
  /** Adds a finished diagnostic (from another sink), within the cap. */
  add(d: Diagnostic): void {
    if (this.admit(d)) this.items.push(d);
  }
  report(rule: Rule, span: Span, message: string, extras?: ReportExtras): void {
    if (!this.admit(rule)) return;
    const d: Diagnostic = { code: rule.code, name: rule.name, severity: rule.severity, message, span };
    if (extras) {
      // The same result as `{ ...d, ...extras }`, which V8 runs far more slowly.
      const x = d as unknown as Record<string, unknown>;
      for (const k of Object.keys(extras)) x[k] = (extras as Record<string, unknown>)[k];
    }
    this.items.push(d);
  }
  /** Notes on the last kept diagnostic of each capped code how many were left out. */
  finish(): Diagnostic[] {
    const counts = this.counts;
    if (!counts) return this.items;
    for (let slot = 0; slot < counts.length; slot++) {
      const n = counts[slot];
      if (n === undefined || n <= MAX_PER_CODE) continue;
      const code = slotCodes[slot]!;
      for (let i = this.items.length - 1; i >= 0; i--) {
        const d = this.items[i]!;
        if (d.code !== code) continue;
        (d as { message: string }).message = `${d.message} (and ${n - MAX_PER_CODE} more like this, not shown)`;
        break;
      }
    }
    return this.items;
  }
}
