// Server settings (section `mtaSts`): severity overrides by rule code or name.
import type { SeveritySetting } from '../core/index';

export interface Settings {
  readonly severity: Readonly<Record<string, SeveritySetting>>;
}

export const DEFAULT_SETTINGS: Settings = { severity: {} };

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
  return { severity: sev };
}
