// Scaling of lint with input size, per document kind: realistic documents of 1 KiB to 1 MiB
// (time per KiB must stay flat) and pathological inputs of about 1 MiB (each under 50 ms).
// Not a test.
//
// Every cell is timed in several passes over the whole table, and the table gives each cell's
// lowest median. These lints are bound by memory traffic, and on a shared host other tenants'
// traffic slows them by up to 2× for seconds to minutes at a time (docs/benchmarks.md, eleventh
// and twelfth rounds): a cell timed once measures the host as much as the code. Noise on the host
// only adds time, so the lowest of medians taken apart in time is the estimate of the code's own
// cost (the minimum estimator of Chen and Revels, "Robust benchmarking in noisy environments",
// 2016). Passes cover a slow phase shorter than a pass (about 17 s), not a slow stretch of many
// minutes. How far apart a cell's medians were, and every median over the limit, are printed with
// the table.
import type { DocumentKind } from '../../server/src/core/index';
import { bundledCore } from './bundle';
import { cpuMs, fmt, median, memoryGauge, table, verdict } from './harness';
import { KINDS, documentOfSize, pathological } from './inputs';

export const LIMIT_MS = 50;
const SIZES = [1, 8, 64, 1024];

/** CPU time of one call, ms. */
function cpuTime(fn: () => unknown): number {
  const t0 = cpuMs();
  fn();
  return cpuMs() - t0;
}

/**
 * Warm-up lints for an input over 200 KB (one for the others). The CPU time counts the background
 * threads, and the first lints of an input that takes a path not taken before (the full record
 * checks, after rows of canonical records) still pay for V8 compiling it there: the 2nd to 5th
 * lints of a wrong 1 MiB zone took 1.5–2.5× the steady state.
 */
const WARM_BIG = 5;

/** Median CPU time of `n` runs after the warm-up; fewer runs for big inputs. */
function lintMs(kind: DocumentKind, text: string): number {
  const { lint } = bundledCore();
  const big = text.length > 200_000;
  const n = big ? 11 : text.length > 20_000 ? 15 : 51;
  for (let i = 0; i < (big ? WARM_BIG : 1); i++) lint(text, kind);
  return median(Array.from({ length: n }, () => cpuTime(() => lint(text, kind))));
}

export interface ScalingResult {
  readonly sizes: { kind: DocumentKind; kib: number; ms: number; usPerKib: number }[];
  readonly patho: { name: string; kind: DocumentKind; kib: number; ms: number }[];
  readonly markdown: string;
  readonly linear: boolean;
  readonly bounded: boolean;
}

/** Passes over the table by default. */
export const PASSES = 3;

