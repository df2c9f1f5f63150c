// Character classes shared by the parsers and rules. Pure: imports nothing outside the core.

/** A space or a tab (WSP in RFC 5234): the only whitespace inside a policy line or a TXT value. */
export function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}
