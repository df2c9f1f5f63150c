// The checker on a hostile network: servers that reset at every step (TCP accept, TLS hello,
// request, body, greeting, EHLO, STARTTLS, after TLS), drip bytes (slowloris: DNS over TCP,
// TLS handshake, HTTP headers and body, SMTP greeting and dialogue), send oversize answers
// (header lines, endless headers, 1xx and bodies, huge chunks, DNS over TCP, EHLO replies),
// DNS answers with hundreds of records and MX lists of 100 hosts. Every check must end within
// its time limits with the specific finding, use bounded memory and leave no socket or timer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { checkDomain, createNodeEnv, type CheckOptions, type CheckReport } from '../../server/src/check/index';
import { startDnsServer, type DnsTestServer, type ZoneEntry } from './support/dnsServer';
import { drip, flood, startHostileDns, startSlowProxy, startTcp, startTls, type DnsMisbehaviour, type Tracker } from './support/hostileServers';
import { serve, startHttpsServer, type Closable, type HttpsTestServer } from './support/httpsServers';
import { resourceCounts, trackRejections, waitForBaseline, type ResourceCounts } from './support/leaks';
import { createTestCa, type KeyCert, type TestCa } from './support/pki';
import { policyText } from './support/scenarios';
import { startRawSmtp, startSmtpServer } from './support/smtpServers';

/**
 * Limit of each network step for the cases that must time out (slowloris), and the slack a busy
 * machine needs on top of the chain of steps. The cases that must end with a specific error
 * (reset, oversize) get a longer limit, so that a loaded machine cannot turn them into timeouts.
 */
const T = 800;
const LONG = 5000;
const SLACK = 1500;
const SLOW = 20;
const env = createNodeEnv({ hostName: 'checker.test' });
const rejections = trackRejections();
const closers: Closable[] = [];
let ca: TestCa;
let dns: DnsTestServer;
let https: HttpsTestServer;
let baseline: ResourceCounts;
let heapBefore = 0;

type Side = 'https' | 'smtp' | 'dns' | 'volume';

interface Case {
  readonly name: string;
  readonly side: Side;
  /** Each inner list: one of these codes must be among the findings. */
  readonly expect: readonly (readonly string[])[];
  readonly options?: () => Partial<CheckOptions>;
  /** The step limit: T for cases that must time out, else LONG. */
  readonly limit?: number;
  readonly zone?: (d: string) => Record<string, ZoneEntry>;
  /** Upper bound of the whole check, ms. */
  readonly bound?: number;
  readonly verify?: (r: CheckReport) => void;
  /** The policy's mx patterns (default: `mx.<domain>`, or `*.<domain>` for the 100-host cases). */
  readonly patterns?: (d: string) => readonly string[];
}

const domain = (name: string) => `${name}.hostile.test`;

/** The most steps named `prefix…` that were under way at once, from the report's timings. */
function maxOverlap(r: CheckReport, prefix: string): number {
  const edges = r.timings.filter((t) => t.step.startsWith(prefix)).flatMap((t) => [[t.startMs, 1], [t.startMs + t.ms, -1]] as const);
  // Ends before starts at the same instant: a step that ends lets the next one start then.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let n = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (n += d));
  return max;
}
const ports = new Map<string, number>();
const dnsSpecs = new Map<string, string>();
const mx100 = (d: string) => Array.from({ length: 100 }, (_, i) => `mx${i}.${d}`);

