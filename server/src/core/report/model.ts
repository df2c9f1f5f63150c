// A plain, lenient reading of a TLS-RPT report for summaries: what a tolerant processor would
// take from it (counts written as digit strings are read, a lone policy object is accepted,
// missing fields are null). Validation is lintReport's job. Pure: core only.
import { checkDateTime } from './formats';
import { field, parseJson, type JsonNode, type JsonParse } from './json';

export interface FailureDetail {
  readonly resultType: string | null;
  readonly sendingMtaIp: string | null;
  readonly receivingMxHostname: string | null;
  readonly receivingMxHelo: string | null;
  readonly receivingIp: string | null;
  readonly failedSessionCount: number;
  readonly failureReasonCode: string | null;
  readonly additionalInformation: string | null;
}

export interface PolicyResult {
  /** `sts`, `tlsa`, `no-policy-found`, or whatever the report says. */
  readonly policyType: string | null;
  readonly policyDomain: string | null;
  readonly policyStrings: readonly string[];
  /** `mx-host`, whether written as an array or a single string. */
  readonly mxHosts: readonly string[];
  readonly successfulSessions: number;
  readonly failedSessions: number;
  readonly failureDetails: readonly FailureDetail[];
}

export interface TlsRptReport {
  readonly organizationName: string | null;
  readonly contactInfo: string | null;
  readonly reportId: string | null;
  readonly startDatetime: string | null;
  readonly endDatetime: string | null;
  /** Epoch milliseconds of the date range (no offset read as UTC); NaN when unreadable. */
  readonly startMs: number;
  readonly endMs: number;
  readonly policies: readonly PolicyResult[];
  /** A name for the report's source (e.g. its file name), set by the caller. */
  readonly source?: string;
}

export interface ReadReport {
  readonly report: TlsRptReport | null;
  /** Why the text is not a usable report; null when `report` is set. */
  readonly problem: string | null;
  readonly json: JsonParse;
}

const str = (n: JsonNode | null): string | null => (n && n.kind === 'string' ? n.value : null);

function count(n: JsonNode | null): number {
  if (n && n.kind === 'number' && Number.isFinite(n.value) && n.value >= 0) return Math.floor(n.value);
  if (n && n.kind === 'string' && /^[0-9]{1,15}$/.test(n.value)) return Number(n.value);
  return 0;
}

function strings(n: JsonNode | null): string[] {
  if (n && n.kind === 'string') return [n.value];
  if (n && n.kind === 'array') return n.items.flatMap((x) => (x.kind === 'string' ? [x.value] : []));
  return [];
}

function readFailure(n: JsonNode): FailureDetail {
  return {
    resultType: str(field(n, 'result-type')),
    sendingMtaIp: str(field(n, 'sending-mta-ip')),
    receivingMxHostname: str(field(n, 'receiving-mx-hostname')),
    receivingMxHelo: str(field(n, 'receiving-mx-helo')),
    receivingIp: str(field(n, 'receiving-ip')),
    failedSessionCount: count(field(n, 'failed-session-count')),
    failureReasonCode: str(field(n, 'failure-reason-code')),
    additionalInformation: str(field(n, 'additional-information')),
  };
}

function readPolicy(n: JsonNode): PolicyResult {
  const policy = field(n, 'policy');
  const summary = field(n, 'summary');
  const details = field(n, 'failure-details');
  return {
    policyType: str(field(policy, 'policy-type')),
    policyDomain: str(field(policy, 'policy-domain')),
    policyStrings: strings(field(policy, 'policy-string')),
    mxHosts: strings(field(policy, 'mx-host')),
    successfulSessions: count(field(summary, 'total-successful-session-count')),
    failedSessions: count(field(summary, 'total-failure-session-count')),
    failureDetails: details && details.kind === 'array' ? details.items.filter((d) => d.kind === 'object').map(readFailure) : [],
  };
}

/** Reads a parsed JSON value as a report; null when it is not an object with `policies`. */
export function reportFromJson(root: JsonNode | null, source?: string): TlsRptReport | null {
  if (!root || root.kind !== 'object') return null;
  const policies = field(root, 'policies');
  if (!policies || (policies.kind !== 'array' && policies.kind !== 'object')) return null;
  const range = field(root, 'date-range');
  const start = str(field(range, 'start-datetime'));
  const end = str(field(range, 'end-datetime'));
  return {
    organizationName: str(field(root, 'organization-name')),
    contactInfo: str(field(root, 'contact-info')),
    reportId: str(field(root, 'report-id')),
    startDatetime: start,
    endDatetime: end,
    startMs: start === null ? NaN : checkDateTime(start).epochMs,
    endMs: end === null ? NaN : checkDateTime(end).epochMs,
    policies: policies.kind === 'array' ? policies.items.filter((p) => p.kind === 'object').map(readPolicy) : [readPolicy(policies)],
    ...(source !== undefined ? { source } : {}),
  };
}

/** Parses and reads report text. A report with JSON syntax errors is still read when possible. */
export function readReport(text: string, source?: string): ReadReport {
  const json = parseJson(text);
  const report = reportFromJson(json.root, source);
  if (report) return { report, problem: null, json };
  const syntax = json.problems.find((p) => p.kind === 'syntax');
  let problem: string;
  if (!json.root) problem = syntax ? `not JSON: ${syntax.message}` : 'empty';
  else if (json.root.kind !== 'object') problem = `not a TLS-RPT report: the JSON is ${json.root.kind === 'array' ? 'an array' : `a ${json.root.kind}`}, not an object`;
  else if (syntax && !field(json.root, 'policies')) problem = `not valid JSON: ${syntax.message}`;
  else problem = 'not a TLS-RPT report: it has no `policies` array';
  return { report: null, problem, json };
}
