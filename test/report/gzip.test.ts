// Reading report files: plain and gzipped JSON, and a gzip bomb stopped at the 10 MB cap
// quickly and with a one-line reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MAX_REPORT_BYTES, readReportFile } from '../../server/src/cli/reportCommand';
import { gzipBomb } from './support';

const dir = mkdtempSync(join(tmpdir(), 'mta-sts-gz-'));
const REPORT = '{"organization-name": "Example Inc.", "policies": []}';

test('plain and gzipped reports read the same text (by magic bytes, whatever the name)', () => {
  writeFileSync(join(dir, 'a.json'), REPORT);
  writeFileSync(join(dir, 'b.json.gz'), gzipSync(REPORT));
  writeFileSync(join(dir, 'c.json'), gzipSync(REPORT));
  for (const f of ['a.json', 'b.json.gz', 'c.json']) assert.equal(readReportFile(join(dir, f)), REPORT, f);
});

test('a gzip bomb (200 MB of zeros, about 200 KB gzipped) stops at the cap', async () => {
  const bomb = await gzipBomb(200);
  assert.ok(bomb.length < 400_000, `${bomb.length} bytes`);
  const path = join(dir, 'bomb.json.gz');
  writeFileSync(path, bomb);
  const t = Date.now();
  assert.throws(() => readReportFile(path), { message: 'decompresses to more than 10 MB (a gzip bomb?); skipped' });
  assert.ok(Date.now() - t < 5_000, `took ${Date.now() - t} ms`);
  assert.equal(MAX_REPORT_BYTES, 10 * 1024 * 1024);
});

test('just under and just over a small cap', () => {
  const path = join(dir, 'size.json.gz');
  writeFileSync(path, gzipSync(Buffer.alloc(1000, 0x20)));
  assert.equal(readReportFile(path, 1000).length, 1000);
  assert.throws(() => readReportFile(path, 999), /decompresses to more than/);
  writeFileSync(join(dir, 'big.json'), Buffer.alloc(2000, 0x20));
  assert.throws(() => readReportFile(join(dir, 'big.json'), 1000), /larger than/);
});

test('a truncated or fake gzip file is named as such', () => {
  const path = join(dir, 'trunc.json.gz');
  writeFileSync(path, gzipSync(REPORT).subarray(0, 12));
  assert.throws(() => readReportFile(path), /^Error: not a valid gzip file \(unexpected end of file\)$/);
});
