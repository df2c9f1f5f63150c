// Runs every rule fixture in test/cases: each case's rendered diagnostics must equal the
// expectation, every rule has a fixture file, and each file has a failing and a passing case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findRule, lint, RULES } from '../../server/src/core/index';
import { renderDiagnostics } from '../../server/src/cli/codeFrame';
import { printFixtureFile, readFixtureFile, writeFixtureFile } from '../support/fixtures';

const DIR = join(__dirname, '..', 'cases');
const UPDATE = process.env.UPDATE === '1';
const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

for (const file of files) {
  const code = file.replace(/\.txt$/, '');
  const rule = findRule(code);
  const path = join(DIR, file);
  const cases = readFixtureFile(path);
  const actuals: string[] = [];
  let failing = 0;
  let passing = 0;
  for (const c of cases) {
    const kind = c.kind ?? rule?.examples.kind ?? 'policy';
    const ds = lint(c.input, kind === 'check' ? 'policy' : kind).diagnostics;
    if (ds.some((d) => d.code === code)) failing++;
    else passing++;
    const actual = ds.length ? renderDiagnostics('input', c.input, ds) : '(none)';
    actuals.push(actual);
    test(`${code}: ${c.title}`, () => {
      if (!UPDATE) assert.equal(actual, c.expected);
    });
  }
  test(`${code}: fixture file has failing and passing cases for a known rule`, () => {
    assert.ok(rule, `${file} names no rule in the catalog`);
    assert.ok(failing > 0, `${file} has no case that produces ${code}`);
    assert.ok(passing > 0, `${file} has no case free of ${code}`);
  });
  if (UPDATE) writeFixtureFile(path, printFixtureFile(cases.map((c, i) => ({ ...c, actual: actuals[i]! }))));
}

test('every lint rule has a fixture file', () => {
  const have = new Set(files.map((f) => f.replace(/\.txt$/, '')));
  const missing = RULES.filter((r) => r.examples.kind !== 'check' && !have.has(r.code)).map((r) => r.code);
  assert.deepEqual(missing, []);
});
