// Judges the policy fetch: TLS, certificate, status, media type, size, time, and the body as
// the core lints it; decides whether senders could use the policy. No node:* imports.
import { lint, type PolicyModel } from '../core/index';
import { CHK } from '../core/rules/checkRules';
import { certificateReport, certProblems, describeCert, tlsTooOld, trustText } from './certificate';
import { diagnosticFindings, finding } from './findings';
import { header } from './httpResponse';
import { MAX_POLICY_BYTES, policyUrl, type FetchOutcome } from './policyFetch';
import type { Finding, PolicyReport, RecordReport } from './types';

const SHOWN_HEADERS = ['content-type', 'content-length', 'location', 'cache-control', 'transfer-encoding', 'server', 'date', 'last-modified', 'etag', 'strict-transport-security'];

export interface PolicyJudgement {
  readonly report: PolicyReport;
  readonly findings: Finding[];
  readonly model: PolicyModel | null;
  /** The policy host answered with something that looks like a policy. */
  readonly served: boolean;
}

/** Applies the body to the report: lint diagnostics as findings, mode, max_age, patterns. */
function judgeBody(text: string): { model: PolicyModel; findings: Finding[]; diagnostics: PolicyReport['diagnostics'] } {
  const r = lint(text, 'policy');
  const findings = diagnosticFindings(text, r.diagnostics, 'policy');
  const diagnostics = findings.map((f) => ({ code: f.code, name: f.name, severity: f.severity, message: f.message, line: f.line ?? 1, column: f.column ?? 1 }));
  return { model: r.policy!, findings, diagnostics };
}

export function complete(m: PolicyModel): boolean {
  return !!m.version && !!m.modeValue && m.maxAgeValue !== null && (m.modeValue === 'none' || m.mxPatterns.length > 0);
}

/**
 * Judges the fetch. `out` is null when the policy host has no address. Findings about HTTPS are
 * kept only when the TXT record exists or a policy was served: otherwise MTA-STS is simply absent.
 */
