// Plain-data types of the live checker: options, findings and the JSON-serialisable report.
// Imports nothing at run time; no node:* here.
import type { Severity } from '../core/index';

export interface CheckOptions {
  /** Limit for each network step: one DNS lookup, the whole policy fetch, one SMTP session (default 10000). */
  readonly timeoutMs?: number;
  /** Probe every MX over SMTP (default true). */
  readonly smtp?: boolean;
  /** Name sent with EHLO (default: the environment's host name). */
  readonly ehloName?: string;
  /** Resolvers as "host[:port]" ("[v6]:port" for IPv6); empty means the system's. */
  readonly dnsServers?: readonly string[];
  /** Extra trusted CA certificates (PEM), added to the default roots. */
  readonly caCertificates?: readonly string[];
  /** Port of the policy host (default 443). */
  readonly httpsPort?: number;
  /** Port of the MX hosts (default 25). */
  readonly smtpPort?: number;
  /** How many MX hosts are probed at once (default 4). */
  readonly smtpConcurrency?: number;
  /**
   * How many MX hosts have their addresses looked up at once, two queries each (default 16).
   * Hosts whose lookup has not started within `timeoutMs` of the first are not looked up.
   */
  readonly dnsConcurrency?: number;
  /**
   * How many MX hosts are probed over SMTP, most preferred first (default 16); the rest are
   * still resolved and matched against the policy, and reported as not probed.
   */
  readonly maxMxProbes?: number;
}

export type Subject = 'input' | 'dns' | 'https' | 'policy' | 'tlsrpt' | `mx:${string}`;

export interface Finding {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly subject: Subject;
  /** One sentence naming the offending value. */
  readonly message: string;
  /** The raw record, header, line or certificate field the finding is about. */
  readonly evidence?: string;
  /** 1-based line and column inside the evidence document (policy body or record). */
  readonly line?: number;
  readonly column?: number;
}

export type VerdictKind = 'enforced' | 'testing' | 'none' | 'not-deployed' | 'broken-ignored' | 'broken-refused' | 'inconclusive' | 'invalid-input';

export interface Verdict {
  readonly kind: VerdictKind;
  /** Short headline, e.g. "Enforced and healthy". */
  readonly title: string;
  /** One or two sentences. */
  readonly detail: string;
}

export type DnsStatus = 'ok' | 'nodata' | 'nxdomain' | 'servfail' | 'refused' | 'timeout' | 'error';

export interface DnsLookupReport {
  readonly name: string;
  readonly type: 'TXT' | 'MX' | 'A' | 'AAAA';
  readonly status: DnsStatus;
  /** Records in presentation form: TXT as quoted strings, MX as "10 mx.example.com". */
  readonly records: readonly string[];
  /** CNAME chain followed, as "from -> to". */
  readonly cnames: readonly string[];
  readonly server: string | null;
  readonly error: string | null;
  readonly ms: number;
}

export interface CertificateReport {
  readonly subject: string;
  readonly issuer: string;
  readonly dnsNames: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly daysLeft: number;
  readonly fingerprint256: string;
  /** Chain verified against the trusted roots. */
  readonly trusted: boolean;
  /** The verifier's reason when not trusted (e.g. CERT_HAS_EXPIRED). */
  readonly trustError: string | null;
  /** A SAN dNSName matches the expected host. */
  readonly nameMatches: boolean;
}

export interface TlsReport {
  readonly protocol: string;
  readonly cipher: string;
}

export interface PolicyDiagnostic {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface PolicyReport {
  readonly url: string;
  readonly address: string | null;
  readonly port: number;
  /** HTTP status, or null when no response was read. */
  readonly status: number | null;
  /** Headers that matter, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly tls: TlsReport | null;
  readonly certificate: CertificateReport | null;
  /** The body as read (at most 64 KiB), or null. */
  readonly text: string | null;
  readonly bytes: number;
  readonly truncated: boolean;
  readonly diagnostics: readonly PolicyDiagnostic[];
  readonly mode: string | null;
  readonly maxAge: number | null;
  readonly mxPatterns: readonly string[];
  /** Senders would accept this policy (fetched with 200 over valid TLS, required fields present). */
  readonly usable: boolean;
  /** Why the fetch failed, or null. */
  readonly error: string | null;
  readonly ms: number;
}

/** 'skipped': SMTP checks switched off; 'not-probed': beyond the `maxMxProbes` limit. */
export type SmtpStatus = 'ok' | 'failed' | 'inconclusive' | 'skipped' | 'not-probed';

export interface SmtpReport {
  readonly status: SmtpStatus;
  readonly address: string | null;
  readonly port: number;
  readonly banner: readonly string[];
  readonly ehlo: readonly string[];
  readonly starttls: boolean | null;
  readonly tls: TlsReport | null;
  readonly certificate: CertificateReport | null;
  readonly error: string | null;
  readonly ms: number;
}

/**
 * 'found': at least one A or AAAA record; 'none': both lookups answered without one;
 * 'failed': no address, and a lookup timed out or failed; 'not-looked-up': beyond the time limit
 * of the address lookups (a long MX list on slow DNS).
 */
export type AddressStatus = 'found' | 'none' | 'failed' | 'not-looked-up';

export interface MxRow {
  readonly host: string;
  readonly preference: number;
  /** True for the implicit MX (the domain itself, when it has no MX records). */
  readonly implicit: boolean;
  readonly addresses: readonly string[];
  /** How the addresses were found (see AddressStatus). */
  readonly addressStatus: AddressStatus;
  /** Policy patterns that match this host; null when there is no usable policy. */
  readonly matchedBy: readonly string[] | null;
  readonly smtp: SmtpReport | null;
}

export interface RecordReport {
  /** 'valid' | 'missing' | 'invalid' | 'duplicated' | 'unknown' (lookup failed). */
  readonly status: 'valid' | 'missing' | 'invalid' | 'duplicated' | 'unknown';
  /** The record senders use (strings joined), or null. */
  readonly value: string | null;
  /** Every TXT record found at the name. */
  readonly all: readonly string[];
  readonly cnames: readonly string[];
}

export interface StsRecordReport extends RecordReport {
  readonly id: string | null;
}

export interface TlsrptReport extends RecordReport {
  readonly rua: readonly string[];
  /** Records at the legacy `_smtp-tlsrpt` name. */
  readonly legacy: readonly string[];
}

export interface Timing {
  readonly step: string;
  readonly startMs: number;
  readonly ms: number;
}

export interface CheckReport {
  readonly input: string;
  /** A-label form, or null when the input was not a domain. */
  readonly domain: string | null;
  readonly checkedAt: string;
  readonly durationMs: number;
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly dns: readonly DnsLookupReport[];
  readonly stsRecord: StsRecordReport | null;
  readonly policy: PolicyReport | null;
  readonly mx: readonly MxRow[];
  readonly tlsrpt: TlsrptReport | null;
  readonly timings: readonly Timing[];
  readonly options: { readonly timeoutMs: number; readonly smtp: boolean; readonly httpsPort: number; readonly smtpPort: number; readonly maxMxProbes: number; readonly smtpConcurrency: number; readonly dnsConcurrency: number };
}
