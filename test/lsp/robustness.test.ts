// Settings changes, typing bursts and hostile input against the real server process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, startClient, type PublishedDiagnostics } from '../support/lspClient';

let c: LspClient;

before(async () => {
  c = await startClient();
});
after(async () => {
  await c.stop();
});

const summary = (d: PublishedDiagnostics) => d.diagnostics.map((x) => `${x.code}:${x.severity}:${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`).sort();

test('a configuration change applies severity overrides by code and name, including off', async () => {
  const uri = 'file:///r/a/mta-sts.txt';
  await c.open(uri, 'mta-sts', 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 86400\nnote: x\n');
  const before = await c.diagnostics(uri);
  assert.deepEqual(before.diagnostics.map((d) => `${d.code}:${d.severity}`).sort(), ['STS111:3', 'STS121:2']);
  c.configuration = { severity: { STS121: 'error', 'unknown-field': 'off' } };
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const after = await c.diagnostics(uri, (d) => d.diagnostics.length === 1);
  assert.deepEqual(after.diagnostics.map((d) => `${d.code}:${d.severity}`), ['STS121:1']);
  c.configuration = {};
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await c.diagnostics(uri, (d) => d.diagnostics.length === 2);
});

test('a burst of 200 incremental edits ends in the same diagnostics as a fresh open of the final text', async () => {
  const uri = 'file:///r/b/mta-sts.txt';
  let text = 'version: STSv1\nmode: testing\nmax_age: 604800\n';
  await c.open(uri, 'mta-sts', text);
  await c.diagnostics(uri);
  const typed = 'mx: mail.example.com\nMode: Enforce\nmx: *.*.bad.example.\n';
  let version = 1;
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 200; i++) {
    version++;
    const lines = text.split('\n');
    if (i < typed.length) {
      // Type at the end of the document, one character at a time.
      const line = lines.length - 1;
      const ch = lines[line]!.length;
      await c.change(uri, version, [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: typed[i] }]);
      text += typed[i];
    } else {
      // Random small replacements anywhere.
      const line = Math.floor(rnd() * lines.length);
      const len = lines[line]!.length;
      const a = Math.floor(rnd() * (len + 1));
      const b = Math.min(len, a + Math.floor(rnd() * 3));
      const ins = ['', 'x', ':', ' ', '\n', 'mx: a.b'][Math.floor(rnd() * 6)]!;
      await c.change(uri, version, [{ range: { start: { line, character: a }, end: { line, character: b } }, text: ins }]);
      lines[line] = lines[line]!.slice(0, a) + ins + lines[line]!.slice(b);
      text = lines.join('\n');
    }
  }
  const last = await c.diagnostics(uri, (d) => d.version === version, 10000);
  const fresh = 'file:///r/b2/mta-sts.txt';
  await c.open(fresh, 'mta-sts', text);
  const ref = await c.diagnostics(fresh);
  assert.deepEqual(summary(last), summary(ref));
});

test('any bytes in any document, odd requests: the server answers and keeps running', async () => {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 30; i++) {
    let s = '';
    const n = Math.floor(rnd() * 400);
    for (let j = 0; j < n; j++) s += String.fromCharCode(Math.floor(rnd() * (rnd() < 0.8 ? 128 : 0xffff)));
    for (const lang of ['mta-sts', 'dns-zone']) {
      const uri = `file:///r/fuzz/${i}/${lang}/mta-sts.txt`;
      await c.open(uri, lang, s);
      await c.request('textDocument/hover', { textDocument: { uri }, position: { line: Math.floor(rnd() * 5), character: Math.floor(rnd() * 50) } });
      await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 99, character: 99 } });
      await c.request('textDocument/documentSymbol', { textDocument: { uri } });
      await c.diagnostics(uri);
      await c.close(uri);
    }
  }
  const unknown = await c.request('textDocument/hover', { textDocument: { uri: 'file:///never/opened' }, position: { line: 0, character: 0 } });
  assert.equal(unknown, null);
  await assert.rejects(c.request('textDocument/hover', { textDocument: null, position: null }));
  const uri = 'file:///r/alive/mta-sts.txt';
  await c.open(uri, 'mta-sts', 'mode: Enforce');
  const d = await c.diagnostics(uri);
  assert.ok(d.diagnostics.some((x) => x.code === 'STS106'), 'still validating after hostile input');
  assert.equal(c.exited, false);
});
