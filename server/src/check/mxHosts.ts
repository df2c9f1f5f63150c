// The MX side of the check: MX lookup (null MX, implicit MX), addresses of each host, and the
// SMTP probes with bounded concurrency. Findings about DNS only. No node:* imports.
import { CHK } from '../core/rules/checkRules';
import type { CheckContext } from './context';
import { mapLimit } from './deadline';
import { lookup, lookupAddresses, type Lookup } from './dnsLookup';
import { finding } from './findings';
import { probeSmtp, type SmtpOutcome } from './smtpProbe';
import type { Finding } from './types';

export interface MxHost {
  readonly host: string;
  readonly preference: number;
  readonly implicit: boolean;
  readonly addresses: readonly string[];
  readonly smtp: SmtpOutcome | null;
}

export interface MxResult {
  readonly lookup: Lookup;
  readonly hosts: readonly MxHost[];
  readonly nullMx: boolean;
  readonly findings: Finding[];
}

export async function checkMxHosts(ctx: CheckContext, domain: string): Promise<MxResult> {
  const lk = await lookup(ctx, domain, 'MX');
  const findings: Finding[] = [];
  const mx = lk.records.flatMap((r) => (r.type === 'MX' ? [{ host: r.exchange.toLowerCase(), preference: r.preference }] : [])).sort((a, b) => a.preference - b.preference || a.host.localeCompare(b.host));
  let targets: { host: string; preference: number; implicit: boolean }[] = [];
  if (lk.report.status === 'nxdomain') {
    findings.push(finding(CHK.domainNotFound, 'dns', `\`${domain}\` does not exist in DNS (NXDOMAIN)`, { evidence: `${domain} MX: NXDOMAIN` }));
  } else if (mx.length === 1 && (mx[0]!.host === '' || mx[0]!.host === '.')) {
    findings.push(finding(CHK.mxNull, 'dns', `\`${domain}\` publishes a null MX: it accepts no mail, so MTA-STS has nothing to protect`, { evidence: lk.report.records.join(', ') }));
    return { lookup: lk, hosts: [], nullMx: true, findings };
  } else if (lk.report.status === 'nodata') {
    findings.push(finding(CHK.mxNone, 'dns', `\`${domain}\` has no MX records; senders deliver to the domain's own address (implicit MX), so the policy must list \`${domain}\` and its certificate must name it`, { evidence: `${domain} MX: no records` }));
    targets = [{ host: domain, preference: 0, implicit: true }];
  } else {
    targets = mx.map((m) => ({ ...m, implicit: false }));
  }
  const resolved = await Promise.all(
    targets.map(async (t) => {
      const { addresses } = await lookupAddresses(ctx, t.host);
      return { ...t, addresses };
    }),
  );
  for (const r of resolved) {
    if (r.addresses.length === 0 && !r.implicit) findings.push(finding(CHK.mxNoAddress, `mx:${r.host}`, `the MX host \`${r.host}\` has no A or AAAA record, so senders cannot deliver to it`, { evidence: `${r.preference} ${r.host}` }));
  }
  if (ctx.opts.smtp && resolved.some((r) => r.addresses.length > 0)) ctx.step('Probing MX hosts over SMTP');
  const hosts = await mapLimit(resolved, ctx.opts.smtpConcurrency, async (r): Promise<MxHost> => {
    if (!ctx.opts.smtp || r.addresses.length === 0) return { ...r, smtp: null };
    const address = r.addresses[0]!;
    const smtp = await ctx.timed(`smtp ${r.host}`, () => probeSmtp(ctx, r.host, address));
    return { ...r, smtp };
  });
  return { lookup: lk, hosts, nullMx: false, findings };
}
