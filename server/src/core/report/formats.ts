// Value formats of RFC 8460 reports: RFC 3339 date-times, IPv4/IPv6 addresses, URIs and
// A-label domain names. Each check returns null when the value is fine, else the reason.
// Pure: core only.

export interface DateTimeCheck {
  /** Null when the value is a valid RFC 3339 date-time (offset possibly missing). */
  readonly problem: string | null;
  /** True when the value is valid except that it has no time offset. */
  readonly noOffset: boolean;
  /** Milliseconds since the epoch (UTC; a value without offset is read as UTC), or NaN. */
  readonly epochMs: number;
}

const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})([Tt ])([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(.*)$/;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Checks an RFC 3339 §5.6 `date-time`. */
export function checkDateTime(v: string): DateTimeCheck {
  const bad = (problem: string): DateTimeCheck => ({ problem, noOffset: false, epochMs: NaN });
  const m = DATE_TIME.exec(v);
  if (!m) return bad('it is not of the form `2024-09-15T00:00:00Z`');
  const [y, mo, d, sep, h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!, Number(m[5]), Number(m[6]), Number(m[7])];
  if (mo < 1 || mo > 12) return bad(`month ${m[2]} does not exist`);
  if (d < 1 || d > daysInMonth(y, mo)) return bad(`day ${m[3]} does not exist in ${m[1]}-${m[2]}`);
  if (h > 23) return bad(`hour ${m[5]} is out of range (00–23)`);
  if (mi > 59) return bad(`minute ${m[6]} is out of range (00–59)`);
  if (s > 60) return bad(`second ${m[7]} is out of range (00–60)`);
  if (sep === ' ') return bad('date and time must be joined by `T`, not a space');
  const off = m[9]!;
  let offsetMin = 0;
  let noOffset = false;
  if (off === '') noOffset = true;
  else if (off !== 'Z' && off !== 'z') {
    const o = /^([+-])([0-9]{2}):([0-9]{2})$/.exec(off);
    if (!o) return bad(`\`${off}\` is not a time offset (\`Z\` or \`+hh:mm\`)`);
    if (Number(o[2]) > 23 || Number(o[3]) > 59) return bad(`the offset \`${off}\` is out of range`);
    offsetMin = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
  }
  const frac = m[8] ? Number(`0${m[8]}`) * 1000 : 0;
  const epochMs = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) + frac - offsetMin * 60000;
  return { problem: null, noOffset, epochMs };
}

const DEC_OCTET = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])$/;

/** Why `v` is not an IPv4 dotted quad, or null. */
export function ipv4Problem(v: string): string | null {
  const parts = v.split('.');
  if (parts.length !== 4) return `it has ${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}, not 4`;
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return `\`${p}\` is not a decimal number`;
    if (p.length > 1 && p.startsWith('0')) return `\`${p}\` has a leading zero, which some readers take as octal`;
    if (!DEC_OCTET.test(p)) return `\`${p}\` is above 255`;
  }
  return null;
}

/** Why `v` is not an IPv6 address in RFC 4291 §2.2 text form, or null. */
export function ipv6Problem(v: string): string | null {
  if (v.startsWith('[') || v.endsWith(']')) return 'write the address without brackets';
  if (v.includes('%')) return 'a zone index (`%…`) is not part of an address';
  const halves = v.split('::');
  if (halves.length > 2) return '`::` may appear only once';
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    const p = ipv4Problem(last);
    if (p) return `the embedded IPv4 part \`${last}\` is invalid: ${p}`;
    count++;
  }
  for (const g of all.slice(0, last !== undefined && last.includes('.') ? -1 : undefined)) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return g === '' ? 'it has an empty group' : `\`${g}\` is not a group of 1–4 hex digits`;
  }
  if (halves.length === 2 ? count > 7 : count !== 8) return halves.length === 2 ? 'it has too many groups for `::`' : `it has ${count} groups, not 8`;
  return null;
}

/** Why `v` is neither an IPv4 nor an IPv6 address, or null. */
export function ipProblem(v: string): string | null {
  const port = /^([0-9.]+):([0-9]+)$/.exec(v);
  if (port) return `it carries a port (\`:${port[2]}\`); write the address alone`;
  if (v.includes(':')) return ipv6Problem(v);
  if (/^[0-9.]+$/.test(v)) return ipv4Problem(v);
  return 'it is neither an IPv4 nor an IPv6 address';
}

/** Why `v` is not an absolute URI (RFC 3986), or null. */
export function uriProblem(v: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)) return 'it has no scheme such as `https:`';
  const bad = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/.exec(v);
  if (bad) return bad[0] === ' ' ? 'it contains spaces' : `\`${bad[0]}\` must be percent-encoded`;
  if (/%(?![0-9A-Fa-f]{2})/.test(v)) return '`%` is not followed by two hex digits';
  return null;
}

/** Why a domain name (optionally a `*.` pattern) is not in A-label form, or null. */
export function aLabelProblem(v: string): string | null {
  if (/[^\x00-\x7f]/.test(v)) return 'has non-ASCII characters; RFC 8460 requires internationalized names in A-label form (`xn--…`)';
  return null;
}
