// The settings the extension declares (package.json) and the ones the server reads
// (server/src/lsp/settings.ts) must agree: same names, defaults and bounds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CHECK, readSettings, type CheckSettings } from '../../server/src/lsp/settings';

interface Declared {
  readonly type: string;
  readonly default: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
}

const declared = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Declared> } } }).contributes.configuration.properties;
const checkKeys = Object.keys(declared).filter((k) => k.startsWith('mtaSts.check.')).map((k) => k.slice('mtaSts.check.'.length));

test('every mtaSts.check setting the extension declares is one the server reads, and the other way round', () => {
  assert.deepEqual([...checkKeys].sort(), Object.keys(DEFAULT_CHECK).sort());
});

test('each declared check setting has the default the server uses, and a number setting the bounds it clamps to', () => {
  for (const key of checkKeys) {
    const d = declared[`mtaSts.check.${key}`]!;
    const k = key as keyof CheckSettings;
    assert.deepEqual(d.default, DEFAULT_CHECK[k], `default of ${key}`);
    assert.deepEqual(readSettings({}).check[k], DEFAULT_CHECK[k], `${key} when unset`);
    if (d.type !== 'number') continue;
    assert.equal(typeof d.minimum, 'number', `${key} declares a minimum`);
    assert.equal(typeof d.maximum, 'number', `${key} declares a maximum`);
    assert.equal(readSettings({ check: { [key]: -1e9 } }).check[k], d.minimum, `${key} below its minimum`);
    assert.equal(readSettings({ check: { [key]: 1e9 } }).check[k], d.maximum, `${key} above its maximum`);
  }
});
