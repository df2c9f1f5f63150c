// Measuring helpers for `npm run bench`: alternating throughput rounds (so that contenders see
// the same machine load), medians and percentiles, and markdown tables. Not a test.

export interface Contender {
  readonly name: string;
  /** Runs the operation once on `input`. */
  readonly run: (input: string) => unknown;
}

export interface Throughput {
  readonly name: string;
  /** Median operations (documents) per second over the rounds. */
  readonly opsPerSec: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** CPU time of this process (all threads) in milliseconds. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs `fn` over the inputs repeatedly for about `ms` milliseconds of CPU time; documents per
 * CPU second. CPU time rather than wall time, so that other processes on a busy machine do
 * not count against the code under test.
 */
function slice(fn: (s: string) => unknown, inputs: readonly string[], ms: number): number {
  let n = 0;
  let sink = 0;
  let batch = 1;
  const t0 = cpuMs();
  let t = t0;
  do {
    // Batches of at least ~1 ms between clock reads, so that reading the clock costs nothing.
    const b0 = t;
    for (let k = 0; k < batch; k++) for (const s of inputs) if (fn(s)) sink++;
    n += batch * inputs.length;
    t = cpuMs();
    if (t - b0 < 1) batch *= 2;
  } while (t - t0 < ms);
  if (sink < 0) console.log(sink);
  return n / ((t - t0) / 1000);
}

/**
 * Alternates the contenders in short slices for `rounds` rounds (after a warm-up) and returns
 * each one's median throughput and, per round, the ratio of every contender to the last one.
 */
export function race(contenders: readonly Contender[], inputs: readonly string[], rounds = 15, sliceMs = 40): { results: Throughput[]; ratios: number[][] } {
  for (const c of contenders) slice(c.run, inputs, sliceMs * 2);
  const per = contenders.map(() => [] as number[]);
  const ratios = contenders.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...contenders.keys()].reverse() : [...contenders.keys()];
    const got: number[] = [];
    for (const i of order) got[i] = slice(contenders[i]!.run, inputs, sliceMs);
    const base = got[contenders.length - 1]!;
    got.forEach((v, i) => {
      per[i]!.push(v);
      ratios[i]!.push(v / base);
    });
  }
  return { results: contenders.map((c, i) => ({ name: c.name, opsPerSec: median(per[i]!) })), ratios };
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `met` or a bold `missed`, for the tables. */
export function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

/**
 * A gauge of the host's memory latency: CPU ms of 1,048,576 reads at random places in 64 MiB (far
 * past the caches), the median of three. On this shared host the lints slow by up to 2× in
 * stretches of seconds to minutes; in those stretches a gauge of this kind slows with them while a
 * loop of arithmetic keeps its time (docs/benchmarks.md, fifteenth round), so a slow lint with a
 * slow gauge beside it is the host's. Compare its readings within one run only: its level depends
 * on the process (the bench's own reads about twice what a process that does nothing else does).
 * The buffer is written once so that its pages are real memory, not the shared zero page.
 */
export function memoryGauge(): () => number {
  const data = new Float64Array(8 << 20);
  for (let i = 0; i < data.length; i++) data[i] = i;
  const order = new Int32Array(1 << 20);
  for (let i = 0; i < order.length; i++) order[i] = (Math.imul(i, 2654435761) >>> 0) % data.length;
  let sink = 0;
  const once = () => {
    const t0 = cpuMs();
    let s = 0;
    for (let i = 0; i < order.length; i++) s += data[order[i]!]!;
    sink += s;
    return cpuMs() - t0;
  };
  return () => {
    const ms = median([once(), once(), once()]);
    if (sink < 0) console.log(sink);
    return ms;
  };
}
