// End to end through the bundled CLI: `node bin/mta-sts.js check … --json` against the loopback
// world, for a healthy and a broken domain (exit 0 and 1), several domains with a summary, and
// usage errors (exit 2, one line).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport } from '../../server/src/check/index';
import { SCENARIOS } from './support/scenarios';
import { startWorld, type World } from './support/world';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'mta-sts.js');
const USED = SCENARIOS.filter((s) => s.name === 'healthy' || s.name === 'broken');
let world: World;
let dir: string;
let caFile: string;

function newestSource(d: string): number {
  let t = 0;
  for (const n of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, n.name);
    t = Math.max(t, n.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

before(async () => {
  const bundle = join(ROOT, 'dist', 'cli.js');
  let stale = true;
  try {
    stale = statSync(bundle).mtimeMs < newestSource(join(ROOT, 'server', 'src'));
  } catch {
    stale = true;
  }
  if (stale) assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' }).status, 0, 'build failed');
  world = await startWorld(USED);
  dir = mkdtempSync(join(tmpdir(), 'mta-sts-check-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, world.ca.cert);
});
after(async () => {
  await world?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function worldArgs(name: string): string[] {
  const o = world.optionsFor(USED.find((s) => s.name === name)!, 2000);
  return ['--timeout', '2000', '--dns-server', o.dnsServers![0]!, '--ca', caFile, '--https-port', String(o.httpsPort), '--smtp-port', String(o.smtpPort), '--ehlo', 'checker.test'];
}

test('a healthy domain: exit 0, enforced, no errors or warnings', async () => {
  const r = await cli(['check', 'healthy.test', '--json', ...worldArgs('healthy')]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const reports = JSON.parse(r.stdout) as CheckReport[];
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.verdict.kind, 'enforced');
  assert.equal(reports[0]!.verdict.title, 'Enforced and healthy');
  assert.deepEqual(reports[0]!.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
  assert.ok(reports[0]!.mx.length === 2 && reports[0]!.mx.every((m) => m.smtp?.status === 'ok' && m.matchedBy?.length === 1));
});

test('a broken domain: exit 1 with the refusal findings', async () => {
  const r = await cli(['check', 'user@broken.test', '--json', ...worldArgs('broken')]);
  assert.equal(r.code, 1, r.stderr);
  const [report] = JSON.parse(r.stdout) as CheckReport[];
  assert.equal(report!.domain, 'broken.test');
  assert.equal(report!.verdict.kind, 'broken-refused');
  const codes = report!.findings.map((f) => f.code);
  assert.ok(codes.includes('CHK140') && codes.includes('CHK152'), codes.join(' '));
});

test('several domains from arguments and --file: text reports and a summary table', async () => {
  const list = join(dir, 'domains.txt');
  writeFileSync(list, '# domains\nbroken.test\n\n');
  const r = await cli(['check', 'healthy.test', '--file', list, '--concurrency', '2', ...worldArgs('healthy')]);
  assert.equal(r.code, 1, r.stderr);
  const table = r.stdout.slice(r.stdout.lastIndexOf('Domain')).trimEnd();
  assert.match(table, /^Domain\s+Verdict\s+Errors\s+Warnings\s+Time\n[- ]+\nhealthy\.test\s+Enforced and healthy\s+0\s+0\s+[\d.]+ s\nbroken\.test\s+Broken: mail will be refused\s+2\s+0\s+[\d.]+ s$/);
});

test('--max-mx-probes 1: the most preferred MX is probed, the other is reported not probed (limit)', async () => {
  const r = await cli(['check', 'healthy.test', '--json', '--max-mx-probes', '1', ...worldArgs('healthy')]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const [report] = JSON.parse(r.stdout) as CheckReport[];
  assert.equal(report!.options.maxMxProbes, 1);
  assert.deepEqual(report!.mx.map((m) => [m.host, m.smtp?.status]), [['mx1.healthy.test', 'ok'], ['mx2.healthy.test', 'not-probed']]);
  assert.deepEqual(report!.findings.filter((f) => f.code === 'CHK142').map((f) => f.severity), ['information']);
  const text = await cli(['check', 'healthy.test', '--max-mx-probes', '1', ...worldArgs('healthy')]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /mx2\.healthy\.test .*\n {6}SMTP not probed \(limit\)\n/);
  assert.match(text.stdout, /CHK142 mx-probe-limit/);
});

test('--max-mx-probes 2 covers both MX hosts: no CHK142', async () => {
  const r = await cli(['check', 'healthy.test', '--json', '--max-mx-probes', '2', ...worldArgs('healthy')]);
  assert.equal(r.code, 0, r.stderr);
  const [report] = JSON.parse(r.stdout) as CheckReport[];
  assert.ok(report!.mx.every((m) => m.smtp?.status === 'ok'));
  assert.ok(!report!.findings.some((f) => f.code === 'CHK142'));
});

for (const bad of ['0', '-1', '1.5', 'many', '1001', '']) {
  test(`usage error (--max-mx-probes "${bad}"): exit 2, the flag named`, async () => {
    const r = await cli(['check', 'example.com', `--max-mx-probes=${bad}`]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`--max-mx-probes must be a whole number from 1 to 1000; got "${bad.replace('.', '\\.')}"`));
  });
}

for (const [flag, max] of [['smtp-concurrency', 64], ['dns-concurrency', 256]] as const) {
  test(`usage error (--${flag} 0 and ${max + 1}): exit 2, the flag and its range named`, async () => {
    for (const bad of ['0', String(max + 1)]) {
      const r = await cli(['check', 'example.com', `--${flag}`, bad]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, new RegExp(`--${flag} must be a whole number from 1 to ${max}; got "${bad}"`));
    }
  });
}

test('--smtp-concurrency 1 and --dns-concurrency 1: one host at a time, the same healthy report', async () => {
  const r = await cli(['check', 'healthy.test', '--json', '--smtp-concurrency', '1', '--dns-concurrency', '1', ...worldArgs('healthy')]);
  assert.equal(r.code, 0, r.stderr);
  const [report] = JSON.parse(r.stdout) as CheckReport[];
  assert.deepEqual(report!.mx.map((m) => [m.addressStatus, m.smtp?.status]), report!.mx.map(() => ['found', 'ok']));
  const smtp = report!.timings.filter((t) => t.step.startsWith('smtp ')).sort((a, b) => a.startMs - b.startMs);
  assert.equal(smtp.length, report!.mx.length);
  for (let i = 1; i < smtp.length; i++) assert.ok(smtp[i]!.startMs >= smtp[i - 1]!.startMs + smtp[i - 1]!.ms, 'each probe starts after the one before ended');
});

test('a value that starts with "-" after a flag is named plainly (not "ambiguous")', async () => {
  const negative = await cli(['check', 'example.com', '--max-mx-probes', '-1']);
  assert.equal(negative.code, 2);
  assert.match(negative.stderr, /--max-mx-probes takes a whole number from 1 up; got "-1"/);
  const dash = await cli(['check', 'example.com', '--ehlo', '-x']);
  assert.equal(dash.code, 2);
  assert.match(dash.stderr, /--ehlo needs a value, and "-x" starts with "-"; to give a value that starts with "-", write --ehlo=-x/);
  for (const r of [negative, dash]) assert.doesNotMatch(r.stderr, /ambiguous/);
});

for (const [args, what] of [
  [['check'], 'no domain'],
  [['check', 'not a domain'], 'spaces'],
  [['check', '10.0.0.1'], 'IP address'],
  [['check', 'example.com', '--timeout', 'soon'], 'bad number'],
  [['check', 'example.com', '--bogus'], 'unknown option'],
  [['check', 'example.com', '--ca', '/nonexistent/ca.pem'], 'missing CA file'],
  [['check', 'example.com', '--dns-server', 'a b'], 'bad DNS server'],
] as const) {
  test(`usage error (${what}): exit 2, one line, no stack trace`, async () => {
    const r = await cli([...args]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
}
