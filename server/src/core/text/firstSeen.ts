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

/** Tables of up to this many slots are kept for the next table when released (2 × 4 KiB each). */
const SPARE_SLOTS = 1024;
/** How many arrays are kept (slots and hashes, a pair per table). */
const SPARE_ARRAYS = 8;
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
  private slots: Int32Array | null = null;
  /** The full hash of the index in each slot, compared before keys are. */
  private hashes: Int32Array | null = null;
  private count = 0;
  constructor(private readonly capacity: number) {}
  /**
   * The first index stored under hash `h` whose key `sameKey(first)` says equals this one; when
   * there is none, stores `index` and returns -1.
   */
  firstOrAdd(h: number, index: number, sameKey: (first: number) => boolean): number {
    if (!this.slots || this.hashes!.length < (this.count + 1) * 2) this.grow();
    const slots = this.slots!;
    const hashes = this.hashes!;
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[s]!;
      if (v === 0) {
        slots[s] = index + 1;
        hashes[s] = h;
        this.count++;
        return -1;
      }
      if (hashes[s] === h && sameKey(v - 1)) return v - 1;
    }
  }
  /**
   * Empties the table and keeps its arrays, when small, for the next table to take (a lint makes
   * its tables anew). Using the table afterwards is fine: it gets arrays of its own.
   */
  release(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    this.slots = this.hashes = null;
    this.count = 0;
    if (slots && hashes && slots.length <= SPARE_SLOTS && spares.length < SPARE_ARRAYS) spares.push(slots, hashes);
  }
  /** Every stored index, in ascending order. */
  stored(): number[] {
    const out: number[] = [];
    const slots = this.slots;
    if (slots) for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) out.push(slots[s]! - 1);
    return out.sort((a, b) => a - b);
  }
  private grow(): void {
    const old = this.slots;
    const oldHashes = this.hashes;
    const size = 1 << (32 - Math.clz32(Math.max(8, this.capacity * 2, (this.count + 1) * 4) - 1));
    const slots = take(size, true);
    // The hashes are read only where a slot is set: a spare's old ones may stay.
    const hashes = take(size, false);
    const mask = size - 1;
    if (old && oldHashes) {
      for (let j = 0; j < old.length; j++) {
        if (old[j] === 0) continue;
        let s = oldHashes[j]! & mask;
        while (slots[s] !== 0) s = (s + 1) & mask;
        slots[s] = old[j]!;
        hashes[s] = oldHashes[j]!;
      }
    }
    this.slots = slots;
    this.hashes = hashes;
  }
}

/** An array of `size` elements, all 0 if `zeroed`: a spare one when there is one, else a new one. */
function take(size: number, zeroed: boolean): Int32Array {
  for (let i = spares.length - 1; i >= 0; i--) {
    const a = spares[i]!;
    if (a.length !== size) continue;
    spares[i] = spares[spares.length - 1]!;
    spares.pop();
    return zeroed ? a.fill(0) : a;
  }
  return new Int32Array(size);
}