const HTTPS: Record<string, (kc: KeyCert) => Promise<Closable>> = {
  'https-reset-on-accept': () => startTcp((s) => s.resetAndDestroy()),
  'https-reset-after-client-hello': () => startTcp((s) => s.once('data', () => s.resetAndDestroy())),
  'https-slow-handshake': async () => startSlowProxy(https.port, SLOW),
  'https-reset-after-request': (kc) => startTls(kc, (s, raw) => s.once('data', () => raw.resetAndDestroy())),
  'https-header-drip': (kc) => startTls(kc, (s, _raw, tr) => s.once('data', () => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n');
    drip(s, tr, 'X-Slow: ', SLOW);
  })),
  'https-body-drip': (kc) => startTls(kc, (s, _raw, tr) => s.once('data', () => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n');
    drip(s, tr, 'version: STSv1\n', SLOW);
  })),
  'https-huge-header-line': (kc) => startTls(kc, (s) => s.once('data', () => s.write('HTTP/1.1 200 OK\r\nX-Big: ' + 'a'.repeat(200_000)))),
  'https-endless-headers': (kc) => startTls(kc, (s, _raw, tr) => s.once('data', () => {
    s.write('HTTP/1.1 200 OK\r\n');
    flood(s, tr, 'X-More: 1\r\n'.repeat(1500));
  })),
  'https-endless-1xx': (kc) => startTls(kc, (s, _raw, tr) => s.once('data', () => flood(s, tr, 'HTTP/1.1 100 Continue\r\n\r\n'.repeat(600)))),
  'https-endless-body': (kc) => startTls(kc, (s, _raw, tr) => s.once('data', () => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nversion: STSv1\n');
    flood(s, tr, ('x-padding: ' + 'a'.repeat(4000) + '\n').repeat(4));
  })),
  'https-huge-chunk': (kc) => startTls(kc, (s, _raw, tr) => s.once('data', () => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffff\r\n');
    flood(s, tr, 'a'.repeat(16384));
  })),
  'https-reset-mid-body': (kc) => startTls(kc, (s, raw) => s.once('data', () => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\nversion: STSv1\nmode: enforce\n', () => setTimeout(() => raw.resetAndDestroy(), 50));
  })),
  'https-junk-status': (kc) => startTls(kc, (s) => s.once('data', () => s.write('SSH-2.0-OpenSSH_9.6\r\n\r\n'))),
};

/** A raw SMTP dialogue: greeting, EHLO offering STARTTLS, then `onStarttls` or `onEhlo`. */
function smtpDialogue(s: net.Socket, tr: Tracker, o: { onEhlo?: (s: net.Socket) => void; onStarttls?: (s: net.Socket) => void }): void {
  s.write('220 mx.test ESMTP hostile\r\n');
  let buf = '';
  const onData = (d: Buffer) => {
    buf += d.toString('latin1');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const cmd = buf.slice(0, nl).trim().split(' ')[0]!.toUpperCase();
      buf = buf.slice(nl + 1);
      if (cmd === 'EHLO' && o.onEhlo) return o.onEhlo(s);
      if (cmd === 'EHLO') s.write('250-mx.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n');
      else if (cmd === 'STARTTLS' && o.onStarttls) {
        s.off('data', onData);
        s.write('220 go ahead\r\n');
        return o.onStarttls(s);
      } else if (cmd === 'QUIT') return void s.end('221 bye\r\n');
      else s.write('502 no\r\n');
    }
  };
  s.on('data', onData);
  void tr;
}

const SMTP: Record<string, (kc: KeyCert, good: number) => Promise<Closable>> = {
  'smtp-reset-on-accept': () => startTcp((s) => s.resetAndDestroy()),
  'smtp-greeting-drip': () => startTcp((s, tr) => drip(s, tr, '220 mx.test ESMTP ', SLOW)),
  'smtp-slow-dialogue': async (_kc, good) => startSlowProxy(good, SLOW),
  'smtp-reset-after-ehlo': () => startTcp((s, tr) => smtpDialogue(s, tr, { onEhlo: (x) => x.resetAndDestroy() })),
  'smtp-huge-ehlo': () => startTcp((s, tr) => smtpDialogue(s, tr, { onEhlo: (x) => x.write('250-x\r\n'.repeat(5000)) })),
  'smtp-ehlo-flood': () => startTcp((s, tr) => smtpDialogue(s, tr, { onEhlo: (x) => flood(x, tr, '250-' + 'y'.repeat(1000) + '\r\n') })),
  'smtp-reset-on-starttls': () => startRawSmtp({ resetOnTls: true }),
  'smtp-silent-after-starttls': () => startTcp((s, tr) => smtpDialogue(s, tr, { onStarttls: () => undefined })),
  'smtp-reset-after-tls': (kc) => startTcp((s, tr) => smtpDialogue(s, tr, {
    onStarttls: (raw) => {
      const t = new tls.TLSSocket(raw, { isServer: true, secureContext: tls.createSecureContext({ key: kc.key, cert: kc.cert }) });
      t.on('error', () => t.destroy());
      t.once('data', () => raw.resetAndDestroy());
    },
  })),
};

const DNS: readonly DnsMisbehaviour[] = ['tcp-reset', 'tcp-drip', 'tcp-oversize', 'udp-junk'];

