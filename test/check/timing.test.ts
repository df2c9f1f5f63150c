// Timing of the checker on loopback servers: independent steps run in parallel (the whole check
// takes about as long as its longest chain of dependent steps), and cancellation stops all IO.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDomain, createNodeEnv, type CheckOptions, type CheckReport } from '../../server/src/check/index';
import { startDnsServer, type DnsTestServer } from './support/dnsServer';
import { startHttpsServer, startSilentServer, serve, type Closable, type HttpsTestServer } from './support/httpsServers';
import { resourceCounts, trackRejections, waitForBaseline, type ResourceCounts } from './support/leaks';
import { createTestCa, type TestCa } from './support/pki';
import { policyText } from './support/scenarios';
import { startRawSmtp, type SmtpTestServer } from './support/smtpServers';

const D = 250;
const env = createNodeEnv({ hostName: 'checker.test' });
let ca: TestCa;
let dns: DnsTestServer;
let https: HttpsTestServer;
let smtp: SmtpTestServer;
let silentSmtp: SmtpTestServer;
/** Resolved by the silent SMTP server when the checker connects (reset per test). */
let smtpConnected: () => void = () => undefined;
let silentHttps: Closable;
let baseline: ResourceCounts;
const rejections = trackRejections();

before(async () => {
  ca = await createTestCa();
  const d = 'par.test';
  dns = await startDnsServer(
    new Map([
      [d, { MX: [[10, `mx1.${d}`], [20, `mx2.${d}`]] }],
      [`_mta-sts.${d}`, { TXT: [['v=STSv1; id=par1']] }],
      [`_smtp._tls.${d}`, { TXT: [[`v=TLSRPTv1; rua=mailto:r@${d}`]] }],
      [`mta-sts.${d}`, { A: ['127.0.0.1'] }],
      [`mx1.${d}`, { A: ['127.0.0.1'] }],
      [`mx2.${d}`, { A: ['127.0.0.1'] }],
    ]),
  );
  https = await startHttpsServer(await ca.issue([`mta-sts.${d}`]));
  https.routes.set(`mta-sts.${d}`, serve(policyText('enforce', [`mx1.${d}`, `mx2.${d}`])));
  smtp = await startRawSmtp({ tls: await ca.issue([`mx1.${d}`, `mx2.${d}`]), bannerDelayMs: D });
  silentSmtp = await startRawSmtp({ banner: null, onConnect: () => smtpConnected() });
  silentHttps = await startSilentServer();
  baseline = resourceCounts();
});
after(async () => {
  rejections.stop();
  await Promise.all([dns, https, smtp, silentSmtp, silentHttps].map((s) => s?.close()));
});

function options(o: Partial<CheckOptions> = {}): CheckOptions {
  return { timeoutMs: 5000, dnsServers: [dns.spec], caCertificates: [ca.cert], httpsPort: https.port, smtpPort: smtp.port, ehloName: 'checker.test', ...o };
}

function ms(r: CheckReport, step: string): number {
  const t = r.timings.filter((x) => x.step === step);
  assert.ok(t.length > 0, `no timing for ${step}: ${r.timings.map((x) => x.step).join(', ')}`);
  return Math.max(...t.map((x) => x.ms));
}

test('independent steps run in parallel: total ≈ the longest dependent chain', async () => {
  dns.delayMs = D;
  https.delayMs = D;
  try {
    const r = await checkDomain('par.test', options(), env);
    assert.equal(r.verdict.kind, 'enforced', r.findings.map((f) => f.message).join('\n'));
    const mxChain = ms(r, 'dns MX par.test') + Math.max(...['mx1', 'mx2'].flatMap((h) => [ms(r, `dns A ${h}.par.test`), ms(r, `dns AAAA ${h}.par.test`)])) + Math.max(ms(r, 'smtp mx1.par.test'), ms(r, 'smtp mx2.par.test'));
    const policyChain = Math.max(ms(r, 'dns A mta-sts.par.test'), ms(r, 'dns AAAA mta-sts.par.test')) + ms(r, 'https mta-sts.par.test');
    const longest = Math.max(mxChain, policyChain);
    const serial = r.timings.reduce((a, t) => a + t.ms, 0);
    assert.ok(r.durationMs <= 1.2 * longest + 50, `took ${r.durationMs} ms; longest chain ${longest} ms (serial sum ${serial} ms)`);
    assert.ok(longest >= 3 * D, `the MX chain has three delayed steps; measured ${longest} ms`);
    assert.ok(serial >= 10 * D, `the serial sum should be much longer; got ${serial} ms`);
  } finally {
    dns.delayMs = 0;
    https.delayMs = 0;
  }
  assert.equal(await waitForBaseline(baseline), null);
});

async function cancelAfter(delay: number, o: Partial<CheckOptions>): Promise<{ error: unknown; ms: number }> {
  const ctl = new AbortController();
  const t0 = Date.now();
  const timer = setTimeout(() => ctl.abort(new Error('cancelled by test')), delay);
  try {
    await checkDomain('par.test', options(o), env, { signal: ctl.signal });
    return { error: null, ms: Date.now() - t0 };
  } catch (e) {
    return { error: e, ms: Date.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

test('cancelling during DNS rejects promptly and closes every socket', async () => {
  dns.delayMs = 1000;
  try {
    const r = await cancelAfter(150, {});
    assert.equal((r.error as Error | null)?.message, 'cancelled by test');
    assert.ok(r.ms < 150 + 200, `took ${r.ms} ms`);
  } finally {
    dns.delayMs = 0;
  }
  assert.equal(await waitForBaseline(baseline), null);
  assert.deepEqual(rejections.list, []);
});

test('cancelling during HTTPS and SMTP rejects promptly and closes every socket', async () => {
  const steps: string[] = [];
  const ctl = new AbortController();
  // Cancel once the checker is connected to the silent MX and waiting for its greeting.
  void new Promise<void>((r) => (smtpConnected = r)).then(() => ctl.abort(new Error('cancelled by test')));
  const t0 = Date.now();
  const p = checkDomain('par.test', options({ httpsPort: silentHttps.port, smtpPort: silentSmtp.port }), env, {
    signal: ctl.signal,
    onStep: (s) => steps.push(s),
  });
  await assert.rejects(p, /cancelled by test/);
  assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
  assert.ok(steps.some((s) => s.startsWith('Fetching')) && steps.some((s) => s.startsWith('Probing')), steps.join(', '));
  assert.equal(await waitForBaseline(baseline), null);
  assert.deepEqual(rejections.list, []);
});
