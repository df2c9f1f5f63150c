// String similarity for "did you mean" suggestions. Pure: core only.

/** Rows of the distance table, kept between calls and grown as needed (a wrong key on each of a million lines asks a million times). */
let row0 = new Int32Array(16);
let row1 = new Int32Array(16);
let row2 = new Int32Array(16);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), exact when it is
 * at most `max`; above that, some number above `max` (the table stops once no cell can come back
 * under it). Strings whose lengths differ by more than 3 give the difference, at least the
 * distance, at once: the callers look no further than 3.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > 3) return Math.abs(n - m);
  if (Math.abs(n - m) > max) return max + 1;
  if (max <= 1) return withinOne(a, b);
  if (row0.length <= m) {
    row0 = new Int32Array(2 * m + 2);
    row1 = new Int32Array(2 * m + 2);
    row2 = new Int32Array(2 * m + 2);
  }
  // Rows i - 2, i - 1 and i of the table, rotated.
  let prev2 = row0;
  let prev = row1;
  let cur = row2;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ca === cb ? 0 : 1);
      if (prev[j]! + 1 < v) v = prev[j]! + 1;
      if (cur[j - 1]! + 1 < v) v = cur[j - 1]! + 1;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prev2[j - 2]! + 1 < v) v = prev2[j - 2]! + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // No later row has a smaller cell: a transposition's d[i-1][j-2] + 1 is at least d[i][j-1]
    // (one substitution away), so each cell comes from a cell of this row or more.
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/**
 * 1 when `a` and `b` (different, lengths at most one apart) are one edit or one adjacent swap
 * apart, else 2: the common prefix and suffix decide it, with no table (a key on each of a
 * million lines is asked about with a bound of 1).
 */
function withinOne(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  const short = n < m ? n : m;
  let p = 0;
  while (p < short && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < short - p && a.charCodeAt(n - 1 - s) === b.charCodeAt(m - 1 - s)) s++;
  // One insertion or deletion: the longer word less one character is the shorter one.
  if (n !== m) return p + s >= short ? 1 : 2;
  // One substitution: everything but one position is equal.
  if (p + s >= n - 1) return 1;
  // One adjacent swap at the first difference, the rest equal.
  return p + 2 + s >= n && a.charCodeAt(p) === b.charCodeAt(p + 1) && a.charCodeAt(p + 1) === b.charCodeAt(p) ? 1 : 2;
}

/** The candidate closest to `word` within `maxDistance`, or null (the first of equally close ones). */
export function closest(word: string, candidates: readonly string[], maxDistance: number): string | null {
  let best: string | null = null;
  let bestD = maxDistance + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, bestD - 1);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
