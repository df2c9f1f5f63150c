// First occurrence of a key among many, by a 32-bit hash the caller reads from its own text
// (without making a key string), and a key comparison only when two hashes meet. Pure: core only.

export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a of `text`'s characters, continuing from `h` (start with FNV_OFFSET). */
export function fnv1a(h: number, text: string): number {
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
  return h;
}

/** FNV-1a of one more character. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/**
 * FNV-1a of text[start, end) with ASCII capitals lower-cased, continuing from `h`; null when the
 * range holds a non-ASCII character (whose lower case `toLowerCase` decides: hash that string).
 */
export function fnv1aAsciiLower(h: number, text: string, start: number, end: number): number | null {
  for (let k = start; k < end; k++) {
    let c = text.charCodeAt(k);
    if (c > 127) return null;
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h;
}

/** Tables of up to this many slots are kept for the next table when released (8 KiB each). */
const SPARE_SLOTS = 1024;
/** How many tables' arrays are kept. */
const SPARES = 4;
/**
 * Arrays of released tables. A typed array of more than 64 bytes has its memory outside V8's heap,
 * which took 0.5 µs an array to get: two of them were a tenth of a 40-mx policy's lint.
 */
const spares: Int32Array[] = [];

/**
 * An open-addressing table of indexes by hash, sized for `capacity` keys (twice as many slots, so
 * a probe soon meets an empty one; it doubles if more come). A Map of key strings cost more than
 * the rest of the rules on documents of many keys: the key string made, hashed, and the Map
 * grown, per entry.
 */
export class FirstSeen {
  /**
   * Two numbers a slot: the index stored there plus one (0 when empty), and its key's full hash,
   * compared before keys are. Side by side, a probe of a large table reads one cache line, not
   * two (slot and hash in arrays of their own).
   */
  private table: Int32Array | null = null;
  private count = 0;
  constructor(private readonly capacity: number) {}
  /**
   * The first index stored under hash `h` whose key `sameKey(first)` says equals this one; when
   * there is none, stores `index` and returns -1.
   */
  firstOrAdd(h: number, index: number, sameKey: (first: number) => boolean): number {
    if (!this.table || this.table.length < (this.count + 1) * 4) this.grow();
    const table = this.table!;
    const mask = table.length - 2;
    for (let s = (h << 1) & mask; ; s = (s + 2) & mask) {
      const v = table[s]!;
      if (v === 0) {
        table[s] = index + 1;
        table[s + 1] = h;
        this.count++;
        return -1;
      }
      if (table[s + 1] === h && sameKey(v - 1)) return v - 1;
    }
  }
  /**
   * Empties the table and keeps its array, when small, for the next table to take (a lint makes
   * its tables anew). Using the table afterwards is fine: it gets an array of its own.
   */
  release(): void {
    const table = this.table;
    this.table = null;
    this.count = 0;
    if (table && table.length <= 2 * SPARE_SLOTS && spares.length < SPARES) spares.push(table);
  }
  /** Every stored index, in ascending order. */
  stored(): number[] {
    const out: number[] = [];
    const table = this.table;
    if (table) for (let s = 0; s < table.length; s += 2) if (table[s] !== 0) out.push(table[s]! - 1);
    return out.sort((a, b) => a - b);
  }
  private grow(): void {
    const old = this.table;
    const slots = 1 << (32 - Math.clz32(Math.max(8, this.capacity * 2, (this.count + 1) * 4) - 1));
    const table = take(2 * slots);
    const mask = table.length - 2;
    if (old) {
      for (let j = 0; j < old.length; j += 2) {
        if (old[j] === 0) continue;
        let s = (old[j + 1]! << 1) & mask;
        while (table[s] !== 0) s = (s + 2) & mask;
        table[s] = old[j]!;
        table[s + 1] = old[j + 1]!;
      }
    }
    this.table = table;
  }
}

/** An array of `length` zeros: a spare one when there is one, else a new one. */
function take(length: number): Int32Array {
  for (let i = spares.length - 1; i >= 0; i--) {
    const a = spares[i]!;
    if (a.length !== length) continue;
    spares[i] = spares[spares.length - 1]!;
    spares.pop();
    return a.fill(0);
  }
  return new Int32Array(length);
}
