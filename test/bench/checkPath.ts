// The live checker's critical path against loopback DNS, HTTPS and SMTP servers that each answer
// after an injected delay: total time ÷ the longest chain of dependent steps (DNS MX → DNS A/AAAA
// → SMTP, or DNS A/AAAA → HTTPS), and `mta-sts check --file` over 100 domains with concurrency
// 10 against one domain. Not a test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDomain, createNodeEnv, type CheckReport } from '../../server/src/check/index';
import { startDnsServer, type ZoneEntry } from '../check/support/dnsServer';
import { serve, startHttpsServer } from '../check/support/httpsServers';
import { createTestCa } from '../check/support/pki';
import { policyText } from '../check/support/scenarios';
import { startRawSmtp } from '../check/support/smtpServers';
import { fmt, median, table, verdict } from './harness';
import { ROOT } from './inputs';

/** The delay each server adds before answering (DNS: every answer; HTTPS: every response; SMTP: the greeting). */
export const DELAY = 150;

export interface CheckPathResult {
  readonly total: number;
  readonly chain: number;
  readonly ratio: number;
  readonly oneDomainMs: number;
  readonly manyMs: number;
  readonly markdown: string;
  readonly met: boolean;
}

function stepMs(r: CheckReport, step: string): number {
  const t = r.timings.filter((x) => x.step === step);
  if (t.length === 0) throw new Error(`no timing for ${step}`);
  return Math.max(...t.map((x) => x.ms));
}

/** The longest chain of dependent steps, from the report's own step timings. */
function longestChain(r: CheckReport, d: string, mx: readonly string[]): number {
  const addr = (h: string) => Math.max(stepMs(r, `dns A ${h}`), stepMs(r, `dns AAAA ${h}`));
  const mxChain = stepMs(r, `dns MX ${d}`) + Math.max(...mx.map((h) => addr(h) + stepMs(r, `smtp ${h}`)));
  const policyChain = addr(`mta-sts.${d}`) + stepMs(r, `https mta-sts.${d}`);
  return Math.max(mxChain, policyChain);
}

function cli(args: string[]): Promise<{ code: number | null; ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mta-sts.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code, ms: performance.now() - t0, stdout, stderr }));
  });
}

export async function checkPath(domains = 100, concurrency = 10): Promise<CheckPathResult> {
  const ca = await createTestCa();
  const names = Array.from({ length: domains }, (_, i) => `d${i}.bench.test`);
  const zone = new Map<string, ZoneEntry>();
  for (const d of names) {
    zone.set(d, { MX: [[10, `mx1.${d}`], [20, `mx2.${d}`]] });
    zone.set(`_mta-sts.${d}`, { TXT: [['v=STSv1; id=bench1']] });
    zone.set(`_smtp._tls.${d}`, { TXT: [[`v=TLSRPTv1; rua=mailto:r@${d}`]] });
    for (const h of [`mta-sts.${d}`, `mx1.${d}`, `mx2.${d}`]) zone.set(h, { A: ['127.0.0.1'] });
  }
  const dns = await startDnsServer(zone);
  const https = await startHttpsServer(await ca.issue(['fallback.invalid']));
  for (const d of names) {
    https.routes.set(`mta-sts.${d}`, serve(policyText('enforce', [`mx1.${d}`, `mx2.${d}`])));
    https.certs.set(`mta-sts.${d}`, await ca.issue([`mta-sts.${d}`]));
  }
  const smtp = await startRawSmtp({ tls: await ca.issue(names.flatMap((d) => [`mx1.${d}`, `mx2.${d}`])), bannerDelayMs: DELAY });
  dns.delayMs = DELAY;
  https.delayMs = DELAY;
  const dir = mkdtempSync(join(tmpdir(), 'mta-sts-bench-'));
  try {
    const options = { timeoutMs: 10_000, dnsServers: [dns.spec], caCertificates: [ca.cert], httpsPort: https.port, smtpPort: smtp.port, ehloName: 'bench.test' };
    const env = createNodeEnv({ hostName: 'bench.test' });
    const ratios: { total: number; chain: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const d = names[i]!;
      const r = await checkDomain(d, options, env);
      if (r.verdict.kind !== 'enforced') throw new Error(`${d}: ${r.verdict.kind} ${r.findings.map((f) => f.code).join(' ')}`);
      ratios.push({ total: r.durationMs, chain: longestChain(r, d, [`mx1.${d}`, `mx2.${d}`]) });
    }
    const ratio = median(ratios.map((x) => x.total / x.chain));
    const total = median(ratios.map((x) => x.total));
    const chain = median(ratios.map((x) => x.chain));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, ca.cert);
    const list = join(dir, 'domains.txt');
    writeFileSync(list, names.join('\n') + '\n');
    const args = ['check', '--json', '--dns-server', dns.spec, '--ca', caFile, '--https-port', String(https.port), '--smtp-port', String(smtp.port), '--ehlo', 'bench.test'];
    const one = await cli([...args, names[0]!]);
    const many = await cli([...args, '--file', list, '--concurrency', String(concurrency)]);
    for (const r of [one, many]) if (r.code !== 0) throw new Error(`mta-sts check exited ${r.code}: ${r.stderr.slice(0, 500)}`);
    const reports = JSON.parse(many.stdout) as CheckReport[];
    if (reports.length !== domains || reports.some((r) => r.verdict.kind !== 'enforced')) throw new Error('not every domain was enforced');
    const ideal = Math.ceil(domains / concurrency);
    const markdown = table(['measure', 'result', 'target', ''], [
      [`one check, every server delayed ${DELAY} ms: total time`, `${fmt(total)} ms`, '', ''],
      ['… longest dependent chain (DNS MX → DNS A/AAAA → SMTP greeting)', `${fmt(chain)} ms`, '', ''],
      ['… total ÷ longest chain (median of 5)', `${fmt(ratio, 2)}`, '≤ 1.2', verdict(ratio <= 1.2)],
      ['`mta-sts check` one domain (process start to exit)', `${fmt(one.ms)} ms`, '', ''],
      [`\`mta-sts check --file\` ${domains} domains, \`--concurrency ${concurrency}\``, `${fmt(many.ms)} ms`, '', ''],
      [`… ${domains} domains ÷ one domain (ideal ${ideal}: ${domains} / ${concurrency})`, `${fmt(many.ms / one.ms, 1)}×`, `≈ ${ideal}×`, ''],
    ]);
    return { total, chain, ratio, oneDomainMs: one.ms, manyMs: many.ms, markdown, met: ratio <= 1.2 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([dns.close(), https.close(), smtp.close()]);
  }
}
