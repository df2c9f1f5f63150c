// Cross-file checks through the real server: it indexes the workspace folder, reads HEAD
// through git, publishes diagnostics for files that are not open, and updates on edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt, LspClient } from '../support/lspClient';

let c: LspClient;
let dir: string;
let policyUri: string;
let zoneUri: string;
const ZONE = '$ORIGIN example.com.\n@ IN MX 10 mx1.example.com.\n@ IN MX 20 mx2.example.com.\n_mta-sts IN TXT "v=STSv1; id=20240101000000"\n';

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

before(async () => {
  ensureServerBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mta-sts-ws-'));
  mkdirSync(join(dir, 'mta-sts.example.com', '.well-known'), { recursive: true });
  const policy = join(dir, 'mta-sts.example.com', '.well-known', 'mta-sts.txt');
  writeFileSync(policy, 'version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 86400\n');
  writeFileSync(join(dir, 'example.com.zone'), ZONE);
  const g = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { cwd: dir, stdio: 'ignore' });
  g('init', '-q');
  g('add', '.');
  g('commit', '-q', '-m', 'first');
  // The policy moves to enforce in the working tree, but the id stays.
  writeFileSync(policy, 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n');
  policyUri = pathToFileURL(policy).toString();
  zoneUri = pathToFileURL(join(dir, 'example.com.zone')).toString();
  c = new LspClient();
  await c.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'w' }], capabilities: { workspace: { configuration: true } } });
  await c.conn.sendNotification('initialized', {});
});
after(async () => {
  await c.stop();
});

const codes = (d: { diagnostics: { code: string }[] }) => d.diagnostics.map((x) => x.code).sort();

test('files that are not open get cross-file diagnostics: unmatched MX, changed policy with the old id', { skip: !hasGit() && 'git is not installed' }, async () => {
  const zone = await c.diagnostics(zoneUri, (d) => d.diagnostics.length >= 2, 10000);
  assert.deepEqual(codes(zone), ['WSP100', 'WSP105']);
  const mx = zone.diagnostics.find((d) => d.code === 'WSP100')!;
  assert.equal(mx.severity, 1);
  assert.deepEqual(mx.range.start, { line: 2, character: 11 });
  const pol = await c.diagnostics(policyUri, (d) => d.diagnostics.length >= 1, 10000);
  assert.deepEqual(codes(pol), ['WSP105']);
});

test('editing the zone in the editor updates the cross-file diagnostics of both files', { skip: !hasGit() && 'git is not installed' }, async () => {
  const fixed = ZONE.replace('20240101000000', '20240601000000').replace('@ IN MX 20 mx2.example.com.\n', '');
  await c.open(zoneUri, 'dns-zone', fixed);
  const zone = await c.diagnostics(zoneUri, (d) => d.diagnostics.length === 0, 10000);
  assert.deepEqual(codes(zone), []);
  const pol = await c.diagnostics(policyUri, (d) => d.diagnostics.length === 0, 10000);
  assert.deepEqual(codes(pol), []);
});
