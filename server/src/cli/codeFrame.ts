// Renders diagnostics as `file:line:col: CODE severity message` plus a code frame with carets
// and the fix hint. Used by the CLI and by the rule fixtures, so both show the same thing.
import { createLineIndex, type Diagnostic, type LineIndex } from '../core/index';

export interface FrameOptions {
  readonly color?: boolean;
}

const C = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', cyan: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Replaces characters that would break the frame's alignment with one visible symbol each. */
export function visible(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) out += String.fromCharCode(0x2400 + c);
    else if (c === 0x7f) out += '\u2421';
    else if (c === 0xfeff) out += '\u2423';
    else out += s[i];
  }
  return out;
}

function severityColor(sev: string): string {
  return sev === 'error' ? C.red : sev === 'warning' ? C.yellow : sev === 'information' ? C.blue : C.cyan;
}

export function renderDiagnostic(file: string, text: string, index: LineIndex, d: Diagnostic, opts: FrameOptions = {}): string {
  const paint = (code: string, s: string) => (opts.color ? code + s + C.reset : s);
  const start = index.positionAt(d.span.start);
  const end = index.positionAt(d.span.end);
  const head = `${file}:${start.line + 1}:${start.character + 1}: ${paint(C.bold, d.code)} ${paint(severityColor(d.severity), d.severity)} ${d.message}`;
  const out = [head];
  const endLine = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  const lastLine = Math.min(endLine, start.line + 2);
  const width = String(lastLine + 1).length;
  for (let ln = start.line; ln <= lastLine; ln++) {
    const ls = index.lineSpan(ln);
    let raw = text.slice(ls.start, ls.end);
    const clip = raw.length > 160;
    const from = clip ? Math.max(0, (ln === start.line ? start.character : 0) - 40) : 0;
    if (clip) raw = raw.slice(from, from + 120);
    const gutter = String(ln + 1).padStart(width);
    out.push(`${paint(C.dim, `${gutter} |`)} ${visible(raw)}${clip ? '…' : ''}`);
    const a = ln === start.line ? start.character - from : 0;
    let b = ln === end.line ? end.character - from : raw.length + 1;
    b = Math.min(b, raw.length + 1);
    const carets = '^'.repeat(Math.max(1, b - a));
    out.push(`${paint(C.dim, `${' '.repeat(width)} |`)} ${' '.repeat(Math.max(0, a))}${paint(severityColor(d.severity), carets)}`);
  }
  if (d.related) for (const r of d.related) {
    const p = index.positionAt(r.span.start);
    out.push(`${' '.repeat(width)} = note: ${r.message} (line ${p.line + 1})`);
  }
  if (d.suggestion) out.push(`${' '.repeat(width)} = fix: ${d.suggestion.title}`);
  return out.join('\n');
}

export function renderDiagnostics(file: string, text: string, ds: readonly Diagnostic[], opts: FrameOptions = {}): string {
  const index = createLineIndex(text);
  return ds.map((d) => renderDiagnostic(file, text, index, d, opts)).join('\n\n');
}