const CASES: readonly Case[] = [
  { name: 'https-reset-on-accept', side: 'https', expect: [['CHK132'], ['CHK120']] },
  { name: 'https-reset-after-client-hello', side: 'https', expect: [['CHK132'], ['CHK120']] },
  { name: 'https-slow-handshake', limit: T, side: 'https', expect: [['CHK131'], ['CHK120']] },
  { name: 'https-reset-after-request', side: 'https', expect: [['CHK132'], ['CHK120']] },
  { name: 'https-header-drip', limit: T, side: 'https', expect: [['CHK131'], ['CHK120']] },
  { name: 'https-body-drip', limit: T, side: 'https', expect: [['CHK131'], ['CHK120']] },
  { name: 'https-huge-header-line', side: 'https', expect: [['CHK132'], ['CHK120']], verify: (r) => assert.match(r.policy?.error ?? '', /longer than/) },
  { name: 'https-endless-headers', side: 'https', expect: [['CHK132'], ['CHK120']], verify: (r) => assert.match(r.policy?.error ?? '', /more than/) },
  { name: 'https-endless-1xx', side: 'https', expect: [['CHK132'], ['CHK120']], verify: (r) => assert.match(r.policy?.error ?? '', /more than/) },
  { name: 'https-endless-body', side: 'https', expect: [['CHK130']], verify: (r) => { assert.equal(r.policy?.bytes, 65536); assert.equal(r.policy?.truncated, true); } },
  { name: 'https-huge-chunk', side: 'https', expect: [['CHK130']], verify: (r) => assert.equal(r.policy?.bytes, 65536) },
  { name: 'https-reset-mid-body', side: 'https', expect: [['CHK132'], ['CHK120']] },
  { name: 'https-junk-status', side: 'https', expect: [['CHK132'], ['CHK120']], verify: (r) => assert.match(r.policy?.error ?? '', /not an HTTP status line/) },
  { name: 'smtp-reset-on-accept', side: 'smtp', expect: [['CHK150', 'CHK151']] },
  { name: 'smtp-greeting-drip', limit: T, side: 'smtp', expect: [['CHK151']], verify: (r) => assert.match(r.mx[0]?.smtp?.error ?? '', /no answer within/) },
  { name: 'smtp-slow-dialogue', limit: T, side: 'smtp', expect: [['CHK151', 'CHK156']], verify: (r) => assert.match(r.mx[0]?.smtp?.error ?? '', /no answer within/) },
  { name: 'smtp-reset-after-ehlo', side: 'smtp', expect: [['CHK151']] },
  { name: 'smtp-huge-ehlo', side: 'smtp', expect: [['CHK151']], verify: (r) => assert.match(r.mx[0]?.smtp?.error ?? '', /more than 100 lines/) },
  { name: 'smtp-ehlo-flood', side: 'smtp', expect: [['CHK151']], verify: (r) => assert.match(r.mx[0]?.smtp?.error ?? '', /more than/) },
  { name: 'smtp-reset-on-starttls', side: 'smtp', expect: [['CHK156']] },
  { name: 'smtp-silent-after-starttls', limit: T, side: 'smtp', expect: [['CHK156']], verify: (r) => assert.match(r.mx[0]?.smtp?.error ?? '', /no answer within/) },
  { name: 'smtp-reset-after-tls', side: 'smtp', expect: [['CHK156']] },
  ...DNS.map((k): Case => ({ name: `dns-${k}`, limit: k === 'tcp-drip' || k === 'udp-junk' ? T : LONG, side: 'dns', expect: [[k === 'tcp-drip' || k === 'udp-junk' ? 'CHK108' : 'CHK107']] })),
  {
    name: 'dns-hundreds-of-records', side: 'volume', expect: [],
    zone: (d) => ({
      [`_mta-sts.${d}`]: { tcpOnly: true, TXT: [['v=STSv1; id=many1'], ...Array.from({ length: 299 }, (_, i) => [`site-verification=${'k'.repeat(40)}${i}`])] },
      [`_smtp._tls.${d}`]: { tcpOnly: true, TXT: [[`v=TLSRPTv1; rua=mailto:r@${d}`], ...Array.from({ length: 299 }, (_, i) => [`other-${i}`])] },
      [`mx.${d}`]: { tcpOnly: true, A: Array.from({ length: 300 }, (_, i) => `127.0.${1 + (i >> 8)}.${i & 255}`).map((a, i) => (i === 0 ? '127.0.0.1' : a)) },
    }),
    verify: (r) => {
      assert.equal(r.verdict.kind, 'enforced', r.findings.map((f) => f.code).join(' '));
      assert.equal(r.stsRecord?.all.length, 300);
      assert.equal(r.tlsrpt?.all.length, 300);
      assert.equal(r.mx[0]?.addresses.length, 300);
    },
  },
  {
    name: 'mx-100-hosts', side: 'volume', expect: [['CHK142']],
    bound: 3 * LONG + SLACK,
    zone: (d) => ({ [d]: { MX: mx100(d).map((h, i) => [10 + i, h] as const) }, ...Object.fromEntries(mx100(d).map((h) => [h, { A: ['127.0.0.1'] }])) }),
    verify: (r) => {
      // The 16 most preferred are probed (all healthy); the other 84 are neither failures nor
      // successes, and the verdict says so.
      assert.equal(r.mx.length, 100);
      assert.deepEqual(r.mx.map((m) => m.smtp?.status), [...Array(16).fill('ok'), ...Array(84).fill('not-probed')], r.mx.map((m) => `${m.host}: ${m.smtp?.error}`).join('\n'));
      assert.equal(r.verdict.kind, 'enforced');
      assert.match(r.verdict.detail, /84 MX hosts were not probed over SMTP \(probe limit\)/);
    },
  },
  {
    name: 'mx-100-silent-hosts', limit: 1500, side: 'volume', expect: [['CHK151'], ['CHK142'], ['CHK140']],
    // The defaults: 4 probes at a time, 16 probes at most, so the probing phase takes at most
    // ⌈16 / 4⌉ limits (with the 10 s default limit: 40 s; without the probe limit it was
    // ⌈100 / 4⌉ × 10 s = 250 s). The policy leaves out the least preferred host, which is not
    // probed but must still be matched against the policy.
    options: () => ({ smtpPort: ports.get('silent')! }),
    patterns: (d) => mx100(d).slice(0, 99),
    bound: Math.ceil(16 / 4) * 1500 + 2 * 1500 + SLACK,
    zone: (d) => ({ [d]: { MX: mx100(d).map((h, i) => [10 + i, h] as const) }, ...Object.fromEntries(mx100(d).map((h) => [h, { A: ['127.0.0.1'] }])) }),
    verify: (r) => {
      const d = domain('mx-100-silent-hosts');
      assert.equal(r.mx.length, 100);
      assert.deepEqual(r.mx.map((m) => m.host), mx100(d), 'in preference order');
      assert.deepEqual(r.mx.map((m) => m.smtp?.status), [...Array(16).fill('failed'), ...Array(84).fill('not-probed')]);
      assert.equal(r.findings.filter((f) => f.code === 'CHK151').length, 16);
      assert.equal(r.findings.filter((f) => f.code === 'CHK142').length, 1);
      assert.match(r.findings.find((f) => f.code === 'CHK142')!.message, /has 100 MX hosts; the SMTP probe covered the 16 most preferred and skipped 84/);
      assert.deepEqual(r.mx.map((m) => m.addresses), Array(100).fill(['127.0.0.1']), 'every host resolved');
      assert.deepEqual(r.mx.map((m) => m.matchedBy?.length), [...Array(99).fill(1), 0], 'every host matched against the policy');
      assert.deepEqual(r.findings.filter((f) => f.code === 'CHK140').map((f) => f.subject), [`mx:mx99.${d}`]);
      const smtp = r.timings.filter((t) => t.step.startsWith('smtp '));
      assert.equal(smtp.length, 16);
      const phase = Math.max(...smtp.map((t) => t.startMs + t.ms)) - Math.min(...smtp.map((t) => t.startMs));
      assert.ok(phase <= Math.ceil(16 / 4) * 1500 + 1000, `the probing phase took ${phase} ms`);
      assert.ok(phase >= Math.ceil(16 / 4) * 1500 - 100, `the probing phase took only ${phase} ms: were the probes sequential per slot?`);
    },
  },
  {
    name: 'mx-100-silent-addresses', limit: 1500, side: 'volume', expect: [['CHK143'], ['CHK108']],
    // The MX answer lists 100 hosts whose A and AAAA lookups are never answered: 16 hosts are
    // looked up at a time, and none starts after the first limit, so the address phase ends
    // within two limits (all at once, it was 200 queries in flight).
    bound: 2 * 1500 + 2 * 1500 + SLACK,
    zone: (d) => ({ [d]: { MX: mx100(d).map((h, i) => [10 + i, h] as const) }, ...Object.fromEntries(mx100(d).map((h) => [h, { silent: true }])) }),
    verify: (r) => {
      const d = domain('mx-100-silent-addresses');
      assert.equal(r.mx.length, 100);
      assert.deepEqual(r.mx.map((m) => m.addressStatus), [...Array(16).fill('failed'), ...Array(84).fill('not-looked-up')]);
      assert.ok(r.mx.every((m) => m.smtp === null && m.matchedBy?.length === 1), 'not probed, but matched against the policy');
      assert.deepEqual(new Set(dns.queries.filter((q) => q.startsWith('mx') && q.endsWith(`.${d} A`)).map((q) => q.split(' ')[0])), new Set(mx100(d).slice(0, 16)), 'only the 16 most preferred were asked for');
      assert.equal(r.findings.filter((f) => f.code === 'CHK108').length, 32);
      assert.equal(r.findings.filter((f) => f.code === 'CHK112').length, 0, 'a timeout is not a missing address');
      assert.match(r.findings.find((f) => f.code === 'CHK143')!.message, /has 100 MX hosts; the check looked up the addresses of the 16 most preferred \(16 at a time\) within its time limit of 1500 ms and skipped 84/);
      assert.ok(maxOverlap(r, 'dns A mx') <= 16);
    },
  },
  {
    name: 'mx-100-slow-addresses', side: 'volume', expect: [],
    // Every address answered after 100 ms: 16 hosts at a time, all 100 resolved.
    zone: (d) => ({ [d]: { MX: mx100(d).map((h, i) => [10 + i, h] as const) }, ...Object.fromEntries(mx100(d).map((h) => [h, { A: ['127.0.0.1'], delayMs: 100 }])) }),
    verify: (r) => {
      assert.deepEqual(r.mx.map((m) => m.addressStatus), Array(100).fill('found'));
      assert.ok(!r.findings.some((f) => f.code === 'CHK143' || f.code === 'CHK108'), 'no lookup was cut');
      assert.equal(maxOverlap(r, 'dns A mx'), 16, 'looked up 16 at a time');
      assert.equal(maxOverlap(r, 'dns AAAA mx'), 16);
    },
  },
  {
    name: 'mx-100-silent-hosts-all-probed', limit: 1500, side: 'volume', expect: [['CHK151']],
    // Raising maxMxProbes to the whole list probes every host: ⌈100 / 50⌉ limits.
    options: () => ({ smtpPort: ports.get('silent')!, smtpConcurrency: 50, maxMxProbes: 100 }),
    bound: 2 * 1500 + 2 * 1500 + SLACK,
    zone: (d) => ({ [d]: { MX: mx100(d).map((h, i) => [10 + i, h] as const) }, ...Object.fromEntries(mx100(d).map((h) => [h, { A: ['127.0.0.1'] }])) }),
    verify: (r) => {
      assert.equal(r.mx.length, 100);
      assert.ok(r.mx.every((m) => m.smtp?.status === 'failed'));
      assert.equal(r.findings.filter((f) => f.code === 'CHK151').length, 100);
      assert.equal(r.findings.filter((f) => f.code === 'CHK142').length, 0);
      assert.equal(r.timings.filter((t) => t.step.startsWith('smtp ')).length, 100);
    },
  },
];

