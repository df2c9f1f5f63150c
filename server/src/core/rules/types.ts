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

/** Diagnostics of one code counted but not kept. */
export interface LeftOut {
  readonly code: string;
  readonly n: number;
}

/** Collects diagnostics for one document. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  /** Diagnostics counted but not kept, as codes and counts, while a log is open (made on the first). */
  private leftOutLog: LeftOut[] | null | undefined = undefined;
  /** Opens a log of what is counted but not kept from now on (a part of a document, such as a line). */
  beginLeftOutLog(): void {
    this.leftOutLog = null;
  }
  /** Closes the log: what was counted but not kept since it was opened, or null for nothing. */
  endLeftOutLog(): readonly LeftOut[] | null {
    const log = this.leftOutLog ?? null;
    this.leftOutLog = undefined;
    return log;
  }
  private noteLeftOut(code: string, n: number): void {
    if (this.leftOutLog !== undefined) (this.leftOutLog ??= []).push({ code, n });
  }
  /** Diagnostics per code; made on the first report. */
  private counts: Map<string, number> | null = null;
  /** Counts one diagnostic of `code`; false when its code is over the cap. */
  private admit(code: string): boolean {
    const counts = (this.counts ??= new Map());
    const n = (counts.get(code) ?? 0) + 1;
    counts.set(code, n);
    if (n <= MAX_PER_CODE) return true;
    this.noteLeftOut(code, 1);
    return false;
  }
  /**
   * True when another diagnostic of `rule` would be kept; when not, counts it as left out. Lets
   * a rule that may fire a million times skip building messages and fixes nobody will see:
   * `if (sink.room(r)) sink.report(r, …)`.
   */
  room(rule: Pick<Rule, 'code'>): boolean {
    const n = this.counts?.get(rule.code) ?? 0;
    if (n < MAX_PER_CODE) return true;
    this.counts!.set(rule.code, n + 1);
    this.noteLeftOut(rule.code, 1);
    return false;
  }
  /** Counts `n` diagnostics of `rule` as left out (after `room` has said there is none). */
  leftOut(rule: Pick<Rule, 'code'>, n: number): void {
    const counts = (this.counts ??= new Map());
    counts.set(rule.code, (counts.get(rule.code) ?? 0) + n);
    this.noteLeftOut(rule.code, n);
  }
  /** Adds a finished diagnostic (from another sink), within the cap. */
  add(d: Diagnostic): void {
    if (this.admit(d.code)) this.items.push(d);
  }
  report(rule: Rule, span: Span, message: string, extras?: ReportExtras): void {
    if (!this.admit(rule.code)) return;
    const d: Diagnostic = { code: rule.code, name: rule.name, severity: rule.severity, message, span };
    if (extras) {
      // The same result as `{ ...d, ...extras }`, which V8 runs far more slowly.
      const x = d as unknown as Record<string, unknown>;
      for (const k of Object.keys(extras)) x[k] = (extras as Record<string, unknown>)[k];
    }
    this.items.push(d);
  }
  has(rule: Rule): boolean {
    return this.counts !== null && this.counts.has(rule.code);
  }
  /** Notes on the last kept diagnostic of each capped code how many were left out. */
  finish(): Diagnostic[] {
    if (!this.counts) return this.items;
    for (const [code, n] of this.counts) {
      if (n <= MAX_PER_CODE) continue;
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
