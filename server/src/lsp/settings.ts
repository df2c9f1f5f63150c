// Server settings (section `mtaSts`): severity overrides by rule code or name.
import { CHECK_LIMITS } from '../check/index';
import type { SeveritySetting } from '../core/index';

export interface CheckSettings {
  readonly timeoutMs: number;
  readonly smtp: boolean;
  readonly ehloName: string;
  readonly dnsServers: readonly string[];
  readonly caFiles: readonly string[];
  /** Non-default ports, for pointing the checker at test servers (0 = default). */
  readonly httpsPort: number;
  readonly smtpPort: number;
  /** MX hosts probed over SMTP, most preferred first; the rest are only resolved and matched. */
  readonly maxMxProbes: number;
  /** MX hosts probed over SMTP at once. */
  readonly smtpConcurrency: number;
  /** MX hosts whose addresses are looked up at once. */
  readonly dnsConcurrency: number;
}

export const DEFAULT_CHECK: CheckSettings = { timeoutMs: 10000, smtp: true, ehloName: '', dnsServers: [], caFiles: [], httpsPort: 0, smtpPort: 0, maxMxProbes: CHECK_LIMITS.maxMxProbes.default, smtpConcurrency: CHECK_LIMITS.smtpConcurrency.default, dnsConcurrency: CHECK_LIMITS.dnsConcurrency.default };

export interface Settings {
  readonly check: CheckSettings;
  readonly severity: Readonly<Record<string, SeveritySetting>>;
  /** Folder paths (relative to a workspace folder) mapped to the policy domain of the files below. */
  readonly policyDomains: Readonly<Record<string, string>>;
}

export const DEFAULT_SETTINGS: Settings = { severity: {}, policyDomains: {}, check: DEFAULT_CHECK };

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads settings from whatever the client sent, ignoring malformed values. */
export function readSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sev: Record<string, SeveritySetting> = {};
  const src = r.severity;
  if (src && typeof src === 'object') {
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      if (typeof v === 'string' && LEVELS.has(v)) sev[k] = v as SeveritySetting;
      else if (v === 'info') sev[k] = 'information';
    }
  }
  const domains: Record<string, string> = {};
  if (r.policyDomains && typeof r.policyDomains === 'object') {
    for (const [k, v] of Object.entries(r.policyDomains as Record<string, unknown>)) if (typeof v === 'string' && v.length) domains[k.replace(/^\.\//, '')] = v;
  }
  return { severity: sev, policyDomains: domains, check: readCheck(r.check) };
}

function readCheck(raw: unknown): CheckSettings {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown, d: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : d);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim()) : []);
  return {
    timeoutMs: num(c.timeoutMs, DEFAULT_CHECK.timeoutMs, 500, 120000),
    smtp: typeof c.smtp === 'boolean' ? c.smtp : true,
    ehloName: typeof c.ehloName === 'string' ? c.ehloName.trim() : '',
    dnsServers: strings(c.dnsServers),
    caFiles: strings(c.caFiles),
    httpsPort: num(c.httpsPort, 0, 0, 65535),
    smtpPort: num(c.smtpPort, 0, 0, 65535),
    // The CLI's bounds (--max-mx-probes, --smtp-concurrency, --dns-concurrency).
    maxMxProbes: num(c.maxMxProbes, DEFAULT_CHECK.maxMxProbes, 1, CHECK_LIMITS.maxMxProbes.max),
    smtpConcurrency: num(c.smtpConcurrency, DEFAULT_CHECK.smtpConcurrency, 1, CHECK_LIMITS.smtpConcurrency.max),
    dnsConcurrency: num(c.dnsConcurrency, DEFAULT_CHECK.dnsConcurrency, 1, CHECK_LIMITS.dnsConcurrency.max),
  };
}
