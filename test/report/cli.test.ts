// `mta-sts report` as a user runs it: the built bundle in a child process, over a folder that
// mixes good reports (plain and gzipped), a malformed one, a non-report JSON file and a gzip bomb.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CORPUS } from '../support/corpus';
import { gzipBomb } from './support';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'mta-sts.js');
const skip = !CORPUS && 'corpus not present';
const corpus = (name: string) => readFileSync(join(CORPUS, 'tlsrpt-reports', name));

before(() => {
  const bundle = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(bundle) || !readFileSync(bundle, 'utf8').includes('mta-sts report')) execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT });
});

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a folder: good reports summarised, a malformed file and a gzip bomb named on stderr, exit 1 for failures', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mta-sts-report-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'google.com!example.com!1770508800!1770595200.json'), corpus('isseis__tlsrpt-digest__tlsrpt_failure.json'));
  writeFileSync(join(dir, 'sub', 'microsoft.com!krvtz.net!1726185600!1726271999.json.gz'), gzipSync(corpus('kravietz__tlsrpt-rs__microsoft1.json')));
  const good = corpus('mjl-__mox__example-google.json').toString('utf8');
  writeFileSync(join(dir, 'broken.json'), good.slice(0, good.indexOf('"summary"')));
  writeFileSync(join(dir, 'package.json'), '{"name": "not-a-report", "version": "1.0.0"}\n');
  writeFileSync(join(dir, 'evil.com!example.com!1!2.json.gz'), await gzipBomb(200));
  const t = Date.now();
  const r = run(['report', dir]);
  assert.ok(Date.now() - t < 20_000, 'no hang');
  assert.equal(r.code, 1, r.err);
  const errLines = r.err.trim().split('\n');
  assert.equal(errLines.length, 2, r.err);
  assert.match(errLines[0]!, /^mta-sts report: .*broken\.json: not valid JSON: this object is never closed .*\(line 1, column \d+\)$/);
  assert.match(errLines[1]!, /^mta-sts report: .*evil\.com!example\.com!1!2\.json\.gz: decompresses to more than 10 MB \(a gzip bomb\?\); skipped$/);
  assert.match(r.out, /^TLS-RPT: 2 reports from 2 reporters, 2024-09-13 to 2026-02-08$/m);
  assert.match(r.out, /^Sessions: 4,527 successful, 2 failed$/m);
  assert.match(r.out, /^example\.com\s+certificate-expired\s+mail\.example\.com\s+2$/m);
  assert.match(r.out, /Google Inc\.: 4,523 of 4,525 sessions to example\.com \(MTA-STS\) used TLS successfully; 2 failed with certificate-expired on mail\.example\.com\./);
  assert.match(r.out, /RPT215 warning/);
  assert.doesNotMatch(r.out + r.err, /package\.json/);
});

test('--json gives the structured summary; no failures exits 0', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mta-sts-report-'));
  const file = join(dir, 'report.json');
  writeFileSync(file, corpus('mjl-__mox__microsoft.json'));
  const r = run(['report', '--json', file]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  assert.equal(json.summary.reports, 1);
  assert.equal(json.summary.successfulSessions, 2);
  assert.deepEqual(json.summary.reporters.map((x: { reporter: string }) => x.reporter), ['Microsoft Corporation']);
  assert.deepEqual(json.files[0].diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`), ['RPT207@1', 'RPT207@1']);
  assert.deepEqual(json.skipped, []);
});

test('bad explicit files: each named once, the rest still read; nothing readable exits 2', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mta-sts-report-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, corpus('marcbradshaw__mail-tls-rpt__report.json'));
  writeFileSync(join(dir, 'array.json'), '[1, 2]');
  writeFileSync(join(dir, 'fake.json.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
  const r = run(['report', join(dir, 'missing.json'), join(dir, 'array.json'), good, join(dir, 'fake.json.gz')]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.err.trim().split('\n').map((l) => l.replace(dir, 'DIR')), [
    'mta-sts report: DIR/missing.json: no such file or folder',
    'mta-sts report: DIR/array.json: not a TLS-RPT report: the JSON is an array, not an object',
    'mta-sts report: DIR/fake.json.gz: not a valid gzip file (unexpected end of file)',
  ]);
  assert.match(r.out, /All 343 sessions from Google Inc\. to fastmaildmarc\.com \(no policy\) used TLS successfully\./);
  const none = run(['report', join(dir, 'array.json')]);
  assert.equal(none.code, 2);
  assert.match(none.err, /no TLS-RPT report could be read/);
});

test('usage errors exit 2 with a reason; --help exits 0', () => {
  const r = run(['report']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^mta-sts report: mta-sts report needs at least one report file or folder\nUsage: mta-sts report/);
  assert.equal(run(['report', '--bogus', 'x']).code, 2);
  const help = run(['report', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: mta-sts report \[--json\]/);
  assert.match(run(['--help']).out, /^ {2}report {3}Summarise TLS-RPT reports/m);
});
