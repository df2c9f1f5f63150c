// Recognises TLS-RPT reports: by the file name RFC 8460 §5.1 recommends, and by content.
// Pure: core only.

export interface ReportFileName {
  /** The sending domain (the domain of `contact-info`). */
  readonly sender: string;
  readonly policyDomain: string;
  /** Unix seconds. */
  readonly begin: number;
  readonly end: number;
  readonly uniqueId: string | null;
  readonly gzip: boolean;
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN = `${LABEL}(?:\\.${LABEL})*`;
const NAME = new RegExp(`^(${DOMAIN})!(${DOMAIN})!([0-9]+)!([0-9]+)(?:!([A-Za-z0-9]+))?\\.(json|json\\.gz)$`, 'i');

/**
 * Parses `sender!policy-domain!begin!end[!unique-id].json[.gz]` (RFC 8460 §5.1); a path is
 * reduced to its last segment. Null when the name does not follow the pattern.
 */
export function parseReportFileName(name: string): ReportFileName | null {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const m = NAME.exec(base);
  if (!m) return null;
  return { sender: m[1]!, policyDomain: m[2]!, begin: Number(m[3]), end: Number(m[4]), uniqueId: m[5] ?? null, gzip: m[6]!.toLowerCase() === 'json.gz' };
}

/** True for file names of the RFC 8460 §5.1 form. */
export function isReportFileName(name: string): boolean {
  return parseReportFileName(name) !== null;
}

/**
 * True when the text is a JSON object that carries the members of a TLS-RPT report: `policies`
 * plus one of `organization-name`, `date-range` or `report-id`. A cheap scan, not a parse.
 */
export function looksLikeReport(text: string): boolean {
  let i = 0;
  while (i < text.length && /[\s\ufeff]/.test(text[i]!)) i++;
  if (text[i] !== '{') return false;
  return /"policies"\s*:/.test(text) && /"(organization-name|date-range|report-id)"\s*:/.test(text);
}
