// Punycode (RFC 3492) encoding and IDN labels to A-labels, for suggesting the A-label form of
// an internationalised name. Lowercasing stands in for the full UTS #46 mapping. Pure: core only.

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

function digit(d: number): string {
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

/** Encodes one label's code points as Punycode (without the `xn--` prefix). */
export function punycodeEncode(label: string): string {
  const cps = Array.from(label, (ch) => ch.codePointAt(0)!);
  let out = '';
  for (const c of cps) if (c < 0x80) out += String.fromCharCode(c);
  const b = out.length;
  let h = b;
  if (b > 0) out += '-';
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  while (h < cps.length) {
    let m = Infinity;
    for (const c of cps) if (c >= n && c < m) m = c;
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
          if (q < t) break;
          out += digit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digit(q);
        bias = adapt(delta, h + 1, h === b);
        delta = 0;
        h++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

/** Converts a domain name to A-labels: lowercase, then `xn--` + Punycode for non-ASCII labels. */
export function toALabels(domain: string): string {
  return domain
    .normalize('NFC')
    .toLowerCase()
    .split(/[.\u3002\uff0e\uff61]/)
    .map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : 'xn--' + punycodeEncode(label)))
    .join('.');
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
