// Scaling of lint with input size, per document kind: realistic documents of 1 KiB to 1 MiB
// (time per KiB must stay flat) and pathological inputs of about 1 MiB (each under 50 ms).
// Not a test.
import type { DocumentKind } from '../../server/src/core/index';
import { bundledCore } from './bundle';
import { cpuMs, fmt, median, table, verdict } from './harness';
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

export function scaling(): ScalingResult {
  const sizes: ScalingResult['sizes'] = [];
  for (const kind of KINDS) {
    for (const kib of SIZES) {
      const text = documentOfSize(kind, kib * 1024);
      const ms = lintMs(kind, text);
      sizes.push({ kind, kib, ms, usPerKib: (ms * 1000) / (text.length / 1024) });
    }
  }
  // Flat: the per-KiB time of the largest input is within 2× of the smallest per-KiB time of
  // the 8 KiB and 64 KiB inputs (1 KiB is dominated by fixed costs).
  const flatOf = (kind: DocumentKind) => {
    const r = sizes.filter((s) => s.kind === kind);
    const base = Math.min(...r.filter((s) => s.kib === 8 || s.kib === 64).map((s) => s.usPerKib));
    return r[r.length - 1]!.usPerKib / base;
  };
  const patho: ScalingResult['patho'] = [];
  for (const p of pathological()) for (const kind of KINDS) patho.push({ name: p.name, kind, kib: p.text.length / 1024, ms: lintMs(kind, p.text) });
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
  return { sizes, patho, linear, bounded, markdown: `${sizeTable}\n\n${pathoTable}` };
}
