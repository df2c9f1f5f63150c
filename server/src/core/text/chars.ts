// Character classes and text comparisons shared by the parsers and rules. Pure: imports nothing outside the core.

/** A space or a tab (WSP in RFC 5234): the only whitespace inside a policy line or a TXT value. */
export function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}

/** An ASCII letter. */
export function isAsciiLetter(c: number): boolean {
  const l = c | 0x20; // folds A–Z onto a–z, and makes no other character a lower-case letter
  return l >= 0x61 && l <= 0x7a;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The first character of `s` outside `!`…`~` as a message names it (`a tab`, `a space`, `the
 * character U+00A0`), or null when there is none. Inside backticks such a character shows as a
 * blank or as an ordinary letter (a Cyrillic `о` in `mоde`), so a message that quotes a name
 * also says what is in it.
 */
export function oddCharacterIn(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) continue;
    if (c === 32) return 'a space';
    if (c === 9) return 'a tab';
    return `the character U+${s.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}

/** ` (it holds a tab)` after a quoted name that holds such a character (see oddCharacterIn), else ''. */
export function oddCharacterNote(name: string): string {
  const odd = oddCharacterIn(name);
  return odd ? ` (it holds ${odd})` : '';
}

/** A letter, digit or hyphen: the characters of a host name label (LDH). */
export function isLdh(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 0x2d;
}

/** True when `text` holds `word` at `at` (a loop: `startsWith` with a position was the slowest step of a small policy's model). */
export function sameAt(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** True when `text` at `at` holds the lower-case ASCII `word` (`_mta-sts`, `tlsrpt`) with its letters in any case. */
export function sameAtAnyCase(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(at + i);
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** True when `name` starts with the labels `run` (`_smtp._tls`) followed by a dot or its end; `anyCase` folds ASCII capitals. */
export function startsWithLabels(name: string, start: number, end: number, run: string, anyCase: boolean): boolean {
  if (end - start < run.length || !(anyCase ? sameAtAnyCase(name, start, run) : sameAt(name, start, run))) return false;
  return end - start === run.length || name.charCodeAt(start + run.length) === 46;
}

/** True when text[start, end) is exactly `word`. */
export function textIs(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && sameAt(text, start, word);
}

/** True when text[a, a + n) equals text[b, b + n). */
export function sameRun(text: string, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/**
 * The last range of a text seen, to tell whether the next one holds the same characters: a run
 * of equal values (a pasted block of `mx` lines) is then checked once.
 */
export class LastRange {
  private start = -1;
  private length = -1;
  /** True when text[start, end) equals the range seen last; otherwise remembers it and returns false. */
  repeats(text: string, start: number, end: number): boolean {
    if (end - start === this.length && sameRun(text, start, this.start, this.length)) return true;
    this.start = start;
    this.length = end - start;
    return false;
  }
}
