// Cross-file checks of policy files against zone files (pure core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, domainFromPolicyPath, type CrossDiagnostic } from '../../server/src/core/index';

const ZONE = [
  '$ORIGIN example.com.',
  '@ IN MX 10 mx1.example.com.',
  '@ IN MX 20 mx2',
  '_mta-sts IN TXT "v=STSv1; id=20240101000000"',
  '',
].join('\n');
const POLICY = (mode: string, ...mx: string[]) => ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\n');
const codes = (ds: CrossDiagnostic[], uri: string) => ds.filter((d) => d.uri === uri).map((d) => `${d.diagnostic.code}:${d.diagnostic.severity}`).sort();

test('the policy domain comes from a folder named mta-sts.<domain>', () => {
  assert.equal(domainFromPolicyPath('/srv/mta-sts.Example.COM/.well-known/mta-sts.txt'), 'example.com');
  assert.equal(domainFromPolicyPath('/srv/site/mta-sts.txt'), null);
});

test('an MX missing from an enforce policy is an error on the zone; a stale pattern a warning on the policy', () => {
  const ds = crossCheck([{ uri: 'p', text: POLICY('enforce', 'mx1.example.com', 'old.example.com'), domain: 'example.com' }], [{ uri: 'z', text: ZONE }]);
  assert.deepEqual(codes(ds, 'z'), ['WSP100:error']);
  assert.match(ds.find((d) => d.uri === 'z')!.diagnostic.message, /`mx2\.example\.com`/);
  assert.deepEqual(codes(ds, 'p'), ['WSP101:information']);
});

test('under testing the unmatched MX is a warning, and a missing TLS-RPT record is reported', () => {
  const ds = crossCheck([{ uri: 'p', text: POLICY('testing', '*.example.com'), domain: 'example.com' }], [{ uri: 'z', text: ZONE }]);
  assert.deepEqual(codes(ds, 'z'), []);
  assert.deepEqual(codes(ds, 'p'), ['WSP104:warning']);
  const ds2 = crossCheck([{ uri: 'p', text: POLICY('testing', 'mx1.example.com'), domain: 'example.com' }], [{ uri: 'z', text: ZONE }]);
  assert.deepEqual(codes(ds2, 'z'), ['WSP100:warning']);
});

test('a policy without an _mta-sts record, and a record without a policy', () => {
  const zone = '$ORIGIN example.com.\n@ IN MX 10 mx1.example.com.\n';
  const ds = crossCheck([{ uri: 'p', text: POLICY('enforce', 'mx1.example.com'), domain: 'example.com' }], [{ uri: 'z', text: zone }]);
  assert.deepEqual(codes(ds, 'p'), ['WSP102:error']);
  const other = '$ORIGIN other.example.\n_mta-sts IN TXT "v=STSv1; id=1"\n';
  const ds2 = crossCheck([{ uri: 'p', text: POLICY('enforce', 'mx1.example.com'), domain: 'example.com' }], [{ uri: 'z', text: ZONE }, { uri: 'z2', text: other }]);
  assert.deepEqual(codes(ds2, 'z2'), ['WSP103:information']);
});

test('a policy changed since HEAD with the same id warns on both files; a new id clears it', () => {
  const head = POLICY('testing', 'mx1.example.com', 'mx2.example.com');
  const now = POLICY('enforce', 'mx1.example.com', 'mx2.example.com');
  const ds = crossCheck([{ uri: 'p', text: now, domain: 'example.com', headText: head }], [{ uri: 'z', text: ZONE, headText: ZONE }]);
  assert.deepEqual(codes(ds, 'p'), ['WSP105:warning']);
  assert.deepEqual(codes(ds, 'z'), ['WSP105:warning']);
  const newZone = ZONE.replace('20240101000000', '20240202000000');
  assert.deepEqual(crossCheck([{ uri: 'p', text: now, domain: 'example.com', headText: head }], [{ uri: 'z', text: newZone, headText: ZONE }]), []);
  assert.deepEqual(crossCheck([{ uri: 'p', text: now, domain: 'example.com', headText: now }], [{ uri: 'z', text: ZONE, headText: ZONE }]), []);
});