export function scaling(passes = PASSES): ScalingResult {
  const cells: { kind: DocumentKind; text: string; kib?: number; name?: string }[] = [];
  for (const kind of KINDS) for (const kib of SIZES) cells.push({ kind, kib, text: documentOfSize(kind, kib * 1024) });
  for (const p of pathological()) for (const kind of KINDS) cells.push({ kind, name: p.name, text: p.text });
  const medians = cells.map(() => [] as number[]);
  // The host's memory latency just before each 1 MiB cell is timed (see memoryGauge): printed
  // beside the medians, so that a slow run shows whether the host was slow at the time.
  const gauge = memoryGauge();
  const gauges = cells.map(() => [] as number[]);
  for (let pass = 0; pass < passes; pass++) {
    cells.forEach((c, i) => {
      if (c.text.length > 200_000) gauges[i]!.push(gauge());
      medians[i]!.push(lintMs(c.kind, c.text));
    });
  }
  const best = medians.map((m) => Math.min(...m));
  const spreads = medians.map((m) => Math.max(...m) / Math.min(...m));
  const sizes: ScalingResult['sizes'] = [];
  const patho: ScalingResult['patho'] = [];
  cells.forEach((c, i) => {
    const ms = best[i]!;
    if (c.kib !== undefined) sizes.push({ kind: c.kind, kib: c.kib, ms, usPerKib: (ms * 1000) / (c.text.length / 1024) });
    else patho.push({ name: c.name!, kind: c.kind, kib: c.text.length / 1024, ms });
  });
  // Flat: the per-KiB time of the largest input is within 2× of the smallest per-KiB time of
  // the 8 KiB and 64 KiB inputs (1 KiB is dominated by fixed costs).
  const flatOf = (kind: DocumentKind) => {
    const r = sizes.filter((s) => s.kind === kind);
    const base = Math.min(...r.filter((s) => s.kib === 8 || s.kib === 64).map((s) => s.usPerKib));
    return r[r.length - 1]!.usPerKib / base;
  };
  const linear = KINDS.every((k) => flatOf(k) <= 2);
  const bounded = [...sizes, ...patho].every((x) => x.ms < LIMIT_MS);
  const sizeTable = table(
    ['kind', ...SIZES.map((k) => (k >= 1024 ? `${k / 1024} MiB` : `${k} KiB`)), 'µs/KiB at 1 KiB … 1 MiB', '1 MiB ÷ best of 8/64 KiB (flat ≤ 2)'],
    KINDS.map((kind) => {
      const r = sizes.filter((s) => s.kind === kind);
      return [kind, ...r.map((s) => `${fmt(s.ms, 2)} ms`), r.map((s) => fmt(s.usPerKib, 1)).join(' / '), `${fmt(flatOf(kind), 2)} ${verdict(flatOf(kind) <= 2)}`];
    }),
  );
  const names = [...new Set(patho.map((p) => p.name))];
  const pathoTable = table(
    ['pathological input', 'size', ...KINDS],
    names.map((n) => {
      const r = patho.filter((p) => p.name === n);
      return [n, `${fmt(r[0]!.kib)} KiB`, ...KINDS.map((k) => {
        const ms = r.find((p) => p.kind === k)!.ms;
        return ms < LIMIT_MS ? `${fmt(ms, 1)} ms` : `**${fmt(ms, 1)} ms**`;
      })];
    }),
  );
  // How far apart the medians of a 1 MiB cell were (where the host shows), and the passes in which
  // a cell went over the limit: printed, not hidden by the lowest median.
  const big = cells.flatMap((c, i) => (c.text.length > 200_000 ? [i] : []));
  const widest = big.reduce((x, i) => (spreads[i]! > spreads[x]! ? i : x), big[0]!);
  const cellName = (i: number) => `${cells[i]!.name ?? `${cells[i]!.kib} KiB`} as ${cells[i]!.kind}`;
  const passMs = (i: number) => `${medians[i]!.map((m) => fmt(m, 1)).join(', ')} ms`;
  const gaugeMs = (i: number) => `${gauges[i]!.map((m) => fmt(m, 1)).join(', ')} ms`;
  const allGauges = big.flatMap((i) => gauges[i]!);
  const over = cells.flatMap((_, i) => (Math.max(...medians[i]!) >= LIMIT_MS ? [`${cellName(i)} (${passMs(i)}; memory gauge ${gaugeMs(i)})`] : []));
  const note = passes > 1
    ? `Each cell is the lowest of ${passes} medians, one per pass over the whole table. A 1 MiB cell's largest median ÷ its lowest: median ${fmt(median(big.map((i) => spreads[i]!)), 2)}, largest ${fmt(spreads[widest]!, 2)} (${cellName(widest)}: ${passMs(widest)}). ${over.length ? `Cells with a median over ${LIMIT_MS} ms in some pass: ${over.join('; ')}.` : `No median of any pass was over ${LIMIT_MS} ms.`} Host memory gauge (1,048,576 random reads over 64 MiB, just before each 1 MiB cell; see Method): lowest ${fmt(Math.min(...allGauges), 1)} ms, median ${fmt(median(allGauges), 1)} ms, highest ${fmt(Math.max(...allGauges), 1)} ms.`
    : 'One pass: each cell is the median of its runs.';
  return { sizes, patho, linear, bounded, markdown: `${sizeTable}\n\n${pathoTable}\n\n${note}` };
}
