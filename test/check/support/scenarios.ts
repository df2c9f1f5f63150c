// The scenario table: one small domain per behaviour, each with the finding codes it must
// produce. Rule examples in checkRules.ts name these scenarios.
import assert from 'node:assert/strict';
import { renderReportMarkdown, renderReportText, type CheckOptions, type CheckReport, type VerdictKind } from '../../../server/src/check/index';
import type { ZoneEntry } from './dnsServer';
import { drip, serve, type Route } from './httpsServers';
import type { CertKind, HttpsKind, ScenarioSetup, SmtpKind } from './world';

export interface Scenario extends ScenarioSetup {
  readonly input: string;
  readonly expect: readonly string[];
  readonly absent?: readonly string[];
  /** No error or warning findings at all. */
  readonly clean?: boolean;
  readonly verdict?: VerdictKind;
  /** Severity a code must have here (mode-dependent findings). */
  readonly severities?: Readonly<Record<string, string>>;
  /** More assertions on the report. */
  readonly verify?: (r: CheckReport) => void;
}

export const policyText = (mode: string, mx: readonly string[], maxAge = 604800) => ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\n');

interface Mods {
  readonly input?: string;
  readonly txt?: readonly (readonly string[])[] | null;
  readonly txtEntry?: ZoneEntry;
  readonly tlsrpt?: readonly (readonly string[])[] | null;
  readonly extraZone?: Readonly<Record<string, ZoneEntry>>;
  readonly mx?: readonly (readonly [number, string])[] | null;
  readonly apex?: ZoneEntry;
  readonly policyHostEntry?: ZoneEntry | null;
  readonly policy?: string;
  readonly route?: Route;
  readonly cert?: CertKind;
  readonly https?: HttpsKind;
  readonly smtp?: SmtpKind;
  readonly silentDns?: boolean;
  readonly options?: Partial<CheckOptions>;
  readonly expect: readonly string[];
  readonly absent?: readonly string[];
  readonly clean?: boolean;
  readonly verdict?: VerdictKind;
  readonly severities?: Readonly<Record<string, string>>;
  readonly verify?: (r: CheckReport) => void;
}

function scenario(name: string, m: Mods): Scenario {
  const d = `${name}.test`;
  const mx = m.mx === undefined ? [[10, `mx1.${d}`] as const] : m.mx;
  const zone: Record<string, ZoneEntry> = {};
  zone[d] = { ...(mx ? { MX: mx } : {}), ...m.apex };
  if (m.txt !== null) zone[`_mta-sts.${d}`] = m.txtEntry ?? { TXT: m.txt ?? [['v=STSv1; id=20240101T000000']] };
  if (m.tlsrpt !== null) zone[`_smtp._tls.${d}`] = { TXT: m.tlsrpt ?? [[`v=TLSRPTv1; rua=mailto:tlsrpt@${d}`]] };
  if (m.policyHostEntry !== null) zone[`mta-sts.${d}`] = m.policyHostEntry ?? { A: ['127.0.0.1'] };
  for (const [, host] of mx ?? []) if (host.endsWith(`.${d}`) && host !== `mx-none.${d}`) zone[host] = { A: ['127.0.0.1'] };
  Object.assign(zone, m.extraZone);
  const mxHosts = (mx ?? []).map(([, h]) => h);
  return {
    name,
    input: m.input ?? d,
    zone,
    policyHost: `mta-sts.${d}`,
    route: m.route ?? serve(m.policy ?? policyText('enforce', mxHosts.length ? mxHosts : [d])),
    mxHosts: mxHosts.length ? mxHosts : [d],
    expect: m.expect,
    ...(m.cert ? { cert: m.cert } : {}),
    ...(m.https ? { https: m.https } : {}),
    ...(m.smtp ? { smtp: m.smtp } : {}),
    ...(m.silentDns ? { silentDns: true } : {}),
    ...(m.options ? { options: m.options } : {}),
    ...(m.absent ? { absent: m.absent } : {}),
    ...(m.verdict ? { verdict: m.verdict } : {}),
    ...(m.clean ? { clean: true } : {}),
    ...(m.verify ? { verify: m.verify } : {}),
    ...(m.severities ? { severities: m.severities } : {}),
  };
}