export function judgePolicy(host: string, port: number, out: FetchOutcome | null, addressError: string | null, record: RecordReport, now: number): PolicyJudgement {
  const fs: Finding[] = [];
  const res = out?.response ?? null;
  const head = res ?? out?.partial ?? null;
  const headers: Record<string, string> = {};
  for (const name of SHOWN_HEADERS) {
    const v = head ? header(head, name) : null;
    if (v !== null) headers[name] = v;
  }
  const cert = out?.tls ? certificateReport(out.tls, host, now, false) : null;
  let text: string | null = null;
  let model: PolicyModel | null = null;
  let diagnostics: PolicyReport['diagnostics'] = [];
  const bodyFindings: Finding[] = [];
  if (res && res.status === 200) {
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(res.body);
    const b = judgeBody(text);
    model = b.model;
    diagnostics = b.diagnostics;
    bodyFindings.push(...b.findings);
  }
  const served = !!text && /^version:[ \t]*STSv1/m.test(text);
  const recordPresent = record.status !== 'missing' && record.status !== 'unknown';
  const relevant = recordPresent || served;
  let tlsOk = false;
  const problems: string[] = [];
  if (!out) {
    if (addressError && recordPresent) {
      fs.push(finding(CHK.policyHostNoAddress, 'https', `\`${host}\` has no A or AAAA record (${addressError}), so senders cannot fetch the policy`, { evidence: host }));
      problems.push('the policy host has no address');
    }
  } else {
    if (out.tls && cert) {
      const p = certProblems(cert, now);
      const ev = describeCert(cert);
      if (p.nameMismatch) fs.push(finding(CHK.policyCertName, 'https', `the certificate of \`${host}\` is not valid for that name (SAN: ${cert.dnsNames.join(', ') || 'none'}; the CN is not used)`, { evidence: ev }));
      if (p.expired) fs.push(finding(CHK.policyCertExpired, 'https', `the certificate of \`${host}\` expired on ${cert.validTo}`, { evidence: ev }));
      else if (p.notYetValid) fs.push(finding(CHK.policyCertUntrusted, 'https', `the certificate of \`${host}\` is not valid before ${cert.validFrom}`, { evidence: ev }));
      if (p.untrusted) fs.push(finding(CHK.policyCertUntrusted, 'https', `the certificate of \`${host}\` is not trusted: ${trustText(p.untrusted)}`, { evidence: ev }));
      if (p.expiring) fs.push(finding(CHK.policyCertExpiring, 'https', `the certificate of \`${host}\` expires in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'} (${cert.validTo})`, { evidence: ev }));
      const old = tlsTooOld(out.tls.protocol);
      if (old) fs.push(finding(CHK.policyTlsOld, 'https', `\`${host}\` negotiated ${out.tls.protocol}; senders require TLS 1.2 or newer`, { evidence: `${out.tls.protocol} ${out.tls.cipher}` }));
      tlsOk = !p.nameMismatch && !p.expired && !p.notYetValid && !p.untrusted && !old;
      if (!tlsOk) problems.push('its certificate or TLS version fails validation');
    }
    if (out.failure) {
      const rule = out.failure.timedOut ? CHK.policyTimeout : CHK.policyConnect;
      fs.push(finding(rule, 'https', `fetching ${out.url} failed: ${out.failure.message}`, { evidence: `${out.address}:${out.port}` }));
      problems.push(out.failure.timedOut ? 'the fetch timed out' : 'the connection failed');
    }
    if (head) {
      const statusLine = `HTTP/${head.version} ${head.status} ${head.reason}`.trim();
      if (head.status >= 300 && head.status < 400) {
        const loc = header(head, 'location');
        fs.push(finding(CHK.policyRedirect, 'https', `${out.url} answered ${head.status} redirecting to ${loc ?? '(no Location)'}; senders never follow redirects`, { evidence: loc ? `${statusLine}\nLocation: ${loc}` : statusLine }));
        problems.push(`it answers ${head.status} (redirect)`);
      } else if (head.status !== 200) {
        fs.push(finding(CHK.policyStatus, 'https', `${out.url} answered ${head.status}${head.reason ? ` ${head.reason}` : ''}; the policy counts only with 200`, { evidence: statusLine }));
        problems.push(`it answers ${head.status}`);
      } else {
        const ct = header(head, 'content-type');
        const [type, ...params] = (ct ?? '').split(';').map((s) => s.trim());
        if ((type ?? '').toLowerCase() !== 'text/plain') fs.push(finding(CHK.policyContentType, 'https', ct ? `the policy is served as \`${type}\`, not \`text/plain\`` : 'the policy is served without a Content-Type; it should be `text/plain`', { evidence: `Content-Type: ${ct ?? '(none)'}` }));
        const charset = params.map((p) => /^charset\s*=\s*"?([^";]*)"?$/i.exec(p)?.[1]).find((c) => c !== undefined);
        if (charset !== undefined && !/^(utf-8|us-ascii)$/i.test(charset)) fs.push(finding(CHK.policyCharset, 'https', `the policy is served with \`charset=${charset}\`; only utf-8 or us-ascii are meaningful`, { evidence: `Content-Type: ${ct}` }));
      }
    }
    if (res?.truncated) fs.push(finding(CHK.policyTruncated, 'https', `the body is larger than ${MAX_POLICY_BYTES} bytes; only the first ${MAX_POLICY_BYTES} were read`, { evidence: `Content-Length: ${header(res, 'content-length') ?? '(not given)'}` }));
  }
  fs.push(...bodyFindings);
  const modelOk = !!model && complete(model);
  if (model && res?.status === 200 && !modelOk) {
    const missing = [!model.version && '`version: STSv1`', !model.modeValue && '`mode`', model.maxAgeValue === null && '`max_age`', model.modeValue && model.modeValue !== 'none' && model.mxPatterns.length === 0 && 'a valid `mx`'].filter(Boolean).join(', ');
    fs.push(finding(CHK.policyRejected, 'policy', `the policy lacks ${missing}, so senders discard it`, { evidence: text!.slice(0, 300) }));
    problems.push('the policy is invalid');
  }
  const usable = !!out && !out.failure && tlsOk && res?.status === 200 && modelOk;
  if (record.status === 'valid' && !usable) {
    fs.push(finding(CHK.policyUnavailable, 'https', `the \`_mta-sts\` record announces a policy, but senders cannot use it: ${problems.length ? problems.join('; ') : 'no valid policy was served'}; they deliver as if the domain had no MTA-STS`, { evidence: policyUrl(host, port) }));
  }
  const report: PolicyReport = {
    url: policyUrl(host, port),
    address: out?.address ?? null,
    port,
    status: head?.status ?? null,
    headers,
    tls: out?.tls ? { protocol: out.tls.protocol, cipher: out.tls.cipher } : null,
    certificate: cert,
    text,
    bytes: res?.body.length ?? 0,
    truncated: res?.truncated ?? false,
    diagnostics,
    mode: model?.modeValue ?? null,
    maxAge: model?.maxAgeValue ?? null,
    mxPatterns: model?.mxPatterns ?? [],
    usable,
    error: out?.failure?.message ?? (out ? null : addressError),
    ms: out?.ms ?? 0,
  };
  return { report, findings: relevant ? fs : [], model: usable ? model : null, served };
}
