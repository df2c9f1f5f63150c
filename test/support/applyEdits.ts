// Applies LSP text edits to a string, as an editor would.
import { createLineIndex } from '../../server/src/core/index';

export interface LspEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export function applyEdits(text: string, edits: readonly LspEdit[]): string {
  const idx = createLineIndex(text);
  const spans = edits.map((e) => ({ start: idx.offsetAt(e.range.start), end: idx.offsetAt(e.range.end), text: e.newText }));
  spans.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
