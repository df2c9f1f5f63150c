// Line index: converts UTF-16 offsets to 0-based line/character positions and back.
// Line breaks are LF, CRLF and a bare CR, as in LSP. Pure: imports nothing outside the core.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface LineIndex {
  readonly lineStarts: readonly number[];
  readonly length: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  lineCount(): number;
  /** Span of line `n` without its terminator. */
  lineSpan(n: number): { start: number; end: number };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  // The next LF and CR found by indexOf (native), each moving only forward.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    let next: number;
    if (cr < 0 || (lf >= 0 && lf < cr)) next = lf + 1;
    else next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    starts.push(next);
    if (lf >= 0 && lf < next) lf = text.indexOf('\n', next);
    if (cr >= 0 && cr < next) cr = text.indexOf('\r', next);
  }
  return starts;
}

export function createLineIndex(text: string): LineIndex {
  const starts = lineStartsOf(text);
  const length = text.length;
  function positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }
  function lineEnd(n: number): number {
    let end = n + 1 < starts.length ? starts[n + 1]! : length;
    if (n + 1 < starts.length) {
      if (text.charCodeAt(end - 1) === 10) end--;
      if (text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }
  function offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= starts.length) return length;
    const start = starts[p.line]!;
    return Math.min(start + Math.max(0, p.character), lineEnd(p.line));
  }
  return {
    lineStarts: starts,
    length,
    positionAt,
    offsetAt,
    lineCount: () => starts.length,
    lineSpan: (n: number) => ({ start: starts[n] ?? length, end: lineEnd(n) }),
  };
}
