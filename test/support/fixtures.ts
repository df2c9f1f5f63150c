// Reads and writes rule fixture files (test/cases/<CODE>.txt): several cases per file, each an
// input and the CLI's own rendering of its diagnostics. `UPDATE=1` rewrites the expectations.
import { readFileSync, writeFileSync } from 'node:fs';
import type { DocumentKind } from '../../server/src/core/index';

export interface FixtureCase {
  readonly title: string;
  /** Kind override from a `[kind]` suffix on the title line. */
  readonly kind: DocumentKind | null;
  readonly input: string;
  /** The raw input lines as written (kept when the file is rewritten). */
  readonly inputBlock: string;
  readonly expected: string;
}

const KINDS = new Set(['policy', 'sts-record', 'tlsrpt-record', 'zone', 'tlsrpt-report']);

/**
 * Format:
 *   === <title> [kind]
 *   <input lines, or one line `json: "<JSON string>"` for exact bytes>
 *   --- diagnostics
 *   <expected rendering; `(none)` when there are no diagnostics>
 */
export function parseFixtureFile(text: string): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const blocks = text.split(/^=== /m).slice(1);
  for (const block of blocks) {
    const nl = block.indexOf('\n');
    const head = (nl < 0 ? block : block.slice(0, nl)).trim();
    const body = nl < 0 ? '' : block.slice(nl + 1);
    const m = /^(.*?)(?:\s+\[([a-z-]+)\])?$/.exec(head)!;
    const kind = m[2] && KINDS.has(m[2]) ? (m[2] as DocumentKind) : null;
    const sep = body.search(/^--- diagnostics$/m);
    if (sep < 0) throw new Error(`fixture "${head}" has no "--- diagnostics" line`);
    const inputBlock = body.slice(0, sep).replace(/\n$/, '');
    const expected = body.slice(sep + '--- diagnostics'.length + 1).replace(/\n+$/, '');
    const input = inputBlock.startsWith('json: ') ? (JSON.parse(inputBlock.slice(6)) as string) : inputBlock;
    cases.push({ title: m[1]!, kind, input, inputBlock, expected });
  }
  return cases;
}

export function printFixtureFile(cases: readonly { title: string; kind: DocumentKind | null; inputBlock: string; actual: string }[]): string {
  return cases.map((c) => `=== ${c.title}${c.kind ? ` [${c.kind}]` : ''}\n${c.inputBlock}\n--- diagnostics\n${c.actual}\n`).join('\n');
}

export function readFixtureFile(path: string): FixtureCase[] {
  return parseFixtureFile(readFileSync(path, 'utf8'));
}

export function writeFixtureFile(path: string, text: string): void {
  writeFileSync(path, text);
}
