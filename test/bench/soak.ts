// The all-wrong rows of the scaling table, linted without a pause for some minutes, each window of
// 11 lints (what a cell of the table takes the median of) next to a read of the host memory gauge
// just before it. The scaling table's passes cover slow phases of seconds; this shows what the
// rows nearest the limit take while the host's memory is slow, whenever that happens during the
// run. Opt-in (`--only soak`), as it takes minutes. Not a test.
import type { DocumentKind } from '../../server/src/core/index';
import { bundledCore } from './bundle';
import { cpuMs, fmt, median, memoryGauge, percentile, table, verdict } from './harness';
import { pathological } from './inputs';
import { LIMIT_MS } from './scaling';

/** The rows nearest the limit in every state measured so far (docs/benchmarks.md, Variation). */
const ROWS: readonly [string, DocumentKind][] = [
  ['wrong TXT records in a zone', 'zone'],
  ['wrong records, one a line', 'zone'],
  ['wrong records, one a line', 'sts-record'],
  ['wrong records, one a line', 'tlsrpt-record'],
  ['wrong policy lines', 'policy'],
  ['wrong policy lines', 'sts-record'],
  ['wrong policy lines', 'tlsrpt-record'],
];

/** A window is taken in a slow state when the gauge read this many times its fast reading. */
export const SLOW_FACTOR = 1.6;

export interface SoakResult {
  readonly markdown: string;
  /** No window's median over the limit. */
  readonly bounded: boolean;
  /** Windows timed while the gauge read slow (at least SLOW_FACTOR times its 10th percentile). */
  readonly slowWindows: number;
}

export function soak(minutes: number): SoakResult {
  const { lint } = bundledCore();
  const inputs = ROWS.map(([start, kind]) => {
    const p = pathological().find((x) => x.name.startsWith(start));
    if (!p) throw new Error(`no pathological input starts with "${start}"`);
    return { name: `${p.name} as ${kind}`, kind, text: p.text };
  });
  const gauge = memoryGauge();
  gauge();
  for (const x of inputs) for (let i = 0; i < 5; i++) lint(x.text, x.kind);
  const windows = inputs.map(() => [] as { gauge: number; ms: number }[]);
  const end = Date.now() + minutes * 60_000;
  do {
    inputs.forEach((x, i) => {
      const g = gauge();
      const ts: number[] = [];
      for (let k = 0; k < 11; k++) {
        const t0 = cpuMs();
        lint(x.text, x.kind);
        ts.push(cpuMs() - t0);
      }
      windows[i]!.push({ gauge: g, ms: median(ts) });
    });
  } while (Date.now() < end);
  const gauges = windows.flat().map((w) => w.gauge);
  const fast = percentile(gauges, 10);
  const slowAt = fast * SLOW_FACTOR;
  let slowWindows = 0;
  let bounded = true;
  const rows = inputs.map((x, i) => {
    const all = windows[i]!.map((w) => w.ms);
    const slow = windows[i]!.filter((w) => w.gauge >= slowAt).map((w) => w.ms);
    const over = all.filter((ms) => ms >= LIMIT_MS).length;
    slowWindows += slow.length;
    if (over) bounded = false;
    const ms = (v: number) => `${fmt(v, 1)} ms`;
    return [
      x.name,
      String(all.length),
      ms(median(all)),
      ms(Math.max(...all)),
      slow.length ? `${slow.length}: ${ms(median(slow))}, largest ${ms(Math.max(...slow))}` : 'none',
      `${over} ${verdict(over === 0)}`,
    ];
  });
  const head = ['input', 'windows', 'median of the windows', 'largest window', `windows with a slow gauge: median, largest`, `windows over ${LIMIT_MS} ms`];
  const markdown = [
    table(head, rows),
    '',
    `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} without a pause; a window is 11 lints and reports their median (a cell of the scaling table does the same after warm-up). Host memory gauge before each window: fast reading (10th percentile) ${fmt(fast, 1)} ms, median ${fmt(median(gauges), 1)} ms, highest ${fmt(Math.max(...gauges), 1)} ms (${fmt(Math.max(...gauges) / fast, 1)}× the fast reading); a window counts as slow from ${fmt(slowAt, 1)} ms (${SLOW_FACTOR}× the fast reading): ${fmt(slowWindows)} of ${fmt(gauges.length)} windows.`,
  ].join('\n');
  return { markdown, bounded, slowWindows };
}