before(async () => {
  ca = await createTestCa();
  const zone = new Map<string, ZoneEntry>();
  const policyHosts = CASES.map((c) => `mta-sts.${domain(c.name)}`);
  const mxHosts = CASES.flatMap((c) => (c.name.startsWith('mx-100') ? mx100(domain(c.name)) : [`mx.${domain(c.name)}`]));
  for (const c of CASES) {
    const d = domain(c.name);
    const hosts = c.name.startsWith('mx-100') ? mx100(d) : [`mx.${d}`];
    zone.set(d, { MX: hosts.map((h, i) => [10 + i, h] as const) });
    zone.set(`_mta-sts.${d}`, { TXT: [['v=STSv1; id=hostile1']] });
    zone.set(`_smtp._tls.${d}`, { TXT: [[`v=TLSRPTv1; rua=mailto:r@${d}`]] });
    zone.set(`mta-sts.${d}`, { A: ['127.0.0.1'] });
    for (const h of hosts) zone.set(h, { A: ['127.0.0.1'] });
    for (const [n, e] of Object.entries(c.zone?.(d) ?? {})) zone.set(n, e);
  }
  dns = await startDnsServer(zone);
  const policyCert = await ca.issue(policyHosts);
  https = await startHttpsServer(policyCert);
  for (const c of CASES) {
    const d = domain(c.name);
    const patterns = c.patterns?.(d) ?? (c.name.startsWith('mx-100') ? [`*.${d}`] : [`mx.${d}`]);
    https.routes.set(`mta-sts.${d}`, serve(policyText('enforce', patterns)));
    https.certs.set(`mta-sts.${d}`, policyCert);
  }
  const mxCert = await ca.issue(mxHosts);
  const good = await startSmtpServer(mxCert);
  closers.push(https, good);
  ports.set('good-smtp', good.port);
  const silent = await startTcp(() => undefined);
  closers.push(silent);
  ports.set('silent', silent.port);
  for (const [name, start] of Object.entries(HTTPS)) {
    const s = await start(policyCert);
    closers.push(s);
    ports.set(name, s.port);
  }
  for (const [name, start] of Object.entries(SMTP)) {
    const s = await start(mxCert, good.port);
    closers.push(s);
    ports.set(name, s.port);
  }
  for (const k of DNS) {
    const s = await startHostileDns(k);
    closers.push(s);
    dnsSpecs.set(`dns-${k}`, s.spec);
  }
  baseline = resourceCounts();
  heapBefore = process.memoryUsage().heapUsed;
});

