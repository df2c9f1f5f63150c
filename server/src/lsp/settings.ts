// Server settings (section `mtaSts`): severity overrides by rule code or name.
import type { SeveritySetting } from '../core/index';

export interface Settings {
  readonly severity: Readonly<Record<string, SeveritySetting>>;
  /** Folder paths (relative to a workspace folder) mapped to the policy domain of the files below. */
  readonly policyDomains: Readonly<Record<string, string>>;
}

export const DEFAULT_SETTINGS: Settings = { severity: {}, policyDomains: {} };

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
  return { severity: sev, policyDomains: domains };
}
