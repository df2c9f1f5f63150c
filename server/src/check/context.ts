// Per-check state shared by the steps: resolved options, the environment, the caller's
// signal, progress and timing records. No node:* imports.
import type { CheckEnv, DnsServer } from './env';
import type { CheckOptions, DnsLookupReport, Timing } from './types';

/**
 * Defaults and upper bounds of the check's limits on MX hosts. The CLI's options and the editor's
 * settings read them from here (and test/unit/settings.test.ts holds package.json to the settings).
 */
export const CHECK_LIMITS = {
  maxMxProbes: { default: 16, max: 1000 },
  smtpConcurrency: { default: 4, max: 64 },
  dnsConcurrency: { default: 16, max: 256 },
} as const;

export interface ResolvedOptions {
  readonly timeoutMs: number;
  readonly smtp: boolean;
  readonly ehloName: string;
  readonly dnsServers: readonly DnsServer[];
  readonly caCertificates: readonly string[];
  readonly httpsPort: number;
  readonly smtpPort: number;
  readonly smtpConcurrency: number;
  readonly dnsConcurrency: number;
  readonly maxMxProbes: number;
}

export interface CheckContext {
  readonly env: CheckEnv;
  readonly opts: ResolvedOptions;
  /** The caller's cancellation signal (never aborted when the caller gave none). */
  readonly signal: AbortSignal;
  readonly startedAt: number;
  readonly timings: Timing[];
  readonly dns: DnsLookupReport[];
  step(name: string): void;
  /** Runs `fn` and records how long it took under `name`. */
  timed<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** Parses "host", "host:port", "[v6]" or "[v6]:port". */
export function parseDnsServer(s: string): DnsServer | null {
  const t = s.trim();
  let m = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(t);
  if (m) return { host: m[1]!, port: m[2] ? Number(m[2]) : 53 };
  if (/^[0-9a-fA-F:]+$/.test(t) && t.split(':').length > 2) return { host: t, port: 53 };
  m = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(t);
  if (!m) return null;
  const port = m[2] ? Number(m[2]) : 53;
  return port >= 1 && port <= 65535 ? { host: m[1]!, port } : null;
}

export function resolveOptions(o: CheckOptions, env: CheckEnv): ResolvedOptions {
  const servers: DnsServer[] = [];
  for (const s of o.dnsServers ?? []) {
    const p = parseDnsServer(s);
    if (!p) throw new Error(`invalid DNS server "${s}"; use host[:port]`);
    servers.push(p);
  }
  const pos = (v: number | undefined, d: number) => (v !== undefined && Number.isFinite(v) && v > 0 ? Math.floor(v) : d);
  return {
    timeoutMs: pos(o.timeoutMs, 10000),
    smtp: o.smtp ?? true,
    ehloName: o.ehloName?.trim() || env.hostName(),
    dnsServers: servers,
    caCertificates: o.caCertificates ?? [],
    httpsPort: pos(o.httpsPort, 443),
    smtpPort: pos(o.smtpPort, 25),
    smtpConcurrency: pos(o.smtpConcurrency, CHECK_LIMITS.smtpConcurrency.default),
    dnsConcurrency: pos(o.dnsConcurrency, CHECK_LIMITS.dnsConcurrency.default),
    maxMxProbes: pos(o.maxMxProbes, CHECK_LIMITS.maxMxProbes.default),
  };
}

export function createContext(env: CheckEnv, opts: ResolvedOptions, signal: AbortSignal | undefined, onStep: ((s: string) => void) | undefined): CheckContext {
  const startedAt = env.now();
  const timings: Timing[] = [];
  return {
    env,
    opts,
    signal: signal ?? new AbortController().signal,
    startedAt,
    timings,
    dns: [],
    step: (s) => {
      try {
        onStep?.(s);
      } catch {
        // A failing progress callback must not break the check.
      }
    },
    async timed(name, fn) {
      const t = env.now();
      try {
        return await fn();
      } finally {
        timings.push({ step: name, startMs: t - startedAt, ms: env.now() - t });
      }
    },
  };
}
