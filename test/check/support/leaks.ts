// Waits until no sockets (TCP, UDP) or timers are left open beyond a baseline, and records
// unhandled promise rejections, for the checker's loopback tests.
const KINDS = ['TCPSocketWrap', 'UDPWrap', 'Timeout'];

export type ResourceCounts = Record<string, number>;

export function resourceCounts(): ResourceCounts {
  const out: ResourceCounts = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const r of process.getActiveResourcesInfo()) if (r in out) out[r]!++;
  return out;
}

/** Resolves with null once every count is back at or below the baseline, else the excess after `ms`. */
export async function waitForBaseline(baseline: ResourceCounts, ms = 3000): Promise<string | null> {
  const until = Date.now() + ms;
  for (;;) {
    const now = resourceCounts();
    const excess = KINDS.filter((k) => now[k]! > baseline[k]!).map((k) => `${k}: ${now[k]} > ${baseline[k]}`);
    if (excess.length === 0) return null;
    if (Date.now() > until) return excess.join(', ');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function trackRejections(): { list: unknown[]; stop(): void } {
  const list: unknown[] = [];
  const on = (e: unknown) => list.push(e);
  process.on('unhandledRejection', on);
  return { list, stop: () => process.off('unhandledRejection', on) };
}
