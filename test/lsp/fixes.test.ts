// Quick fixes, fix-all, formatting and fresh policy ids over real LSP: each edit is applied
// and the resulting document asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ensureServerBuilt, LspClient } from '../support/lspClient';
import { applyEdits, type LspEdit } from '../support/applyEdits';

let c: LspClient;
let n = 0;
const applied: { label?: string; edit: { changes: Record<string, LspEdit[]> } }[] = [];

before(async () => {
  ensureServerBuilt();
  c = new LspClient();
  c.conn.onRequest('workspace/applyEdit', (p: (typeof applied)[number]) => {
    applied.push(p);
    return { applied: true };
  });
  await c.initialize();
});
after(async () => {
  await c.stop();
});

type Action = { title: string; kind: string; edit?: { changes: Record<string, LspEdit[]> } };

/** Opens `text`, takes the quick fix titled `title` for diagnostic `code`, and returns the fixed text. */
async function fix(text: string, code: string, title: RegExp, lang = 'mta-sts', file = 'mta-sts.txt'): Promise<string> {
  const uri = `file:///fix/${++n}/${file}`;
  await c.open(uri, lang, text);
  const d = await c.diagnostics(uri);
  const diag = d.diagnostics.find((x) => x.code === code);
  assert.ok(diag, `no ${code} in ${JSON.stringify(d.diagnostics.map((x) => x.code))}`);
  const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], only: ['quickfix'] } });
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among ${actions.map((a) => a.title).join(' | ')}`);
  return applyEdits(text, action.edit!.changes[uri]!);
}

const P = (...l: string[]) => l.join('\n') + '\n';

test('wrong case of keys and values', async () => {
  assert.equal(await fix(P('version: STSv1', 'Mode: enforce', 'mx: a.example.com', 'max_age: 604800'), 'STS109', /Rename the key to `mode`/), P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800'));
  assert.equal(await fix(P('version: STSv1', 'mode: Enforce', 'mx: a.example.com', 'max_age: 604800'), 'STS106', /Write `enforce`/), P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800'));
});

test('misspelt key and mode value', async () => {
  assert.equal(await fix(P('version: STSv1', 'mode: enforced', 'mx: a.example.com', 'max_age: 604800'), 'STS106', /`enforce`/), P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800'));
  assert.equal(await fix(P('version: STSv1', 'mode: enforce', 'nmx: a.example.com', 'max_age: 604800'), 'STS110', /`mx`/), P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800'));
});

test('BOM, blank lines, leading whitespace, whitespace before the colon', async () => {
  const good = P('version: STSv1', 'mode: none', 'max_age: 86400');
  assert.equal(await fix('\ufeff' + good, 'STS127', /byte order mark/), good);
  assert.equal(await fix(P('version: STSv1', '', 'mode: none', 'max_age: 86400'), 'STS123', /Delete the blank line/), good);
  assert.equal(await fix(good + '\n\n', 'STS123', /trailing blank lines/), good);
  assert.equal(await fix(P('version: STSv1', '  mode: none', 'max_age: 86400'), 'STS124', /indentation/), good);
  assert.equal(await fix(P('version: STSv1', 'mode : none', 'max_age: 86400'), 'STS125', /space before the colon/), good);
});

test('mx: trailing dot, and a list split into one line each', async () => {
  assert.equal(await fix(P('version: STSv1', 'mode: enforce', 'mx: a.example.com.', 'max_age: 604800'), 'STS113', /Write `a\.example\.com`/), P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800'));
  assert.equal(await fix(P('version: STSv1', 'mode: enforce', 'mx: a.example.com, b.example.com', 'max_age: 604800'), 'STS115', /Split/), P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'mx: b.example.com', 'max_age: 604800'));
});

test('missing version, mode and max_age lines are added', async () => {
  assert.equal(await fix(P('mode: none', 'max_age: 86400'), 'STS101', /version/), P('version: STSv1', 'mode: none', 'max_age: 86400'));
  assert.equal(await fix(P('version: STSv1', 'mx: a.example.com', 'max_age: 86400'), 'STS102', /mode: testing/), P('version: STSv1', 'mx: a.example.com', 'max_age: 86400', 'mode: testing'));
  assert.equal(await fix('version: STSv1\r\nmode: none', 'STS104', /max_age/), 'version: STSv1\r\nmode: none\nmax_age: 604800');
});

test('an ignored duplicate is removed', async () => {
  assert.equal(await fix(P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800', 'mode: testing'), 'STS112', /Delete/), P('version: STSv1', 'mode: enforce', 'mx: a.example.com', 'max_age: 604800'));
});

test('an invalid id becomes a fresh UTC timestamp id; `!` is percent-encoded', async () => {
  const out = await fix('_mta-sts.example.com. IN TXT "v=STSv1; id=2024-05-01T12:00"\n', 'STS202', /fresh id/, 'dns-zone', 'example.zone');
  assert.match(out, /^_mta-sts\.example\.com\. IN TXT "v=STSv1; id=\d{14}"\n$/);
  assert.equal(await fix('v=TLSRPTv1; rua=mailto:a!b@example.com\n', 'RPT104', /%21/, 'dns-zone', 'records.zone'), 'v=TLSRPTv1; rua=mailto:a%21b@example.com\n');
});

test('fix-all applies every non-overlapping fix', async () => {
  const uri = 'file:///fix/all/mta-sts.txt';
  const text = '\ufeffVersion: STSv1\n  mode: Enforce\nmx : a.example.com.\nmax_age: 604800\n\n';
  await c.open(uri, 'mta-sts', text);
  await c.diagnostics(uri);
  const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
  assert.equal(actions.length, 1);
  const fixed = applyEdits(text, actions[0]!.edit!.changes[uri]!);
  assert.equal(fixed, 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 604800\n');
});

test('formatting normalises a policy document', async () => {
  const uri = 'file:///fix/format/mta-sts.txt';
  const text = 'max_age:604800\nmx:  a.example.com  \nversion: STSv1\nmode: enforce';
  await c.open(uri, 'mta-sts', text);
  const edits = await c.request<LspEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.equal(applyEdits(text, edits), 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 604800\n');
});

test('"New policy id" code lens runs a command that writes a fresh id', async () => {
  const uri = 'file:///fix/lens/example.zone';
  const text = '$ORIGIN example.com.\n_mta-sts IN TXT "v=STSv1; id=20200101000000"\n';
  await c.open(uri, 'dns-zone', text);
  const lenses = await c.request<{ range: unknown; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0]!.command.title, 'New policy id');
  const r = await c.request<{ applied: boolean }>('workspace/executeCommand', { command: lenses[0]!.command.command, arguments: lenses[0]!.command.arguments });
  assert.equal(r.applied, true);
  const last = applied[applied.length - 1]!;
  const out = applyEdits(text, last.edit.changes[uri]!);
  assert.match(out, /id=\d{14}"/);
  assert.notEqual(out, text);
});

test('rollout: a clean testing policy gives its enforce version and a new TXT record, without applying anything', async () => {
  const uri = 'file:///fix/rollout/mta-sts.txt';
  const text = 'version: STSv1\nmode: testing\nmx: a.example.com\nmax_age: 86400\n';
  await c.open(uri, 'mta-sts', text);
  const before = applied.length;
  const r = await c.request<{ ok: boolean; rollout: { policy: string; record: string; notes: string[] } }>('workspace/executeCommand', { command: 'mtaSts.server.enforceRollout', arguments: [uri] });
  assert.equal(r.ok, true);
  assert.equal(r.rollout.policy, 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 604800\n');
  assert.match(r.rollout.record, /^v=STSv1; id=\d{14}$/);
  assert.equal(applied.length, before, 'nothing is applied without confirmation');
  const bad = 'file:///fix/rollout2/mta-sts.txt';
  await c.open(bad, 'mta-sts', 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 604800\n');
  const r2 = await c.request<{ ok: boolean; reason: string }>('workspace/executeCommand', { command: 'mtaSts.server.enforceRollout', arguments: [bad] });
  assert.equal(r2.ok, false);
  assert.match(r2.reason, /mode `enforce`/);
});
