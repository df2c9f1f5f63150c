// File snapshots for tests: compares text with a committed file; `UPDATE=1` rewrites it.
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
  assert.equal(actual, readFileSync(path, 'utf8'));
}
