// DNS lookups through the environment: follows CNAME chains, tells NXDOMAIN, NODATA,
// SERVFAIL and timeouts apart, and records each lookup for the report. No node:* imports.
import type { CheckContext } from './context';
import { stepLimit, throwIfCancelled } from './deadline';
import type { DnsRecord } from './env';
import type { DnsLookupReport, DnsStatus } from './types';

export type LookupType = 'TXT' | 'MX' | 'A' | 'AAAA';

export interface Lookup {
  readonly report: DnsLookupReport;
  /** Records of the asked type at the end of the CNAME chain. */
  readonly records: readonly DnsRecord[];
}

const MAX_CNAME_HOPS = 8;

function present(r: DnsRecord): string {
  switch (r.type) {
    case 'TXT':
      return r.strings.map((s) => JSON.stringify(s)).join(' ');
    case 'MX':
      return `${r.preference} ${r.exchange || '.'}`;
    case 'CNAME':
      return r.target;
    default:
      return r.address;
  }
}

function statusOf(rcode: string): DnsStatus {
  switch (rcode.toUpperCase()) {
    case 'NOERROR':
      return 'ok';
    case 'NXDOMAIN':
      return 'nxdomain';
    case 'SERVFAIL':
      return 'servfail';
    case 'REFUSED':
      return 'refused';
    default:
      return 'error';
  }
}

/** Looks up `name`/`type`, following CNAMEs (in the answer, or by asking again for the target). */
export async function lookup(ctx: CheckContext, name: string, type: LookupType): Promise<Lookup> {
  return ctx.timed(`dns ${type} ${name}`, async () => {
    const t0 = ctx.env.now();
    const limit = stepLimit(ctx.opts.timeoutMs, ctx.signal);
    const cnames: string[] = [];
    let server: string | null = null;
    let current = name.toLowerCase();
    const done = (status: DnsStatus, records: DnsRecord[], error: string | null): Lookup => {
      const report: DnsLookupReport = { name, type, status, records: records.map(present), cnames, server, error, ms: ctx.env.now() - t0 };
      ctx.dns.push(report);
      return { report, records };
    };
    try {
      for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
        const left = ctx.opts.timeoutMs - (ctx.env.now() - t0);
        if (left <= 0) return done('timeout', [], `no answer within ${ctx.opts.timeoutMs} ms`);
        const res = await ctx.env.dnsQuery({ name: current, type, servers: ctx.opts.dnsServers, timeoutMs: left, signal: limit.signal });
        server = res.server;
        if (res.kind === 'timeout') return done('timeout', [], `no answer within ${ctx.opts.timeoutMs} ms from ${res.server ?? 'the resolver'}`);
        if (res.kind === 'error') return done('error', [], res.message);
        const seen = new Set<string>([current]);
        for (;;) {
          const c = res.answers.find((a) => a.type === 'CNAME' && a.name.toLowerCase() === current);
          if (!c || c.type !== 'CNAME') break;
          cnames.push(`${c.name} -> ${c.target}`);
          current = c.target.toLowerCase();
          if (seen.has(current)) return done('error', [], `CNAME loop at ${current}`);
          seen.add(current);
        }
        const records = res.answers.filter((a) => a.type === type && a.name.toLowerCase() === current);
        const status = statusOf(res.rcode);
        if (status !== 'ok') return done(status, records, status === 'error' ? `the resolver answered ${res.rcode}` : null);
        if (records.length > 0) return done('ok', records, null);
        const chained = cnames.length > 0 && cnames[cnames.length - 1]!.endsWith(` ${current}`);
        if (!chained || hop === MAX_CNAME_HOPS) return done('nodata', [], null);
        if (!res.answers.some((a) => a.type === 'CNAME')) return done('nodata', [], null);
        // The answer ended at a CNAME target without its records: ask for the target.
      }
      return done('error', [], 'CNAME chain too long');
    } catch (e) {
      throwIfCancelled(ctx.signal);
      if (limit.timedOut()) return done('timeout', [], `no answer within ${ctx.opts.timeoutMs} ms`);
      return done('error', [], (e as Error).message);
    } finally {
      limit.dispose();
    }
  });
}

/** True when a lookup got an answer (records, or none, or NXDOMAIN), not a timeout or a failure. */
export function answered(l: Lookup): boolean {
  return l.report.status === 'ok' || l.report.status === 'nodata' || l.report.status === 'nxdomain';
}

/** A and AAAA of a host, in parallel; addresses IPv4 first. */
export async function lookupAddresses(ctx: CheckContext, host: string): Promise<{ a: Lookup; aaaa: Lookup; addresses: string[] }> {
  const [a, aaaa] = await Promise.all([lookup(ctx, host, 'A'), lookup(ctx, host, 'AAAA')]);
  const addresses = [...a.records, ...aaaa.records].flatMap((r) => (r.type === 'A' || r.type === 'AAAA' ? [r.address] : []));
  return { a, aaaa, addresses };
}
