// Policy formatting: canonical, idempotent, and it never changes meaning (over the whole corpus).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatPolicy, lint, readPolicy, type Diagnostic } from '../../server/src/core/index';
import { corpusFiles } from '../support/corpus';

test('formats to the canonical order and spacing', () => {
  const input = '\ufeff  max_age:604800  \r\nmx :mail.example.com\r\n\r\nnote:\thello\r\nversion:   STSv1\rmode: enforce\nmx: *.example.net\n\n\n';
  assert.equal(formatPolicy(input), 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\nnote: hello\n');
});

test('keeps lines it does not understand, after the fields', () => {
  assert.equal(formatPolicy('# comment\nmode: testing\njunk line\nversion: STSv1\n'), 'version: STSv1\nmode: testing\n# comment\njunk line\n');
});

test('repeated keys keep their order, so the same field still wins', () => {
  const input = 'mode: Enforce\nversion: STSv1\nmode: testing\nmode: enforce\nmax_age: 1\n';
  const out = formatPolicy(input);
  assert.equal(out, 'version: STSv1\nmode: Enforce\nmode: testing\nmode: enforce\nmax_age: 1\n');
  assert.equal(readPolicy(out).modeValue, 'testing');
});

function meaning(text: string) {
  const m = readPolicy(text);
  return { version: m.version?.value, mode: m.modeValue, maxAge: m.maxAgeValue, mx: m.mxPatterns, ext: m.entries.filter((e) => !['version', 'mode', 'mx', 'max_age'].includes(e.key)).map((e) => `${e.key}=${e.value}`) };
}

function errorCount(ds: readonly Diagnostic[]): number {
  return ds.filter((d) => d.severity === 'error').length;
}

test('over the whole corpus: idempotent, same meaning, lint results never worse', () => {
  const files = corpusFiles('policies').filter((f) => f.endsWith('.txt'));
  assert.ok(files.length > 100);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const once = formatPolicy(text);
    assert.equal(formatPolicy(once), once, `not idempotent: ${f}`);
    assert.deepEqual(meaning(once), meaning(text), `meaning changed: ${f}`);
    const before = lint(text, 'policy').diagnostics;
    const after = lint(once, 'policy').diagnostics;
    assert.ok(errorCount(after) <= errorCount(before), `more errors after formatting ${f}`);
    assert.ok(after.length <= before.length, `more diagnostics after formatting ${f}`);
  }
});
