// LSP fuzzing against the real server process: a random sequence of open, change (random
// incremental edits, sometimes a whole-document change, sometimes a quick fix or the formatting
// applied as an editor would), close, completion, hover, documentSymbol, codeAction and
// formatting on several documents of every kind. The server must never die or log a failed
// handler, and each document's final diagnostics must equal those of a fresh open of its text.
// LSP_FUZZ_OPS (default 300) and LSP_FUZZ_SEED (default random; printed on failure) tune it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLineIndex } from '../../server/src/core/index';
import { applyEdits, type LspEdit } from '../support/applyEdits';
import { corpusFiles } from '../support/corpus';
import { LspClient, startClient, type PublishedDiagnostics } from '../support/lspClient';

const OPS = Number(process.env.LSP_FUZZ_OPS ?? 300);
const SEED = Number(process.env.LSP_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
let c: LspClient;

before(async () => {
  c = await startClient();
});
after(async () => {
  await c?.stop();
});

/** A small seeded generator (mulberry32), so that a failing sequence can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

interface Doc {
  readonly uri: string;
  readonly languageId: string;
  readonly fresh: string;
  text: string;
  version: number;
  open: boolean;
}

const PIECES = [
  'version: STSv1\n', 'mode: enforce\n', 'mode: Testing', 'mx: mail.example.com\n', 'mx: *.example.net.', 'max_age: 86400\n', 'max-age: 1d',
  'v=STSv1; id=20240101T000000\n', 'v=TLSRPTv1; rua=mailto:r@example.com', '_mta-sts IN TXT "v=STSv1; id=1"\n', '$ORIGIN example.com.\n',
  '{"organization-name":"x","policies":[]}', '"', ';', ':', '\\', '(', ')', '*.', '=', ',', '#', ' ', '\t', '\n', '\r\n', '\r', '\ufeff',
  '\u00a0', '😀', '\ud83d', 'ü', '\u0000', 'x', '', '',
];

function randomText(r: ReturnType<typeof rng>, corpus: readonly string[]): string {
  if (r.next() < 0.5 && corpus.length) return r.pick(corpus);
  let s = '';
  for (let i = r.int(12); i > 0; i--) s += r.pick(PIECES);
  return s;
}

function randomPosition(r: ReturnType<typeof rng>, text: string): { line: number; character: number } {
  const idx = createLineIndex(text);
  if (r.next() < 0.05) return { line: idx.lineCount() + r.int(3), character: r.int(200) }; // beyond the end
  return idx.positionAt(r.int(text.length + 1));
}

function randomRange(r: ReturnType<typeof rng>, text: string) {
  const idx = createLineIndex(text);
  const a = r.int(text.length + 1);
  const b = Math.min(text.length, a + (r.next() < 0.7 ? r.int(4) : r.int(60)));
  return { start: idx.positionAt(a), end: idx.positionAt(b) };
}

const summary = (d: PublishedDiagnostics) => d.diagnostics.map((x) => `${x.code}:${x.severity}:${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`).sort();

test(`${OPS} random LSP operations: the server stays up and ends where a fresh open ends (seed ${SEED})`, { timeout: 120_000 }, async (t) => {
  t.diagnostic(`LSP_FUZZ_SEED=${SEED} LSP_FUZZ_OPS=${OPS}`);
  const r = rng(SEED);
  const corpus = corpusFiles().filter((f) => !/MANIFEST|README|\.tsv$/.test(f)).slice(0, 400).map((f) => readFileSync(f, 'utf8')).filter((s) => s.length < 20_000);
  const docs: Doc[] = [
    { uri: 'file:///fuzz/a/mta-sts.txt', languageId: 'mta-sts', fresh: 'file:///fuzz/fresh-a/mta-sts.txt', text: '', version: 0, open: false },
    { uri: 'file:///fuzz/b/mta-sts.txt', languageId: 'mta-sts', fresh: 'file:///fuzz/fresh-b/mta-sts.txt', text: '', version: 0, open: false },
    { uri: 'file:///fuzz/c/db.example', languageId: 'dns-zone', fresh: 'file:///fuzz/fresh-c/db.example', text: '', version: 0, open: false },
    { uri: 'file:///fuzz/d/records.txt', languageId: 'mta-sts-record', fresh: 'file:///fuzz/fresh-d/records.txt', text: '', version: 0, open: false },
    { uri: 'file:///fuzz/e/records.txt', languageId: 'tlsrpt-record', fresh: 'file:///fuzz/fresh-e/records.txt', text: '', version: 0, open: false },
    { uri: 'file:///fuzz/f/report.json', languageId: 'tlsrpt-report', fresh: 'file:///fuzz/fresh-f/report.json', text: '', version: 0, open: false },
  ];
  const log: string[] = [];
  const where = () => `seed ${SEED}, after: ${log.slice(-6).join(' | ')}`;
  const change = async (d: Doc, changes: { range?: LspEdit['range']; text: string }[]) => {
    d.version++;
    for (const ch of changes) d.text = ch.range ? applyEdits(d.text, [{ range: ch.range, newText: ch.text }]) : ch.text;
    await c.change(d.uri, d.version, changes);
  };
  const editsOf = (edit: { changes?: Record<string, LspEdit[]>; documentChanges?: { textDocument: { uri: string }; edits: LspEdit[] }[] } | undefined, uri: string): LspEdit[] =>
    edit?.changes?.[uri] ?? edit?.documentChanges?.filter((x) => x.textDocument?.uri === uri).flatMap((x) => x.edits) ?? [];

  for (let i = 0; i < OPS; i++) {
    const d = r.pick(docs);
    const roll = r.next();
    if (!d.open) {
      d.text = randomText(r, corpus);
      d.version++;
      d.open = true;
      log.push(`open ${d.uri} v${d.version}`);
      await c.open(d.uri, d.languageId, d.text, d.version);
      continue;
    }
    const textDocument = { uri: d.uri };
    if (roll < 0.4) {
      const n = 1 + r.int(3);
      const changes: { range: LspEdit['range']; text: string }[] = [];
      let text = d.text;
      for (let k = 0; k < n; k++) {
        const range = randomRange(r, text);
        const ins = r.next() < 0.3 ? '' : r.pick(PIECES) + (r.next() < 0.3 ? r.pick(PIECES) : '');
        changes.push({ range, text: ins });
        text = applyEdits(text, [{ range, newText: ins }]);
      }
      log.push(`change ${d.uri} v${d.version + 1} ${JSON.stringify(changes)}`);
      await change(d, changes);
    } else if (roll < 0.45) {
      log.push(`replace ${d.uri}`);
      await change(d, [{ text: randomText(r, corpus) }]);
    } else if (roll < 0.5) {
      log.push(`close ${d.uri}`);
      d.open = false;
      await c.close(d.uri);
    } else if (roll < 0.6) {
      log.push(`completion ${d.uri}`);
      await c.request('textDocument/completion', { textDocument, position: randomPosition(r, d.text) });
    } else if (roll < 0.7) {
      log.push(`hover ${d.uri}`);
      await c.request('textDocument/hover', { textDocument, position: randomPosition(r, d.text) });
    } else if (roll < 0.75) {
      log.push(`documentSymbol ${d.uri}`);
      await c.request('textDocument/documentSymbol', { textDocument });
    } else if (roll < 0.9) {
      // Quick fixes for the diagnostics the server published for this version, one applied.
      const published = c.published(d.uri);
      const diagnostics = published?.version === d.version ? published.diagnostics : [];
      log.push(`codeAction ${d.uri}`);
      const actions = await c.request<{ edit?: Parameters<typeof editsOf>[0] }[] | null>('textDocument/codeAction', { textDocument, range: randomRange(r, d.text), context: { diagnostics } });
      const withEdits = (actions ?? []).map((a) => editsOf(a.edit, d.uri)).filter((e) => e.length > 0);
      if (withEdits.length && r.next() < 0.5) {
        const edits = r.pick(withEdits);
        log.push(`apply fix ${JSON.stringify(edits)}`);
        await change(d, [{ text: applyEdits(d.text, edits) }]);
      }
    } else {
      log.push(`formatting ${d.uri}`);
      const edits = await c.request<LspEdit[] | null>('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } });
      if (edits?.length && r.next() < 0.5) await change(d, [{ text: applyEdits(d.text, edits) }]);
    }
    assert.equal(c.exited, false, `the server died; ${where()}`);
  }

  for (const d of docs) {
    if (!d.open) continue;
    const last = await c.diagnostics(d.uri, (p) => p.version === d.version, 10_000);
    await c.open(d.fresh, d.languageId, d.text);
    const ref = await c.diagnostics(d.fresh, () => true, 10_000);
    assert.deepEqual(summary(last), summary(ref), `${d.uri}: final diagnostics differ from a fresh open of ${JSON.stringify(d.text.slice(0, 200))}; ${where()}`);
    await c.close(d.fresh);
  }
  assert.equal(c.exited, false, `the server died; ${where()}`);
  const failures = c.logs.filter((l) => / failed/.test(l));
  assert.deepEqual(failures, [], `the server logged failures; ${where()}`);
  const alive = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: docs[0]!.uri } });
  assert.ok(Array.isArray(alive));
  const counts: Record<string, number> = {};
  for (const l of log) counts[l.split(' ')[0]!] = (counts[l.split(' ')[0]!] ?? 0) + 1;
  t.diagnostic(`operations: ${JSON.stringify(counts)}`);
});
