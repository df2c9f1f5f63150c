// "Check domain" through the language server: the server command runs the live checker
// against loopback DNS/HTTPS/SMTP servers, reports work-done progress and returns the report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckReport } from '../../server/src/check/types';
import { readSettings } from '../../server/src/lsp/settings';
import { ensureServerBuilt, LspClient } from '../support/lspClient';
import { SCENARIOS } from '../check/support/scenarios';
import { startWorld, type World } from '../check/support/world';

const picked = SCENARIOS.filter((s) => s.name === 'healthy' || s.name === 'mx-unmatched');
let c: LspClient;
let world: World;
const progress: { token: string; value: { kind: string; message?: string } }[] = [];

before(async () => {
  ensureServerBuilt();
  assert.equal(picked.length, 2, 'the healthy and mx-unmatched scenarios exist');
  world = await startWorld(picked);
  c = new LspClient();
  c.conn.onNotification('$/progress', (p: { token: string; value: { kind: string; message?: string } }) => {
    progress.push(p);
  });
  const init = await c.initialize({ workspace: { configuration: true }, window: { workDoneProgress: true } });
  const cmds = (init.capabilities.executeCommandProvider as { commands: string[] }).commands;
  assert.ok(cmds.includes('mtaSts.server.checkDomain'));
});
after(async () => {
  await c.stop();
  await world.close();
});

async function check(name: string, token: string): Promise<CheckReport> {
  const s = picked.find((x) => x.name === name)!;
  return c.request<CheckReport>('workspace/executeCommand', { command: 'mtaSts.server.checkDomain', arguments: [s.input, world.optionsFor(s, 3000)], workDoneToken: token });
}

test('a healthy domain: verdict enforced, no errors or warnings, progress reported', async () => {
  const r = await check('healthy', 'tok-healthy');
  assert.equal(r.verdict.kind, 'enforced');
  assert.deepEqual(r.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code), []);
  assert.equal(r.mx.length, 2);
  assert.ok(r.mx.every((m) => m.smtp?.status === 'ok'), JSON.stringify(r.mx.map((m) => m.smtp?.error)));
  const mine = progress.filter((p) => p.token === 'tok-healthy').map((p) => p.value.kind);
  assert.equal(mine[0], 'begin');
  assert.equal(mine[mine.length - 1], 'end');
  assert.ok(mine.includes('report'));
});

test('a broken domain: the unmatched MX is an error finding and the verdict says mail will be refused', async () => {
  const r = await check('mx-unmatched', 'tok-broken');
  assert.ok(r.findings.some((f) => f.code === 'CHK140' && f.severity === 'error'), JSON.stringify(r.findings.map((f) => f.code)));
  assert.equal(r.verdict.kind, 'broken-refused');
});

test('bad arguments get an error answer, and the server keeps running', async () => {
  await assert.rejects(c.request('workspace/executeCommand', { command: 'mtaSts.server.checkDomain', arguments: [] }), /needs a domain/);
  const r = await c.request<CheckReport>('workspace/executeCommand', { command: 'mtaSts.server.checkDomain', arguments: ['not a domain!', { timeoutMs: 500 }] });
  assert.equal(r.verdict.kind, 'invalid-input');
});

test('the mtaSts.check.maxMxProbes setting reaches the checker: the MX beyond it is not probed', async () => {
  // A client that pushes its settings (no workspace/configuration): the server takes them as the
  // notification arrives, before it reads the next request, so no waiting is needed.
  const push = new LspClient();
  try {
    await push.initialize({});
    await push.conn.sendNotification('workspace/didChangeConfiguration', { settings: { mtaSts: { check: { maxMxProbes: 1, smtpConcurrency: 2, dnsConcurrency: 3 } } } });
    const s = picked.find((x) => x.name === 'healthy')!;
    const r = await push.request<CheckReport>('workspace/executeCommand', { command: 'mtaSts.server.checkDomain', arguments: [s.input, world.optionsFor(s, 3000)] });
    assert.equal(r.options.maxMxProbes, 1);
    assert.equal(r.options.smtpConcurrency, 2, 'mtaSts.check.smtpConcurrency reaches the checker');
    assert.equal(r.options.dnsConcurrency, 3, 'mtaSts.check.dnsConcurrency reaches the checker');
    assert.deepEqual(r.mx.map((m) => m.smtp?.status), ['ok', 'not-probed']);
    assert.equal(r.findings.filter((f) => f.code === 'CHK142').length, 1);
  } finally {
    await push.stop();
  }
});

test("the concurrency settings are whole numbers within the CLI's bounds (SMTP 1–64, default 4; DNS 1–256, default 16)", () => {
  const smtp = (v: unknown) => readSettings({ check: { smtpConcurrency: v } }).check.smtpConcurrency;
  const dns = (v: unknown) => readSettings({ check: { dnsConcurrency: v } }).check.dnsConcurrency;
  assert.deepEqual([smtp(undefined), smtp('8'), smtp(Number.POSITIVE_INFINITY), smtp(0), smtp(2.6), smtp(10), smtp(500)], [4, 4, 4, 1, 3, 10, 64]);
  assert.deepEqual([dns(undefined), dns(null), dns(-1), dns(32), dns(1000)], [16, 16, 1, 32, 256]);
});

test('maxMxProbes settings are whole numbers from 1 to 1000 (default 16)', () => {
  const max = (v: unknown) => readSettings({ check: { maxMxProbes: v } }).check.maxMxProbes;
  assert.deepEqual([max(undefined), max('8'), max(Number.NaN), max(0), max(-3), max(2.4), max(40), max(5000)], [16, 16, 16, 1, 1, 2, 40, 1000]);
});
