// First occurrence of each string in a sequence. A few strings are compared in a list; more go
// into an open-addressing hash table of integers: a Map of 40,000 host names cost more than the
// rest of the mx rules, and its entries stayed alive for the whole lint. Pure: core only.

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const LIST_MAX = 8;

/** Remembers the index given with the first of equal strings. */
export class FirstIndex {
  private readonly keys: string[] = [];
  private readonly indexes: number[] = [];
  /** Positions in `keys` by hash, -1 for free; null while the list is short. */
  private slots: Int32Array | null = null;
  private mask = 0;

  /** The index given with the first string equal to `key`; records `index` and returns -1 when there is none. */
  firstOrAdd(key: string, index: number): number {
    const slots = this.slots;
    if (!slots) {
      const k = this.keys.indexOf(key);
      if (k >= 0) return this.indexes[k]!;
    } else {
      let i = hashOf(key) & this.mask;
      for (let slot = slots[i]!; slot >= 0; slot = slots[i]!) {
        if (this.keys[slot] === key) return this.indexes[slot]!;
        i = (i + 1) & this.mask;
      }
      slots[i] = this.keys.length;
    }
    this.keys.push(key);
    this.indexes.push(index);
    if (slots ? this.keys.length * 2 > slots.length : this.keys.length > LIST_MAX) this.rehash();
    return -1;
  }

  private rehash(): void {
    const size = Math.max(64, (this.slots?.length ?? 0) * 2);
    const slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let k = 0; k < this.keys.length; k++) {
      let i = hashOf(this.keys[k]!) & this.mask;
      while (slots[i]! >= 0) i = (i + 1) & this.mask;
      slots[i] = k;
    }
    this.slots = slots;
  }
}
