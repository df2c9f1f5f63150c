// The loopback "internet" of the checker tests: a test CA, a DNS server, HTTPS and SMTP servers
// of every kind, all on 127.0.0.1, built from the scenario table.
import * as dgram from 'node:dgram';
import type { CheckOptions } from '../../../server/src/check/index';
import { startDnsServer, type DnsTestServer, type Zone, type ZoneEntry } from './dnsServer';
import { closedPort, startHttpsServer, startSilentServer, startTls10Server, type Closable, type HttpsTestServer, type Route } from './httpsServers';
import { createTestCa, type KeyCert, type TestCa } from './pki';
import { startRawSmtp, startSmtpServer } from './smtpServers';

export type CertKind = 'valid' | 'wrong-name' | 'expired' | 'self-signed' | 'expiring';
export type HttpsKind = 'main' | 'tls10' | 'silent' | 'refused';
export type SmtpKind = 'good' | 'wrong-name' | 'expired' | 'self-signed' | 'expiring' | 'no-starttls' | 'no-banner' | 'multiline' | 'junk' | 'long-line' | 'reset' | 'starttls-refused' | 'tls10' | 'refused';

export interface ScenarioSetup {
  readonly name: string;
  /** Zone entries (names relative to nothing: full names). */
  readonly zone: Readonly<Record<string, ZoneEntry>>;
  /** Route for the policy host on the main HTTPS server. */
  readonly route?: Route;
  readonly policyHost: string;
  readonly cert?: CertKind;
  readonly https?: HttpsKind;
  readonly smtp?: SmtpKind;
  /** Point the checker at a resolver that never answers. */
  readonly silentDns?: boolean;
  /** MX host names that the good SMTP server's certificate must cover. */
  readonly mxHosts: readonly string[];
  readonly options?: Partial<CheckOptions>;
}

export interface World {
  readonly ca: TestCa;
  readonly dns: DnsTestServer;
  readonly https: HttpsTestServer;
  optionsFor(s: ScenarioSetup, timeoutMs: number): CheckOptions;
  close(): Promise<void>;
}

export async function startWorld(setups: readonly ScenarioSetup[]): Promise<World> {
  const ca = await createTestCa();
  const zone: Zone = new Map();
  for (const s of setups) for (const [n, e] of Object.entries(s.zone)) zone.set(n.toLowerCase(), e);
  const dns = await startDnsServer(zone);
  const fallback = await ca.issue(['fallback.invalid']);
  const https = await startHttpsServer(fallback);
  const closers: Closable[] = [https];
  for (const s of setups) {
    if (s.route) https.routes.set(s.policyHost, s.route);
    const host = s.policyHost;
    const kind = s.cert ?? 'valid';
    const kc: KeyCert =
      kind === 'wrong-name' ? await ca.issue(['www.elsewhere.test'], { cn: host })
      : kind === 'expired' ? await ca.issue([host], { fromDays: -60, toDays: -2 })
      : kind === 'self-signed' ? await ca.issue([host], { selfSigned: true })
      : kind === 'expiring' ? await ca.issue([host], { toDays: 5 })
      : await ca.issue([host]);
    https.certs.set(host, kc);
  }
  const tls10Setup = setups.find((s) => s.https === 'tls10');
  const tls10 = await startTls10Server(await ca.issue([tls10Setup?.policyHost ?? 'tls10.invalid']), 'version: STSv1\nmode: enforce\nmx: mx1.https-tls10.test\nmax_age: 604800\n');
  const silent = await startSilentServer();
  closers.push(tls10, silent);
  const httpsPorts: Record<HttpsKind, number> = { main: https.port, tls10: tls10.port, silent: silent.port, refused: await closedPort() };
  const goodNames = [...new Set(setups.filter((s) => (s.smtp ?? 'good') === 'good' || s.smtp === 'multiline').flatMap((s) => s.mxHosts))];
  const goodCert = await ca.issue(goodNames.length ? goodNames : ['mx.invalid']);
  const mxOf = (k: SmtpKind) => setups.find((s) => s.smtp === k)?.mxHosts[0] ?? `${k}.invalid`;
  const smtp: Record<SmtpKind, Closable | number> = {
    good: await startSmtpServer(goodCert),
    'wrong-name': await startSmtpServer(await ca.issue(['other-mx.elsewhere.test'], { cn: mxOf('wrong-name') })),
    expired: await startSmtpServer(await ca.issue([mxOf('expired')], { fromDays: -60, toDays: -1 })),
    'self-signed': await startSmtpServer(await ca.issue([mxOf('self-signed')], { selfSigned: true })),
    expiring: await startSmtpServer(await ca.issue([mxOf('expiring')], { toDays: 3 })),
    'no-starttls': await startRawSmtp({}),
    'no-banner': await startRawSmtp({ banner: null }),
    multiline: await startRawSmtp({ banner: ['220-mx.test ESMTP', '220-welcome to the test', '220 ready'], tls: goodCert }),
    junk: await startRawSmtp({ junk: true }),
    'long-line': await startRawSmtp({ longLine: true }),
    reset: await startRawSmtp({ resetOnTls: true }),
    'starttls-refused': await startRawSmtp({ starttlsReply: '454 4.7.0 TLS not available due to local problem' }),
    tls10: await startRawSmtp({ tls: { ...(await ca.issue([mxOf('tls10')])), maxVersion: 'TLSv1' } }),
    refused: await closedPort(),
  };
  for (const v of Object.values(smtp)) if (typeof v !== 'number') closers.push(v);
  const mute = dgram.createSocket('udp4');
  await new Promise<void>((r) => mute.bind(0, '127.0.0.1', () => r()));
  closers.push({ port: mute.address().port, close: () => new Promise<void>((r) => mute.close(() => r())) });
  const portOf = (v: Closable | number) => (typeof v === 'number' ? v : v.port);
  return {
    ca,
    dns,
    https,
    optionsFor(s, timeoutMs) {
      return {
        timeoutMs,
        dnsServers: [s.silentDns ? `127.0.0.1:${mute.address().port}` : dns.spec],
        caCertificates: [ca.cert],
        httpsPort: httpsPorts[s.https ?? 'main'],
        smtpPort: portOf(smtp[s.smtp ?? 'good']),
        ehloName: 'checker.test',
        ...s.options,
      };
    },
    async close() {
      await Promise.all([dns.close(), ...closers.map((c) => c.close())]);
    },
  };
}
