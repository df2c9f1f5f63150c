// The JSON tokenizer behind parseJson: punctuation, strings (escapes decoded), numbers, bare
// words and the end; problems go to a callback with their spans. Pure: core only.
import type { Span } from '../text/span';

export type JsonToken =
  | { readonly type: '{' | '}' | '[' | ']' | ':' | ',' | 'eof'; readonly span: Span }
  | { readonly type: 'string'; readonly value: string; readonly span: Span }
  | { readonly type: 'number' | 'word'; readonly raw: string; readonly span: Span };

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isWordStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;
const isWordChar = (c: number) => isWordStart(c) || (c >= 0x30 && c <= 0x39);
const isNumChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45 || c === 0x65;
const isStop = (c: number) => isWs(c) || '{}[]:,"\''.includes(String.fromCharCode(c));

/** Replaces control and replacement characters so that messages stay on one readable line. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
}

function hex4(text: string, at: number): number {
  const h = text.slice(at, at + 4);
  return /^[0-9A-Fa-f]{4}$/.test(h) ? parseInt(h, 16) : -1;
}

/** Scans a quoted string starting at `start` (the quote); returns its end and decoded value. */
function scanString(text: string, start: number, err: (m: string, s: Span) => void): { end: number; value: string } {
  const quote = text[start]!;
  if (quote === "'") err('JSON strings use double quotes, not single quotes', { start, end: start + 1 });
  let out = '';
  let run = start + 1;
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (text[i] === quote) {
      return { end: i + 1, value: out + text.slice(run, i) };
    }
    if (c === 0x0a || c === 0x0d) break;
    if (c === 0x5c) {
      out += text.slice(run, i);
      const e = text[i + 1] ?? '';
      if (e === 'u') {
        const code = hex4(text, i + 2);
        if (code < 0) {
          err('`\\u` must be followed by four hex digits', { start: i, end: Math.min(text.length, i + 6) });
          i += 2;
        } else {
          out += String.fromCharCode(code);
          i += 6;
        }
      } else if (e in ESCAPES) {
        out += ESCAPES[e];
        i += 2;
      } else {
        err(`\`\\${e}\` is not a JSON escape; write \`\\\\\` for a backslash`, { start: i, end: i + 1 + e.length });
        out += e;
        i += 1 + e.length;
      }
      run = i;
      continue;
    }
    if (c < 0x20) err(`control character U+${c.toString(16).toUpperCase().padStart(4, '0')} must be escaped inside a string`, { start: i, end: i + 1 });
    i++;
  }
  err('this string is not closed before the end of the line', { start, end: i });
  return { end: i, value: out + text.slice(run, i) };
}

/** Yields the tokens of `text`, ending with one `eof` token. */
export function* scanJson(text: string, err: (message: string, span: Span) => void): Generator<JsonToken> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWs(c)) {
      i++;
      continue;
    }
    const ch = text[i]!;
    if ('{}[]:,'.includes(ch)) {
      yield { type: ch as '{', span: { start: i, end: i + 1 } };
      i++;
    } else if (ch === '"' || ch === "'") {
      const s = scanString(text, i, err);
      yield { type: 'string', value: s.value, span: { start: i, end: s.end } };
      i = s.end;
    } else if (isNumChar(c) && c !== 0x45 && c !== 0x65) {
      let j = i + 1;
      while (j < n && isNumChar(text.charCodeAt(j))) j++;
      const raw = text.slice(i, j);
      if (!NUMBER.test(raw)) err(`\`${raw}\` is not a JSON number (no leading zeros or \`+\`, digits on both sides of \`.\`)`, { start: i, end: j });
      yield { type: 'number', raw, span: { start: i, end: j } };
      i = j;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      yield { type: 'word', raw: text.slice(i, j), span: { start: i, end: j } };
      i = j;
    } else if (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      let j: number;
      if (text[i + 1] === '/') {
        j = i + 2;
        while (j < n && text[j] !== '\n' && text[j] !== '\r') j++;
      } else {
        const close = text.indexOf('*/', i + 2);
        j = close < 0 ? n : close + 2;
      }
      err('comments are not allowed in JSON', { start: i, end: j });
      i = j;
    } else {
      let j = i + 1;
      while (j < n && !isStop(text.charCodeAt(j))) j++;
      err(`unexpected text \`${printable(text.slice(i, Math.min(j, i + 20)))}\`${j - i > 20 ? '…' : ''} in JSON`, { start: i, end: j });
      i = j;
    }
  }
  yield { type: 'eof', span: { start: n, end: n } };
}
