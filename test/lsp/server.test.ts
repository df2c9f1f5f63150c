// Protocol tests: the bundled language server in a child process, spoken to over real LSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ensureServerBuilt, LspClient, type PublishedDiagnostics } from '../support/lspClient';

let c: LspClient;

before(async () => {
  ensureServerBuilt();
  c = new LspClient();
  const init = await c.initialize();
  assert.deepEqual((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
  assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.documentSymbolProvider);
});

after(async () => {
  await c.stop();
});

const codes = (d: PublishedDiagnostics) => d.diagnostics.map((x) => x.code).sort();
const POLICY = 'version: STSv1\nmode: Enforce\nmx: mail.example.com.\nmx: b.example.com\nmax_age: 604800\n';

test('policy diagnostics carry codes, ranges, source, rule links and related information', async () => {
  await c.open('file:///w/a/mta-sts.txt', 'mta-sts', POLICY);
  const d = await c.diagnostics('file:///w/a/mta-sts.txt');
  assert.deepEqual(codes(d), ['STS106', 'STS113']);
  const mode = d.diagnostics.find((x) => x.code === 'STS106')!;
  assert.deepEqual(mode.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 13 } });
  assert.equal(mode.source, 'mta-sts');
  assert.equal(mode.severity, 1);
  assert.match(mode.codeDescription!.href, /docs\/rules\.md#sts106-invalid-mode$/);
  await c.open('file:///w/b/mta-sts.txt', 'mta-sts', 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 604800\nmode: testing\n');
  const dup = await c.diagnostics('file:///w/b/mta-sts.txt');
  const x = dup.diagnostics.find((y) => y.code === 'STS112')!;
  assert.equal(x.severity, 2);
  assert.deepEqual((x.relatedInformation![0] as { location: { range: unknown } }).location.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } });
});

test('zone files under our language id and popular zone ids get diagnostics; unrelated ids do not', async () => {
  const zone = '$ORIGIN example.com.\n@ IN TXT "v=STSv1; id=2024-01-01"\n';
  for (const [i, lang] of ['dns-zone', 'zone', 'bind'].entries()) {
    const uri = `file:///w/z${i}.txt`;
    await c.open(uri, lang, zone);
    assert.deepEqual(codes(await c.diagnostics(uri)), ['STS202', 'ZON105'], lang);
  }
  await c.open('file:///w/paste', 'dns-zone', 'v=TLSRPTv1; rua=http://r.example/\n');
  assert.deepEqual(codes(await c.diagnostics('file:///w/paste')), ['RPT103']);
  await c.open('file:///w/notes.md', 'markdown', 'mode: Enforce');
  await c.open('file:///w/trigger.zone', 'dns-zone', '; nothing\n');
  await c.diagnostics('file:///w/trigger.zone');
  assert.equal(c.published('file:///w/notes.md'), undefined, 'a markdown file gets no diagnostics');
});

test('changes re-validate with the new version; closing clears diagnostics', async () => {
  const uri = 'file:///w/c/mta-sts.txt';
  await c.open(uri, 'mta-sts', POLICY);
  await c.diagnostics(uri, (d) => d.diagnostics.length === 2);
  await c.change(uri, 2, [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, text: 'e' }]);
  const d2 = await c.diagnostics(uri, (d) => d.version === 2);
  assert.deepEqual(codes(d2), ['STS113']);
  await c.close(uri);
  const d3 = await c.diagnostics(uri, (d) => d.version === undefined);
  assert.equal(d3.diagnostics.length, 0);
});

test('completion: missing keys, modes with meaning, max_age presets', async () => {
  const uri = 'file:///w/d/mta-sts.txt';
  await c.open(uri, 'mta-sts', 'version: STSv1\nmode: \n\n');
  const modes = await c.request<{ label: string; documentation: { value: string } }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 6 } });
  assert.deepEqual(modes.map((m) => m.label), ['testing', 'enforce', 'none']);
  assert.match(modes[1]!.documentation.value, /must not deliver/);
  const keys = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 0 } });
  assert.deepEqual(keys.map((k) => k.label), ['mode', 'mx', 'max_age'], 'version is present, so it is not offered');
  await c.change(uri, 2, [{ text: 'max_age: ' }]);
  const ages = await c.request<{ label: string; detail: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 9 } });
  assert.deepEqual(ages.map((a) => a.label), ['86400', '604800', '1209600', '31557600']);
  assert.match(ages[1]!.detail, /1 week/);
});

test('completion in zone files offers whole records with a fresh timestamp id', async () => {
  const uri = 'file:///w/e.zone';
  await c.open(uri, 'dns-zone', '$ORIGIN example.com.\n\n');
  const items = await c.request<{ label: string; textEdit: { newText: string } }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
  const sts = items.find((i) => i.label === '_mta-sts TXT record')!;
  assert.match(sts.textEdit.newText, /"v=STSv1; id=\d{14}"/);
  assert.ok(items.some((i) => i.label === '_smtp._tls TXT record'));
  assert.ok(items.some((i) => /^v=STSv1; id=\d{14}$/.test(i.label)));
});

test('hover: max_age as a duration, mx reach, rua URIs, owner names', async () => {
  const uri = 'file:///w/f/mta-sts.txt';
  await c.open(uri, 'mta-sts', 'version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n');
  type H = { contents: { value: string }; range: unknown } | null;
  const age = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 11 } });
  assert.match(age!.contents.value, /604800 seconds = 7 days/);
  const mx = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 6 } });
  assert.match(mx!.contents.value, /`mx1\.example\.com`; not `example\.com` or `a\.b\.example\.com`/);
  const key = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.match(key!.contents.value, /rfc8461#section-5/);
  const zuri = 'file:///w/g.zone';
  await c.open(zuri, 'dns-zone', '_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:tls@example.com,https://r.example/x"\n');
  const rua = await c.request<H>('textDocument/hover', { textDocument: { uri: zuri }, position: { line: 0, character: 79 } });
  assert.match(rua!.contents.value, /POSTed to `https:\/\/r\.example\/x`/);
  assert.deepEqual(rua!.range, { start: { line: 0, character: 71 }, end: { line: 0, character: 90 } });
  const owner = await c.request<H>('textDocument/hover', { textDocument: { uri: zuri }, position: { line: 0, character: 2 } });
  assert.match(owner!.contents.value, /TLS-RPT TXT record/);
});

test('document symbols outline policy fields and zone records', async () => {
  const syms = await c.request<{ name: string; detail: string }[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///w/f/mta-sts.txt' } });
  assert.deepEqual(syms.map((s) => `${s.name}=${s.detail}`), ['version=STSv1', 'mode=enforce', 'mx=*.example.com', 'max_age=604800']);
  const zs = await c.request<{ name: string; detail: string }[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///w/g.zone' } });
  assert.equal(zs[0]!.name, '_smtp._tls.example.com');
  assert.match(zs[0]!.detail, /^TXT v=TLSRPTv1/);
});

test('quick fix: the code action edit corrects the value', async () => {
  const uri = 'file:///w/a/mta-sts.txt';
  const d = await c.diagnostics(uri);
  const diag = d.diagnostics.find((x) => x.code === 'STS106')!;
  const all = await c.request<{ title: string; kind: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
  assert.deepEqual(all.map((a) => a.kind).sort(), ['quickfix', 'source.fixAll']);
  const actions = all.filter((a) => a.kind === 'quickfix');
  assert.equal(actions[0]!.title, 'Write `enforce`');
  assert.deepEqual(actions[0]!.edit.changes[uri], [{ range: diag.range, newText: 'enforce' }]);
});
