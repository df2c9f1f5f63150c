// Spans: half-open ranges of UTF-16 offsets into a document's text.
// Pure: imports nothing outside the core.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanLength(s: Span): number {
  return s.end - s.start;
}

export function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

export function spanText(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

export function containsOffset(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}