after(async () => {
  rejections.stop();
  await Promise.all([dns?.close(), ...closers.map((c) => c.close())]);
});

function optionsFor(c: Case): CheckOptions {
  return {
    timeoutMs: c.limit ?? LONG,
    dnsServers: [dnsSpecs.get(c.name) ?? dns.spec],
    caCertificates: [ca.cert],
    httpsPort: ports.get(c.name) ?? https.port,
    smtpPort: c.side === 'smtp' ? ports.get(c.name)! : ports.get('good-smtp')!,
    smtp: c.side !== 'https' && c.side !== 'dns',
    ehloName: 'checker.test',
    ...c.options?.(),
  };
}

const summary = (r: CheckReport) => `${r.verdict.kind} in ${r.durationMs} ms: ${r.findings.map((f) => `${f.code} ${f.message}`).join('\n  ')}`;

test('hostile servers at every step: each check ends in time with its specific finding, in bounded memory, leaving no socket', { timeout: 60_000 }, async () => {
  // The misbehaving servers all at once, then the large answers (which fire hundreds of DNS
  // lookups at once, and must not compete with the floods for this process's event loop).
  const run = (cases: readonly Case[]) => Promise.all(cases.map(async (c) => {
    const t0 = Date.now();
    const report = await checkDomain(domain(c.name), optionsFor(c), env);
    return { c, report, ms: Date.now() - t0 };
  }));
  const results = [...(await run(CASES.filter((c) => c.side !== 'volume'))), ...(await run(CASES.filter((c) => c.side === 'volume')))];
  const problems: string[] = [];
  for (const { c, report, ms } of results) {
    const codes = new Set(report.findings.map((f) => f.code));
    const bound = c.bound ?? 3 * (c.limit ?? LONG) + SLACK;
    try {
      for (const alternatives of c.expect) assert.ok(alternatives.some((a) => codes.has(a)), `expected one of ${alternatives.join('/')}`);
      assert.ok(ms <= bound, `took ${ms} ms; bound ${bound} ms`);
      assert.ok(JSON.stringify(report).length < 2_000_000, 'the report is larger than 2 MB');
      c.verify?.(report);
    } catch (e) {
      problems.push(`${c.name}: ${(e as Error).message}\n  ${summary(report)}`);
    }
  }
  assert.deepEqual(problems, []);
  const grown = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  assert.ok(grown < 100, `the heap grew by ${grown.toFixed(0)} MiB`);
  assert.equal(await waitForBaseline(baseline, 5000), null, 'sockets or timers left open');
  assert.deepEqual(rejections.list, []);
});