export const SCENARIOS: readonly Scenario[] = [
  scenario('healthy', { verify: (r) => { assert.equal(r.stsRecord?.value, 'v=STSv1; id=20240101T000000'); assert.equal(r.stsRecord?.id, '20240101T000000'); assert.equal(r.policy?.certificate?.nameMatches, true); assert.ok(r.mx.every((m) => m.smtp?.tls?.protocol === 'TLSv1.3')); },
    mx: [[10, 'mx1.healthy.test'], [20, 'mx2.healthy.test']],
    txt: [['v=STSv1; id=', '20240101T000000']],
    expect: [],
    clean: true,
    verdict: 'enforced',
  }),
  scenario('broken', { policy: policyText('enforce', ['mx.elsewhere.test']), smtp: 'no-starttls', expect: ['CHK140', 'CHK152', 'CHK141'], verdict: 'broken-refused', severities: { CHK140: 'error', CHK152: 'error' } }),
  scenario('input-ip-address', { input: '192.0.2.1', expect: ['CHK100'], verdict: 'invalid-input' }),
  scenario('not-deployed', { txt: null, tlsrpt: null, policyHostEntry: null, expect: ['CHK101', 'CHK160'], absent: ['CHK113', 'CHK120'], verdict: 'not-deployed' }),
  scenario('policy-without-record', { txt: null, expect: ['CHK102'], verdict: 'broken-ignored' }),
  scenario('sts-duplicated', { txt: [['v=STSv1; id=1'], ['v=STSv1; id=2']], expect: ['CHK103'], verdict: 'broken-ignored' }),
  scenario('sts-invalid', { txt: [['v=STSv1; id=2024-01-01']], expect: ['CHK104', 'STS202'], verdict: 'broken-ignored' }),
  scenario('sts-lookalike', { txt: [['v=STSv1; id=abc'], ['v=STSv1 ; id=def'], ['some other text']], expect: ['CHK105'], verdict: 'enforced' }),
  scenario('sts-cname', { verify: (r) => { assert.deepEqual(r.stsRecord?.cnames, ['_mta-sts.sts-cname.test -> _mta-sts.provider.test']); }, txtEntry: { CNAME: '_mta-sts.provider.test' }, extraZone: { '_mta-sts.provider.test': { TXT: [['v=STSv1; id=delegated1']] } }, expect: ['CHK106'], verdict: 'enforced' }),
  scenario('dns-servfail', { txtEntry: { rcode: 'SERVFAIL' }, expect: ['CHK107'], verdict: 'inconclusive' }),
  scenario('dns-timeout', { txtEntry: { silent: true }, expect: ['CHK108'], verdict: 'inconclusive' }),
  scenario('dns-silent-server', { verify: (r) => { assert.ok(r.dns.every((l) => l.status === 'timeout')); }, silentDns: true, expect: ['CHK108'], absent: ['CHK107'], verdict: 'inconclusive' }),
  scenario('dns-tcp-fallback', { verify: (r) => { assert.equal(r.stsRecord?.value, 'v=STSv1; id=overtcp'); }, txtEntry: { tcpOnly: true, TXT: [['v=STSv1; id=overtcp']] }, expect: [], absent: ['CHK107', 'CHK108'], verdict: 'enforced' }),
  { ...scenario('domain-nxdomain', { expect: ['CHK109'], verdict: 'not-deployed' }), zone: {} },
  scenario('no-mx', { verify: (r) => { assert.equal(r.mx[0]?.implicit, true); assert.equal(r.mx[0]?.host, 'no-mx.test'); }, mx: null, apex: { A: ['127.0.0.1'] }, expect: ['CHK110'], verdict: 'enforced' }),
  scenario('null-mx', { mx: [[0, '.']], txt: null, tlsrpt: null, policyHostEntry: null, expect: ['CHK111'], absent: ['CHK160'] }),
  scenario('mx-no-address', { mx: [[10, 'mx-none.mx-no-address.test']], expect: ['CHK112'], verify: (r) => {
    assert.deepEqual(r.mx.map((m) => m.addressStatus), ['none'], 'NXDOMAIN for the host: both lookups answered, without an address');
    assert.match(renderReportText(r), /mx-none\.mx-no-address\.test {2}\(no address\)/);
  } }),
  scenario('policy-host-no-address', { policyHostEntry: null, expect: ['CHK113', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('http-404', { route: serve('not found\n', 'text/plain', 404), expect: ['CHK126', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('https-wrong-name', { cert: 'wrong-name', expect: ['CHK121', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('https-self-signed', { cert: 'self-signed', expect: ['CHK122', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('https-expired', { cert: 'expired', expect: ['CHK123', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('https-expiring', { cert: 'expiring', expect: ['CHK124'], absent: ['CHK120'], verdict: 'enforced' }),
  scenario('https-tls10', { https: 'tls10', expect: ['CHK125', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('http-redirect', { verify: (r) => { assert.match(r.findings.find((f) => f.code === 'CHK127')?.evidence ?? '', /Location: https:\/\/www\.http-redirect\.test/); }, route: serve('', 'text/html', 301, { location: 'https://www.http-redirect.test/mta-sts.txt' }), expect: ['CHK127', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('http-html', { route: serve(policyText('enforce', ['mx1.http-html.test']), 'text/html'), expect: ['CHK128'], verdict: 'enforced' }),
  scenario('http-charset', { route: serve(policyText('enforce', ['mx1.http-charset.test']), 'text/plain; charset=iso-8859-1'), expect: ['CHK129'], absent: ['CHK128'], verdict: 'enforced' }),
  scenario('http-chunked', { verify: (r) => { assert.equal(r.policy?.headers['transfer-encoding'], 'chunked'); assert.equal(r.policy?.usable, true); }, route: (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (const line of policyText('enforce', ['mx1.http-chunked.test']).split(/(?<=\n)/)) res.write(line);
    res.end();
  }, expect: [], clean: true, verdict: 'enforced' }),
  scenario('http-large-body', { verify: (r) => { assert.equal(r.policy?.bytes, 65536); assert.equal(r.policy?.truncated, true); }, route: serve(policyText('enforce', ['mx1.http-large-body.test']) + ('x-padding: ' + 'a'.repeat(1000) + '\n').repeat(100)), expect: ['CHK130'] }),
  scenario('https-drip', { route: drip(policyText('enforce', ['mx1.https-drip.test'])), expect: ['CHK131', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('https-silent', { https: 'silent', expect: ['CHK131', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('https-refused', { https: 'refused', expect: ['CHK132', 'CHK120'], verdict: 'broken-ignored' }),
  scenario('policy-incomplete', { verify: (r) => { assert.ok(r.findings.some((f) => f.code === 'STS104' && f.subject === 'policy')); }, policy: 'version: STSv1\nmode: enforce\nmx: mx1.policy-incomplete.test\n', expect: ['CHK133', 'CHK120', 'STS104'], verdict: 'broken-ignored' }),
  scenario('mode-none', { policy: policyText('none', [], 86400), expect: ['CHK134'], verdict: 'none' }),
  scenario('testing-no-tlsrpt', { policy: policyText('testing', ['mx1.testing-no-tlsrpt.test']), tlsrpt: null, expect: ['CHK135'], absent: ['CHK160'], verdict: 'testing' }),
  scenario('wildcard-zone', { policy: policyText('enforce', ['*.wildcard-zone.test']), expect: ['CHK136'], absent: ['CHK140'], verdict: 'enforced' }),
  scenario('mx-unmatched', { policy: policyText('enforce', ['mx1.mx-unmatched.test']), mx: [[10, 'mx1.mx-unmatched.test'], [20, 'backup.mx-unmatched.test']], expect: ['CHK140'], verdict: 'broken-refused', severities: { CHK140: 'error' } }),
  scenario('mx-unmatched-testing', { policy: policyText('testing', ['mx1.mx-unmatched-testing.test']), mx: [[10, 'mx1.mx-unmatched-testing.test'], [20, 'backup.mx-unmatched-testing.test']], expect: ['CHK140'], verdict: 'testing', severities: { CHK140: 'warning' } }),
  scenario('stale-pattern', { policy: policyText('enforce', ['mx1.stale-pattern.test', 'old-mx.stale-pattern.test']), expect: ['CHK141'], verdict: 'enforced' }),
  scenario('mx-probe-limit', { options: { maxMxProbes: 2 }, mx: [[10, 'mx1.mx-probe-limit.test'], [20, 'mx2.mx-probe-limit.test'], [30, 'mx3.mx-probe-limit.test']], expect: ['CHK142'], verdict: 'enforced', severities: { CHK142: 'information' }, verify: (r) => {
    assert.deepEqual(r.mx.map((m) => m.smtp?.status), ['ok', 'ok', 'not-probed']);
    assert.ok(r.mx.every((m) => m.matchedBy?.length === 1 && m.addresses.length === 1));
    assert.equal(r.verdict.title, 'Enforced (1 MX host not probed)');
    assert.match(renderReportText(r), /mx3\.mx-probe-limit\.test .*\n {6}SMTP not probed \(limit\)\n/);
    assert.match(renderReportMarkdown(r), /`mx3\.mx-probe-limit\.test` \|[^\n]*\| not probed \(limit\) \|/);
  } }),
  // One host at a time, and the first never answers: the other two are not looked up (the phase
  // limit), which is neither a missing address (no CHK112) nor a failure of theirs.
  scenario('mx-lookup-limit', { options: { dnsConcurrency: 1 }, mx: [[10, 'mx1.mx-lookup-limit.test'], [20, 'mx2.mx-lookup-limit.test'], [30, 'mx3.mx-lookup-limit.test']], extraZone: { 'mx1.mx-lookup-limit.test': { silent: true } }, expect: ['CHK143', 'CHK108'], absent: ['CHK112'], severities: { CHK143: 'information' }, verdict: 'enforced', verify: (r) => {
    assert.deepEqual(r.mx.map((m) => [m.host, m.addressStatus, m.matchedBy?.length, m.smtp]), [['mx1.mx-lookup-limit.test', 'failed', 1, null], ['mx2.mx-lookup-limit.test', 'not-looked-up', 1, null], ['mx3.mx-lookup-limit.test', 'not-looked-up', 1, null]]);
    assert.deepEqual(r.dns.filter((l) => l.type === 'A' || l.type === 'AAAA').filter((l) => l.name.startsWith('mx')).map((l) => `${l.name} ${l.type} ${l.status}`), ['mx1.mx-lookup-limit.test A timeout', 'mx1.mx-lookup-limit.test AAAA timeout'], 'the skipped hosts were not queried');
    const f = r.findings.filter((x) => x.code === 'CHK143');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /has 3 MX hosts; the check looked up the addresses of the 1 most preferred \(1 at a time\) within its time limit of \d+ ms and skipped 2/);
    assert.equal(f[0]!.evidence, 'first not looked up: 20 mx2.mx-lookup-limit.test');
    assert.match(r.verdict.detail, /2 MX hosts were not looked up in DNS \(time limit\)/);
    const text = renderReportText(r);
    assert.match(text, /mx1\.mx-lookup-limit\.test {2}\(address lookup failed\)/);
    assert.match(text, /mx3\.mx-lookup-limit\.test {2}\(not looked up: time limit\)/);
    assert.match(renderReportMarkdown(r), /`mx2\.mx-lookup-limit\.test` \| \(not looked up: time limit\) \|/);
  } }),
  scenario('smtp-refused', { verify: (r) => { assert.equal(r.mx[0]?.smtp?.status, 'inconclusive'); }, smtp: 'refused', expect: ['CHK150'], verdict: 'enforced' }),
  scenario('smtp-no-banner', { smtp: 'no-banner', expect: ['CHK151'] }),
  scenario('smtp-junk', { verify: (r) => { assert.match(r.mx[0]?.smtp?.error ?? '', /more than/); }, smtp: 'junk', expect: ['CHK151'] }),
  scenario('smtp-long-line', { verify: (r) => { assert.match(r.mx[0]?.smtp?.error ?? '', /longer than/); }, smtp: 'long-line', expect: ['CHK151'] }),
  scenario('smtp-multiline-banner', { verify: (r) => { assert.equal(r.mx[0]?.smtp?.banner.length, 3); }, smtp: 'multiline', expect: [], clean: true, verdict: 'enforced' }),
  scenario('smtp-no-starttls', { smtp: 'no-starttls', expect: ['CHK152'], verdict: 'broken-refused' }),
  scenario('smtp-wrong-name', { smtp: 'wrong-name', expect: ['CHK153'], verdict: 'broken-refused' }),
  scenario('smtp-self-signed', { smtp: 'self-signed', expect: ['CHK154'], verdict: 'broken-refused' }),
  scenario('smtp-expired', { smtp: 'expired', expect: ['CHK155'], verdict: 'broken-refused' }),
  scenario('smtp-reset', { smtp: 'reset', expect: ['CHK156'], verdict: 'broken-refused' }),
  scenario('smtp-starttls-refused', { smtp: 'starttls-refused', expect: ['CHK156'], absent: ['CHK151'], verdict: 'broken-refused', verify: (r) => { assert.match(r.mx[0]?.smtp?.error ?? '', /454/); } }),
  scenario('smtp-tls10', { smtp: 'tls10', expect: ['CHK157'], verdict: 'broken-refused' }),
  scenario('smtp-expiring', { smtp: 'expiring', expect: ['CHK158'], verdict: 'enforced' }),
  scenario('smtp-off', { options: { smtp: false }, expect: ['CHK159'], verdict: 'enforced' }),
  scenario('no-tlsrpt', { tlsrpt: null, expect: ['CHK160'], verdict: 'enforced' }),
  scenario('tlsrpt-duplicated', { tlsrpt: [['v=TLSRPTv1; rua=mailto:a@tlsrpt-duplicated.test'], ['v=TLSRPTv1; rua=mailto:b@tlsrpt-duplicated.test']], expect: ['CHK161'] }),
  scenario('tlsrpt-legacy', { tlsrpt: null, extraZone: { '_smtp-tlsrpt.tlsrpt-legacy.test': { TXT: [['v=TLSRPTv1; rua=mailto:r@tlsrpt-legacy.test']] } }, expect: ['CHK162', 'CHK160'] }),
  scenario('tlsrpt-invalid', { tlsrpt: [['v=TLSRPTv1; rua=reports@tlsrpt-invalid.test']], expect: ['CHK163', 'RPT102'] }),
];

/** An IDN domain given as a policy URL with U-labels: checked as A-labels. */
export const IDN_SCENARIO: Scenario = (() => {
  const base = scenario('xn--bcher-kva', { expect: [], clean: true, verdict: 'enforced' });
  return { ...base, input: 'https://mta-sts.Bücher.test/.well-known/mta-sts.txt' };
})();
