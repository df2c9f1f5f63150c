// UTF-8 length of UTF-16 text without encoding it. Pure: imports nothing outside the core.

const NON_ASCII = /[^\x00-\x7f]/;

/** The number of octets `s` takes in UTF-8 (a lone surrogate counts as 3, as TextEncoder writes U+FFFD). */
export function utf8Length(s: string): number {
  // Mostly ASCII: a native scan finds the first other character, and the loop starts there.
  const m = NON_ASCII.exec(s);
  if (!m) return s.length;
  let n = m.index;
  for (let i = m.index; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
