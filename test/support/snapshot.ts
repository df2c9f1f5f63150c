// File snapshots for tests: compares text with a committed file; `UPDATE=1` rewrites it.
// A mismatch names the first differing lines instead of dumping both texts.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function matchSnapshot(path: string, actual: string): void {
  if (process.env.UPDATE === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `snapshot ${path} is missing; run with UPDATE=1 and review it`);
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, e.length) && diffs.length < 10; i++) {
    if (a[i] !== e[i]) diffs.push(`line ${i + 1}:\n  - ${e[i] ?? '(none)'}\n  + ${a[i] ?? '(none)'}`);
  }
  assert.fail(`snapshot ${path} differs (UPDATE=1 rewrites it; review the diff):\n${diffs.join('\n')}`);
}
