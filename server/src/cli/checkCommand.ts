// `mta-sts check [options] <domain>...`: checks domains live through the Node environment,
// several at once, and prints reports (text or JSON) and a summary table.
// Exit status: 0 no error findings, 1 any error finding, 2 usage problems.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CHECK_LIMITS, checkDomain, createNodeEnv, parseDnsServer, parseDomainInput, renderReportText, type CheckOptions, type CheckReport } from '../check/index';
import { UsageError } from './files';
import type { Io } from './lintCommand';

export const CHECK_USAGE = `Usage: mta-sts check [options] <domain>...

Checks the live MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) deployment of each domain:
the _mta-sts and _smtp._tls TXT records, the policy at https://mta-sts.<domain>/,
the MX hosts against the policy, and STARTTLS with certificate checks on every MX.
A domain may be given as example.com, user@example.com or a policy URL.

Options:
  --json                  Print the reports as JSON (an array, one report per domain)
  --timeout MS            Limit for each network step (default 10000)
  --no-smtp               Do not connect to the MX hosts on port 25
  --ehlo NAME             Name to send with EHLO (default: this machine's host name)
  --dns-server HOST[:PORT]  Resolver to use (repeatable; default: the system's)
  --ca FILE               Also trust the CA certificates in this PEM file (repeatable)
  --https-port N          Port of the policy host (default 443)
  --smtp-port N           Port of the MX hosts (default 25)
  --max-mx-probes N       MX hosts probed over SMTP, most preferred first (default ${CHECK_LIMITS.maxMxProbes.default});
                          the rest are still resolved and matched against the policy
  --smtp-concurrency N    MX hosts probed over SMTP at once (default ${CHECK_LIMITS.smtpConcurrency.default})
  --dns-concurrency N     MX hosts whose addresses are looked up at once (default ${CHECK_LIMITS.dnsConcurrency.default});
                          hosts not started within --timeout of the first are skipped
  --concurrency N         Domains checked at once (default 4)
  --file FILE             Read more domains from FILE, one per line (# starts a comment)

Exit status: 0 when no finding is an error, 1 when any is, 2 for usage errors.`;

function positiveInt(name: string, v: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}; got "${v}"`);
  return Number(v);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${what} ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}`);
  }
}

function domainsFromFile(path: string): string[] {
  return readText(path, '--file')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

/**
 * parseArgs's error in one line; its "argument is ambiguous" (a value that starts with `-`, such
 * as a negative number) is said plainly, with the way to pass such a value.
 */
function argsErrorText(e: Error, argv: readonly string[]): string {
  const m = /^Option '(--[a-z-]+)'(?: <value>)? argument is ambiguous/.exec(e.message);
  if (m) {
    const next = argv[argv.indexOf(m[1]!) + 1] ?? '';
    if (/^-\d/.test(next)) return `${m[1]} takes a whole number from 1 up; got "${next}"`;
    return `${m[1]} needs a value, and "${next}" starts with "-"; to give a value that starts with "-", write ${m[1]}=${next}`;
  }
  return e.message.split('\n')[0]!;
}

interface Parsed {
  readonly json: boolean;
  readonly domains: string[];
  readonly options: CheckOptions;
  readonly concurrency: number;
}

function parse(argv: readonly string[]): Parsed | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        'no-smtp': { type: 'boolean' },
        ehlo: { type: 'string' },
        'dns-server': { type: 'string', multiple: true },
        ca: { type: 'string', multiple: true },
        'https-port': { type: 'string' },
        'smtp-port': { type: 'string' },
        'max-mx-probes': { type: 'string' },
        'smtp-concurrency': { type: 'string' },
        'dns-concurrency': { type: 'string' },
        concurrency: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(argsErrorText(e as Error, argv));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const inputs = [...parsed.positionals, ...(v.file ? domainsFromFile(v.file) : [])];
  if (inputs.length === 0) throw new UsageError('give at least one domain (or --file)');
  for (const input of inputs) {
    const d = parseDomainInput(input);
    if (!d.ok) throw new UsageError(d.reason);
  }
  for (const s of v['dns-server'] ?? []) if (!parseDnsServer(s)) throw new UsageError(`--dns-server "${s}" is not host[:port]`);
  if (v.ehlo !== undefined && !/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(v.ehlo)) throw new UsageError(`--ehlo "${v.ehlo}" is not a host name`);
  const options: CheckOptions = {
    timeoutMs: positiveInt('timeout', v.timeout, 600000),
    smtp: !v['no-smtp'],
    ...(v.ehlo ? { ehloName: v.ehlo } : {}),
    dnsServers: v['dns-server'] ?? [],
    caCertificates: (v.ca ?? []).map((f) => {
      const pem = readText(f, '--ca');
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${f}: no PEM certificate in the file`);
      return pem;
    }),
    httpsPort: positiveInt('https-port', v['https-port'], 65535),
    smtpPort: positiveInt('smtp-port', v['smtp-port'], 65535),
    maxMxProbes: positiveInt('max-mx-probes', v['max-mx-probes'], CHECK_LIMITS.maxMxProbes.max),
    smtpConcurrency: positiveInt('smtp-concurrency', v['smtp-concurrency'], CHECK_LIMITS.smtpConcurrency.max),
    dnsConcurrency: positiveInt('dns-concurrency', v['dns-concurrency'], CHECK_LIMITS.dnsConcurrency.max),
  };
  return { json: !!v.json, domains: inputs, options, concurrency: positiveInt('concurrency', v.concurrency, 64) ?? 4 };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** One row per domain: domain, verdict, error and warning counts, time. */
export function summaryTable(reports: readonly CheckReport[]): string {
  const rows = [['Domain', 'Verdict', 'Errors', 'Warnings', 'Time'], ...reports.map((r) => [r.domain ?? r.input, r.verdict.title, String(r.findings.filter((f) => f.severity === 'error').length), String(r.findings.filter((f) => f.severity === 'warning').length), `${(r.durationMs / 1000).toFixed(1)} s`])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const p = parse(argv);
  if (p === 'help') {
    io.out(CHECK_USAGE);
    return 0;
  }
  const env = createNodeEnv();
  const reports: CheckReport[] = new Array(p.domains.length);
  let next = 0;
  const worker = async () => {
    while (next < p.domains.length) {
      const i = next++;
      reports[i] = await checkDomain(p.domains[i]!, p.options, env);
      if (!p.json) io.out(renderReportText(reports[i]!) + '\n');
    }
  };
  await Promise.all(Array.from({ length: Math.min(p.concurrency, p.domains.length) }, worker));
  if (p.json) io.out(JSON.stringify(reports, null, 2));
  else io.out(summaryTable(reports));
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
