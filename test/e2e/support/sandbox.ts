// The sandbox mail domains of the editor e2e runs and the `npm start` demo: DNS, the HTTPS policy
// host and SMTP with STARTTLS, all on 127.0.0.1 with a throwaway CA, built from the checker
// tests' loopback servers. They serve the domains that examples/ describes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDnsServer, type DnsTestServer, type ZoneEntry } from '../../check/support/dnsServer';
import { serve, startHttpsServer, type HttpsTestServer } from '../../check/support/httpsServers';
import { createTestCa } from '../../check/support/pki';
import { startSmtpServer, type SmtpTestServer } from '../../check/support/smtpServers';

export const ROOT = join(__dirname, '..', '..', '..');
export const EXAMPLES = join(ROOT, 'examples');

/** A domain served by the sandbox, and what a check of it must conclude. */
export interface SandboxDomain {
  readonly domain: string;
  readonly verdict: string;
  readonly about: string;
}

/** example.com as its zone file and policy in examples/ describe it: enforced and healthy. */
export const HEALTHY: SandboxDomain = { domain: 'example.com', verdict: 'enforced', about: 'enforce mode, records and policy valid, both MX hosts offer STARTTLS' };
/** broken.example as examples/ describes it: the record is cut by a zone-file comment and the policy is invalid. */
export const BROKEN: SandboxDomain = { domain: 'broken.example', verdict: 'broken-ignored', about: 'invalid _mta-sts record and policy, so senders ignore MTA-STS' };
export const SANDBOX_DOMAINS: readonly SandboxDomain[] = [HEALTHY, BROKEN];

const LOOPBACK = { A: ['127.0.0.1'] } as const;

function zone(): Map<string, ZoneEntry> {
  const z = new Map<string, ZoneEntry>();
  // examples/zones/example.com.zone, with the hosts on loopback.
  z.set('example.com', { MX: [[10, 'mx1.example.com'], [20, 'mx2.example.com']], A: ['127.0.0.1'] });
  z.set('mx1.example.com', LOOPBACK);
  z.set('mx2.example.com', LOOPBACK);
  z.set('mta-sts.example.com', LOOPBACK);
  z.set('_mta-sts.example.com', { TXT: [['v=STSv1; id=20240501T120000']] });
  z.set('_smtp._tls.example.com', { TXT: [['v=TLSRPTv1; rua=mailto:tls-reports@example.com,https://reports.example.com/tlsrpt']] });
  // examples/zones/db.broken.example as a name server would publish it.
  z.set('broken.example', { MX: [[10, 'mx1.broken.example']], TXT: [['v=STSv1; id=2024-05-01']] });
  z.set('mx1.broken.example', LOOPBACK);
  z.set('mta-sts.broken.example', LOOPBACK);
  z.set('_mta-sts.broken.example', { TXT: [['v=STSv1']] });
  z.set('_smtp._tls.broken.example', { TXT: [['v=TLSRPTv1; rua=tls-reports@broken.example!10m'], ['v=TLSRPTv1; rua=mailto:other@broken.example']] });
  return z;
}

export interface Sandbox {
  readonly domains: readonly SandboxDomain[];
  readonly caPem: string;
  readonly dns: DnsTestServer;
  readonly https: HttpsTestServer;
  readonly smtp: SmtpTestServer;
  /** The `mtaSts.check.*` settings that point the checker at the sandbox (caFiles: the given file). */
  settings(caFile: string): Record<string, unknown>;
  /** The same as `mta-sts check` options. */
  cliArgs(caFile: string): string[];
  close(): Promise<void>;
}

export async function startSandbox(): Promise<Sandbox> {
  const ca = await createTestCa('MTA-STS Sandbox CA');
  const policies = new Map(SANDBOX_DOMAINS.map((d) => [`mta-sts.${d.domain}`, readFileSync(join(EXAMPLES, `mta-sts.${d.domain}`, '.well-known', 'mta-sts.txt'))]));
  const dns = await startDnsServer(zone());
  const https = await startHttpsServer(await ca.issue(['sandbox.invalid']));
  const smtp = await startSmtpServer(await ca.issue(['mx1.example.com', 'mx2.example.com', 'mx1.broken.example']));
  try {
    for (const d of SANDBOX_DOMAINS) {
      const host = `mta-sts.${d.domain}`;
      https.certs.set(host, await ca.issue([host]));
      const policy = serve(policies.get(host)!);
      const missing = serve('not found\n', 'text/plain', 404);
      https.routes.set(host, (req, res) => (req.url === '/.well-known/mta-sts.txt' ? policy : missing)(req, res));
    }
  } catch (e) {
    await Promise.all([dns.close(), https.close(), smtp.close()]);
    throw e;
  }
  return {
    domains: SANDBOX_DOMAINS,
    caPem: ca.cert,
    dns,
    https,
    smtp,
    settings: (caFile) => ({
      'mtaSts.check.dnsServers': [dns.spec],
      'mtaSts.check.caFiles': [caFile],
      'mtaSts.check.httpsPort': https.port,
      'mtaSts.check.smtpPort': smtp.port,
      'mtaSts.check.ehloName': 'sandbox.test',
      'mtaSts.check.timeoutMs': 5000,
    }),
    cliArgs: (caFile) => ['--dns-server', dns.spec, '--ca', caFile, '--https-port', String(https.port), '--smtp-port', String(smtp.port), '--ehlo', 'sandbox.test', '--timeout', '5000'],
    async close() {
      await Promise.all([dns.close(), https.close(), smtp.close()]);
    },
  };
}
