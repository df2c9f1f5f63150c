// The rule catalog: permanent, well-formed entries; executable doc examples; docs/rules.md fresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, RULES, renderRulesDoc } from '../../server/src/core/index';

test('codes and names are unique and well-formed', () => {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const r of RULES) {
    assert.match(r.code, /^(STS|TXT|RPT|ZON|CHK|WSP)\d{3}$/, r.code);
    assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.name);
    assert.ok(!codes.has(r.code), `duplicate code ${r.code}`);
    assert.ok(!names.has(r.name), `duplicate name ${r.name}`);
    codes.add(r.code);
    names.add(r.name);
  }
  assert.ok(RULES.length >= 50, `only ${RULES.length} rules`);
});

test('every rule has complete docs with an RFC reference', () => {
  for (const r of RULES) {
    for (const k of ['checks', 'why', 'fix', 'reference'] as const) assert.ok(r.docs[k].length > 10, `${r.code} docs.${k}`);
    assert.match(r.docs.reference, /RFC \d+ §/, `${r.code} reference`);
    assert.ok(r.summary.length > 10 && !r.summary.includes('\n'), `${r.code} summary`);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(r.severity));
  }
});

for (const r of RULES) {
  if (r.examples.kind === 'check') continue;
  const kind = r.examples.kind;
  test(`${r.code} doc examples: bad ones trigger it, good ones do not`, () => {
    assert.ok(r.examples.bad.length > 0 && r.examples.good.length > 0, 'needs bad and good examples');
    for (const bad of r.examples.bad) assert.ok(lint(bad, kind).diagnostics.some((d) => d.code === r.code), `not triggered by ${JSON.stringify(bad.slice(0, 80))}`);
    for (const good of r.examples.good) {
      const hit = lint(good, kind).diagnostics.find((d) => d.code === r.code);
      assert.equal(hit, undefined, `triggered by good example ${JSON.stringify(good.slice(0, 80))}: ${hit?.message}`);
    }
  });
}

test('docs/rules.md is generated from the catalog and up to date', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  assert.equal(committed, renderRulesDoc(), 'docs/rules.md is stale: run `npm run docs` and commit it');
});
