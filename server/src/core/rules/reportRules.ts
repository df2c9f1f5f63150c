// Rule declarations for TLS-RPT JSON reports (RFC 8460 §4): codes RPT200 and up. The checks
// live in core/report/lintReport.ts. Pure: core only.
import { rule } from './define';

const R44 = 'RFC 8460 §4.4';
const K = 'tlsrpt-report' as const;
/** A one-policy report around the given policy members, for examples. */
const pol = (members: string) => `{"policies": [{${members}}]}`;
const fd = (members: string) => pol(`"failure-details": [{${members}}]`);

export const reportJsonSyntax = rule({
  code: 'RPT200', name: 'report-json-syntax', severity: 'error',
  summary: 'The report is not valid JSON.',
  docs: { checks: 'JSON syntax: quotes, commas, brackets, numbers, escapes; no comments or trailing commas.', why: 'A report is an I-JSON text; report processors reject anything their JSON parser refuses, so the report is lost.', fix: 'Fix the syntax at the marked place; generate reports with a JSON library rather than by string concatenation.', reference: 'RFC 8460 §4; RFC 8259' },
  examples: { kind: K, bad: ['{"policies": [],}', "{'policies': []}"], good: ['{"policies": []}'] },
});
export const reportDuplicateKey = rule({
  code: 'RPT201', name: 'report-duplicate-key', severity: 'error',
  summary: 'An object repeats a member name.',
  docs: { checks: 'Member names that occur twice in one JSON object.', why: 'Reports are I-JSON, which forbids duplicate names; parsers keep the first or the last value, so readers see different numbers.', fix: 'Keep one member of each name.', reference: 'RFC 8460 §4; RFC 7493 §2.3' },
  examples: { kind: K, bad: [pol('"summary": {"total-failure-session-count": 1, "total-failure-session-count": 2}')], good: [pol('"summary": {"total-failure-session-count": 1}')] },
});
export const reportPoliciesNotArray = rule({
  code: 'RPT202', name: 'report-policies-not-array', severity: 'error',
  summary: '`policies` is missing or is not an array.',
  docs: { checks: 'That the report has a `policies` member whose value is a JSON array, even for a single policy.', why: 'RFC 8460 says `policies` MUST be an array; processors that iterate over it find no policy results in an object.', fix: 'Wrap the policy object in `[` `]`.', reference: 'RFC 8460 §4' },
  examples: { kind: K, bad: ['{"policies": {"policy": {"policy-type": "sts"}}}', '{"organization-name": "x"}'], good: ['{"policies": [{"policy": {"policy-type": "sts"}}]}'] },
});
export const reportCountNotInteger = rule({
  code: 'RPT203', name: 'report-count-not-integer', severity: 'error',
  summary: 'A session count is not a non-negative integer JSON number.',
  docs: { checks: '`total-successful-session-count`, `total-failure-session-count` and `failed-session-count`: JSON numbers, whole, not negative.', why: 'The RFC defines each count as an integer encoded as a JSON number; a string such as `"3"` or a fraction breaks the sums processors compute.', fix: 'Write the count as a bare number: `3`, not `"3"`.', reference: 'RFC 8460 §4.4' },
  examples: { kind: K, bad: [pol('"summary": {"total-failure-session-count": "3"}'), pol('"summary": {"total-successful-session-count": 1.5}')], good: [pol('"summary": {"total-failure-session-count": 3}')] },
});
export const reportWrongType = rule({
  code: 'RPT204', name: 'report-wrong-type', severity: 'error',
  summary: 'A report field has the wrong JSON type.',
  docs: { checks: 'The JSON type of each known field: strings for names, addresses and date-times; objects for `date-range`, `policy` and `summary`; arrays for `failure-details` and `policy-string`; the report itself an object.', why: 'Processors read fields by their schema type; a number where a string belongs, or an object where an array belongs, makes them drop the field or the report.', fix: 'Write the value with the type RFC 8460 gives it.', reference: R44 },
  examples: { kind: K, bad: ['{"organization-name": 42, "policies": []}', pol('"failure-details": {"result-type": "certificate-expired"}')], good: ['{"organization-name": "Example Inc.", "policies": []}'] },
});
export const reportMissingField = rule({
  code: 'RPT205', name: 'report-missing-field', severity: 'warning',
  summary: 'A field every report is expected to carry is absent.',
  docs: { checks: 'That the report metadata (`organization-name`, `date-range`, `contact-info`, `report-id`), each policy\'s `policy` (`policy-type`, `policy-domain`) and `summary` (both totals), and each failure detail\'s `result-type` and `failed-session-count` are present. Fields real reporters leave out (`policy-string`, `mx-host`, `failure-details`, the IPs and host names of a failure) are accepted.', why: 'Without these fields a processor cannot say who reported what about which domain; RFC 8460 lists them in the schema, though it does not say MUST.', fix: 'Add the field named in the message.', reference: R44 },
  examples: { kind: K, bad: [pol('"policy": {"policy-type": "sts"}')], good: ['{"organization-name": "Example Inc.", "date-range": {"start-datetime": "2024-09-15T00:00:00Z", "end-datetime": "2024-09-15T23:59:59Z"}, "contact-info": "tlsrpt@example.com", "report-id": "1", "policies": []}'] },
});
export const reportDatetimeInvalid = rule({
  code: 'RPT206', name: 'report-datetime-invalid', severity: 'error',
  summary: 'A date-time is not an RFC 3339 date-time.',
  docs: { checks: '`start-datetime` and `end-datetime` against RFC 3339 §5.6: `YYYY-MM-DDThh:mm:ss`, optional fraction, then `Z` or `±hh:mm`, with real dates and times.', why: 'Processors place a report in time by these values; an unreadable date drops the report from daily summaries.', fix: 'Write e.g. `2024-09-15T00:00:00Z`.', reference: 'RFC 8460 §4.4; RFC 3339 §5.6' },
  examples: { kind: K, bad: ['{"date-range": {"start-datetime": "2024-09-15 00:00:00Z"}, "policies": []}', '{"date-range": {"start-datetime": "2024-02-30T00:00:00Z"}, "policies": []}'], good: ['{"date-range": {"start-datetime": "2024-09-15T00:00:00Z"}, "policies": []}'] },
});
export const reportDatetimeNoOffset = rule({
  code: 'RPT207', name: 'report-datetime-no-offset', severity: 'warning',
  summary: 'A date-time has no time offset (`Z` or `±hh:mm`).',
  docs: { checks: 'Date-times that are valid except for a missing offset, as some Microsoft reports sent.', why: 'RFC 3339 requires the offset; without it the instant is ambiguous. It is tolerated here and read as UTC.', fix: 'Append `Z` for UTC.', reference: 'RFC 8460 §4.4; RFC 3339 §5.6' },
  examples: { kind: K, bad: ['{"date-range": {"start-datetime": "2024-11-08T00:00:00"}, "policies": []}'], good: ['{"date-range": {"start-datetime": "2024-11-08T00:00:00Z"}, "policies": []}'] },
});
export const reportDateRangeNotADay = rule({
  code: 'RPT208', name: 'report-date-range-not-a-day', severity: 'warning',
  summary: 'The date range ends before it starts, or is not one full UTC day.',
  docs: { checks: 'That `start-datetime` is midnight UTC and `end-datetime` the following midnight (or 23:59:59 the same day).', why: 'Reports SHOULD cover one full UTC day so that they line up with each other; a reversed range cannot be placed at all.', fix: 'Report per UTC day: `…T00:00:00Z` to `…T23:59:59Z` (or the next `T00:00:00Z`).', reference: 'RFC 8460 §4.1' },
  examples: { kind: K, bad: ['{"date-range": {"start-datetime": "2024-09-15T00:00:00Z", "end-datetime": "2024-09-14T00:00:00Z"}, "policies": []}'], good: ['{"date-range": {"start-datetime": "2024-09-15T00:00:00Z", "end-datetime": "2024-09-16T00:00:00Z"}, "policies": []}'] },
});
export const reportUnknownPolicyType = rule({
  code: 'RPT209', name: 'report-unknown-policy-type', severity: 'error',
  summary: '`policy-type` is not `sts`, `tlsa` or `no-policy-found`.',
  docs: { checks: 'The value of `policy-type`.', why: 'RFC 8460 allows only these three values; a processor cannot tell which policy the counts are about.', fix: 'Use `sts` (MTA-STS), `tlsa` (DANE) or `no-policy-found`.', reference: R44 },
  examples: { kind: K, bad: [pol('"policy": {"policy-type": "mta-sts"}')], good: [pol('"policy": {"policy-type": "sts"}')] },
});
export const reportUnknownResultType = rule({
  code: 'RPT210', name: 'report-unknown-result-type', severity: 'warning',
  summary: '`result-type` is not one of the registered result types.',
  docs: { checks: '`result-type` against the 11 values of the IANA "STARTTLS Validation Result Types" registry.', why: 'The registry can grow, so an unknown value is kept, but it is often a typo; processors will not be able to explain it.', fix: 'Use a registered value such as `certificate-expired` or `validation-failure` (with a `failure-reason-code`).', reference: 'RFC 8460 §4.3, §6.6' },
  examples: { kind: K, bad: [fd('"result-type": "some-new-type"')], good: [fd('"result-type": "certificate-expired"')] },
});
export const reportInvalidIp = rule({
  code: 'RPT211', name: 'report-invalid-ip', severity: 'error',
  summary: '`sending-mta-ip` or `receiving-ip` is not an IPv4 or IPv6 address.',
  docs: { checks: 'IPv4 in dotted-decimal without leading zeros (0–255 each), IPv6 in RFC 4291 text form, without brackets, ports or zone indexes.', why: 'RFC 8460 defines the exact IPv4 grammar and the IPv6 form; processors that group failures by address cannot read other spellings.', fix: 'Write e.g. `192.0.2.1` or `2001:db8::1`.', reference: R44 },
  examples: { kind: K, bad: [fd('"sending-mta-ip": "192.0.2.01"'), fd('"receiving-ip": "[2001:db8::1]"')], good: [fd('"sending-mta-ip": "192.0.2.1", "receiving-ip": "2001:db8:abcd:0012::1"')] },
});
export const reportMxHostString = rule({
  code: 'RPT212', name: 'report-mx-host-string', severity: 'information',
  summary: '`mx-host` is a string; the canonical form is an array of strings.',
  docs: { checks: '`mx-host` given as one string rather than an array.', why: 'The RFC defines `mx-host` as a JSON array, but its own example (Appendix B) shows a string, so both are accepted; some processors handle only the array.', fix: 'Write `"mx-host": ["*.mail.example.com"]`.', reference: 'RFC 8460 §4.4, Appendix B' },
  examples: { kind: K, bad: [pol('"policy": {"mx-host": "*.mail.example.com"}')], good: [pol('"policy": {"mx-host": ["*.mail.example.com"]}')] },
});
export const reportInvalidUri = rule({
  code: 'RPT213', name: 'report-invalid-uri', severity: 'warning',
  summary: '`additional-information` is not a URI.',
  docs: { checks: 'That `additional-information` is an absolute URI: a scheme and only URI characters.', why: 'The field is meant to link to details such as the certificate chain; a malformed URI cannot be followed.', fix: 'Percent-encode spaces and other characters, e.g. `https://reports.example.com/info?id=1`.', reference: R44 },
  examples: { kind: K, bad: [fd('"additional-information": "https://r.example/ report_info ? id = 1"')], good: [fd('"additional-information": "https://r.example/report_info?id=1"')] },
});
export const reportFailureCountsDiffer = rule({
  code: 'RPT214', name: 'report-failure-counts-differ', severity: 'information',
  summary: 'The failure details account for fewer sessions than `total-failure-session-count`, or report failures under a total of 0.',
  docs: { checks: 'The sum of `failed-session-count` over a policy\'s `failure-details` against its `total-failure-session-count`. A larger sum is normal: one session can hit several failure types.', why: 'Failures left out of the details cannot be diagnosed; failures under a total of 0 mean one of the numbers is wrong.', fix: 'Nothing to fix in the report you received; a reporter should list a detail for every failure type it counted.', reference: 'RFC 8460 §4, §4.2.2' },
  examples: { kind: K, bad: [pol('"summary": {"total-failure-session-count": 5}, "failure-details": [{"failed-session-count": 2}]')], good: [pol('"summary": {"total-failure-session-count": 1}, "failure-details": [{"failed-session-count": 1}, {"failed-session-count": 1}]')] },
});
export const reportTlsaRecordFormat = rule({
  code: 'RPT215', name: 'report-tlsa-record-format', severity: 'warning',
  summary: 'A `policy-string` entry of a `tlsa` policy is not one TLSA record.',
  docs: { checks: 'That each string of a `tlsa` policy\'s `policy-string` is one record: usage, selector, matching type and hex data separated by single spaces.', why: 'RFC 8460 lists one TLSA record per string; a JSON-encoded array inside one string (as some Microsoft reports send) cannot be compared with the published records.', fix: 'One string per record, e.g. `"3 1 1 0123…ABCD"`.', reference: 'RFC 8460 §4.5' },
  examples: { kind: K, bad: [pol('"policy": {"policy-type": "tlsa", "policy-string": ["[\\"2 1 1 0B9FA5\\",\\"2 1 1 2BBAD9\\"]"]}')], good: [pol('"policy": {"policy-type": "tlsa", "policy-string": ["2 1 1 0B9FA5", "2 1 1 2BBAD9"]}')] },
});
export const reportDomainNotALabel = rule({
  code: 'RPT216', name: 'report-domain-not-alabel', severity: 'error',
  summary: 'A `policy-domain` or `mx-host` holds non-ASCII characters instead of A-labels.',
  docs: { checks: '`policy-domain` and `mx-host` values for characters outside ASCII.', why: 'RFC 8460 says internationalized names MUST be written as Punycode A-labels (`xn--…`), so they compare equal to DNS names.', fix: 'Write the A-label form, e.g. `xn--bcher-kva.example` for `bücher.example`.', reference: R44 },
  examples: { kind: K, bad: [pol('"policy": {"policy-domain": "bücher.example"}')], good: [pol('"policy": {"policy-domain": "xn--bcher-kva.example"}')] },
});
export const reportUnknownField = rule({
  code: 'RPT217', name: 'report-unknown-field', severity: 'information',
  summary: 'A member name that RFC 8460 does not define, often a misspelling.',
  docs: { checks: 'Member names at each level of the report against the RFC 8460 schema.', why: 'Processors ignore unknown members, so a misspelt name (`organisation-name`) hides its value.', fix: 'Use the name the message suggests, or remove the member.', reference: R44 },
  examples: { kind: K, bad: ['{"organisation-name": "Example Inc.", "policies": []}'], good: ['{"organization-name": "Example Inc.", "policies": []}'] },
});
export const reportMissingReasonCode = rule({
  code: 'RPT218', name: 'report-missing-reason-code', severity: 'warning',
  summary: 'A `certificate-not-trusted` or `validation-failure` detail has no `failure-reason-code`.',
  docs: { checks: 'Failure details of the two catch-all result types without a `failure-reason-code`.', why: 'These result types cover many causes; RFC 8460 says reporters SHOULD name the actual error so the domain owner can fix it.', fix: 'A reporter adds the TLS library\'s error, e.g. `"failure-reason-code": "X509_V_ERR_CERT_UNTRUSTED"`.', reference: 'RFC 8460 §4.3.1, §4.3.3' },
  examples: { kind: K, bad: [fd('"result-type": "validation-failure"')], good: [fd('"result-type": "validation-failure", "failure-reason-code": "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"')] },
});
export const reportContactNotAddress = rule({
  code: 'RPT219', name: 'report-contact-not-address', severity: 'warning',
  summary: '`contact-info` is not a mail address.',
  docs: { checks: 'That `contact-info` looks like an RFC 5322 addr-spec: `local@domain`, no spaces or angle brackets.', why: 'The domain of this address must match the `TLS-Report-Submitter` header of mailed reports, and people use it to reach the reporter.', fix: 'Write a bare address such as `tlsrpt@example.com`.', reference: 'RFC 8460 §4.4, §5.3' },
  examples: { kind: K, bad: ['{"contact-info": "Example Inc. <tlsrpt@example.com>", "policies": []}', '{"contact-info": "https://example.com/contact", "policies": []}'], good: ['{"contact-info": "tlsrpt@example.com", "policies": []}'] },
});

export const REPORT_RULES = [
  reportJsonSyntax, reportDuplicateKey, reportPoliciesNotArray, reportCountNotInteger, reportWrongType, reportMissingField,
  reportDatetimeInvalid, reportDatetimeNoOffset, reportDateRangeNotADay, reportUnknownPolicyType, reportUnknownResultType,
  reportInvalidIp, reportMxHostString, reportInvalidUri, reportFailureCountsDiffer, reportTlsaRecordFormat,
  reportDomainNotALabel, reportUnknownField, reportMissingReasonCode, reportContactNotAddress,
];
