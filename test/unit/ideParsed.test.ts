// Hover, completion and the outline take the model the language server's lint already built
// instead of parsing the text again; given it, they must answer exactly as when they parse.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { complete, documentSymbols, hover, lint, type DocumentKind } from '../../server/src/core/index';
import { CORPUS, corpusFiles } from '../support/corpus';

const ROOT = join(__dirname, '..', '..');
const NOW = new Date('2026-11-23T12:00:00Z');

function documents(): { name: string; kind: DocumentKind; text: string }[] {
  const out = [
    { name: 'examples policy', kind: 'policy' as const, text: readFileSync(join(ROOT, 'examples', 'mta-sts.example.com', '.well-known', 'mta-sts.txt'), 'utf8') },
    { name: 'examples zone', kind: 'zone' as const, text: readFileSync(join(ROOT, 'examples', 'zones', 'example.com.zone'), 'utf8') },
    { name: 'broken zone', kind: 'zone' as const, text: readFileSync(join(ROOT, 'examples', 'zones', 'db.broken.example'), 'utf8') },
  ];
  for (const f of corpusFiles('policies').filter((p) => p.endsWith('.txt')).slice(0, 40)) out.push({ name: f, kind: 'policy', text: readFileSync(f, 'utf8') });
  for (const f of corpusFiles('records/zones')) out.push({ name: f, kind: 'zone', text: readFileSync(f, 'utf8') });
  return out;
}

test('hover, completion and outline answer the same with the lint model as without it', () => {
  const docs = documents();
  assert.ok(docs.length >= 3);
  let hovers = 0;
  for (const d of docs) {
    const parsed = lint(d.text, d.kind);
    assert.ok(d.kind === 'policy' ? parsed.policy : parsed.zone, `${d.name}: the lint result carries the model`);
    assert.deepEqual(documentSymbols(d.text, d.kind, parsed), documentSymbols(d.text, d.kind), d.name);
    const step = Math.max(1, Math.floor(d.text.length / 200));
    for (let o = 0; o <= d.text.length; o += step) {
      const h = hover(d.text, d.kind, o, parsed);
      assert.deepEqual(h, hover(d.text, d.kind, o), `${d.name} hover at ${o}`);
      if (h) hovers++;
      assert.deepEqual(complete(d.text, d.kind, o, NOW, parsed), complete(d.text, d.kind, o, NOW), `${d.name} completion at ${o}`);
    }
  }
  assert.ok(hovers > 20, `hovers found: ${hovers}`);
});

test('the corpus is present for the comparison above', { skip: !CORPUS && 'corpus not present' }, () => {
  assert.ok(corpusFiles('records/zones').length > 0);
});
