// The MX side of the check: MX lookup (null MX, implicit MX), addresses of each host, and the
// SMTP probes of the most preferred hosts with bounded concurrency. Findings about DNS and the
// probe limit only. No node:* imports.
import { CHK } from '../core/rules/checkRules';
import type { CheckContext } from './context';
import { mapLimit } from './deadline';
import { answered, lookup, lookupAddresses, type Lookup } from './dnsLookup';
import { finding } from './findings';
import { probeSmtp, type SmtpOutcome } from './smtpProbe';
import type { AddressStatus, Finding } from './types';

export interface MxHost {
  readonly host: string;
  readonly preference: number;
  readonly implicit: boolean;
  readonly addresses: readonly string[];
  readonly addressStatus: AddressStatus;
  readonly smtp: SmtpOutcome | null;
  /** True when SMTP probing is on and the host has an address but lies beyond `maxMxProbes`. */
  readonly overProbeLimit: boolean;
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
  // Addresses, in preference order, `dnsConcurrency` hosts at a time (two queries each: a DNS
  // answer over TCP can list thousands of MX hosts). A host whose lookup has not started within
  // `timeoutMs` of the first is not looked up; each lookup ends within `timeoutMs` of its start,
  // so this phase ends within 2 × timeoutMs whatever the list holds and however slow the DNS.
  const phaseEnd = ctx.env.now() + ctx.opts.timeoutMs;
  const resolved = await mapLimit(targets, ctx.opts.dnsConcurrency, async (t) => {
    if (ctx.env.now() >= phaseEnd) return { ...t, addresses: [] as string[], addressStatus: 'not-looked-up' as AddressStatus };
    const { a, aaaa, addresses } = await lookupAddresses(ctx, t.host);
    const addressStatus: AddressStatus = addresses.length > 0 ? 'found' : answered(a) && answered(aaaa) ? 'none' : 'failed';
    return { ...t, addresses, addressStatus };
  });
  for (const r of resolved) {
    // Only when both lookups answered: a timeout or a failure has its own finding (CHK107, CHK108).
    if (r.addressStatus === 'none' && !r.implicit) findings.push(finding(CHK.mxNoAddress, `mx:${r.host}`, `the MX host \`${r.host}\` has no A or AAAA record, so senders cannot deliver to it`, { evidence: `${r.preference} ${r.host}` }));
  }
  const notLookedUp = resolved.filter((r) => r.addressStatus === 'not-looked-up');
  if (notLookedUp.length > 0) {
    const n = resolved.length - notLookedUp.length;
    findings.push(finding(CHK.mxLookupLimit, 'dns', `\`${domain}\` has ${resolved.length} MX hosts; the check looked up the addresses of the ${n} most preferred (${ctx.opts.dnsConcurrency} at a time) within its time limit of ${ctx.opts.timeoutMs} ms and skipped ${notLookedUp.length}, which are matched against the policy but neither resolved nor probed (raise --dns-concurrency / mtaSts.check.dnsConcurrency or --timeout / mtaSts.check.timeoutMs)`, { evidence: `first not looked up: ${notLookedUp[0]!.preference} ${notLookedUp[0]!.host}` }));
  }
  // Every host is matched against the policy later, looked up or not; the SMTP probe is limited
  // to the `maxMxProbes` most preferred hosts that have an address (`resolved` keeps the
  // preference order).
  const probeable = ctx.opts.smtp ? resolved.filter((r) => r.addresses.length > 0) : [];
  const probed = probeable.slice(0, ctx.opts.maxMxProbes);
  const skipped = probeable.length - probed.length;
  if (skipped > 0) {
    findings.push(finding(CHK.mxProbeLimit, 'dns', `\`${domain}\` has ${resolved.length} MX hosts${probeable.length < resolved.length ? ` (${probeable.length} with an address)` : ''}; the SMTP probe covered the ${probed.length} most preferred and skipped ${skipped} (raise --max-mx-probes / mtaSts.check.maxMxProbes to probe more)`, { evidence: `first not probed: ${probeable[probed.length]!.preference} ${probeable[probed.length]!.host}` }));
  }
  if (probed.length > 0) ctx.step(skipped > 0 ? `Probing ${probed.length} of ${probeable.length} MX hosts over SMTP` : 'Probing MX hosts over SMTP');
  // The probing phase is bounded whatever the MX list holds: each probe ends within `timeoutMs`
  // (one limit covers its whole session, from connect to QUIT), at most `smtpConcurrency` run at
  // once, and a free slot takes the next host at once, so the n-th probe starts by
  // ⌊n / smtpConcurrency⌋ × timeoutMs. The phase therefore takes at most
  // ⌈maxMxProbes / smtpConcurrency⌉ × timeoutMs: with the defaults ⌈16 / 4⌉ × 10 s = 40 s
  // (without the limit, 100 silent MX hosts took ⌈100 / 4⌉ × 10 s = 250 s).
  const outcomes = await mapLimit(probed, ctx.opts.smtpConcurrency, (r) => ctx.timed(`smtp ${r.host}`, () => probeSmtp(ctx, r.host, r.addresses[0]!)));
  const byHost = new Map(probed.map((r, i) => [r, outcomes[i]!] as const));
  const over = new Set(probeable.slice(probed.length));
  const hosts = resolved.map((r): MxHost => ({ ...r, smtp: byHost.get(r) ?? null, overProbeLimit: over.has(r) }));
  return { lookup: lk, hosts, nullMx: false, findings };
}
