// The `mta-sts lint` CLI as a user runs it: the built bundle in a child process.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'mta-sts.js');

before(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT });
});

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GOOD = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n';

test('a clean policy exits 0', () => {
  const r = run(['lint', '--kind', 'policy', '-'], GOOD);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1 file checked: 0 errors/);
});

test('an error exits 1 and prints location, code, code frame and fix', () => {
  const r = run(['lint', '--kind', 'policy', '-'], GOOD.replace('enforce', 'Enforce'));
  assert.equal(r.code, 1);
  assert.match(r.out, /^<stdin>:2:7: STS106 error /m);
  assert.match(r.out, /^2 \| mode: Enforce$/m);
  assert.match(r.out, /^ {2}\| {7}\^{7}$/m);
  assert.match(r.out, /= fix: Write `enforce`/);
});

test('warnings alone exit 0', () => {
  const r = run(['lint', '--kind', 'policy', '-'], GOOD + 'mode: testing\n');
  assert.equal(r.code, 0);
  assert.match(r.out, /STS112 warning/);
});

test('--json prints the documented shape with 0-based LSP positions', () => {
  const r = run(['lint', '--json', '--kind', 'sts-record', '-'], 'v=STSv1; id=2024-01-01\n');
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(json.length, 1);
  assert.equal(json[0].file, '<stdin>');
  assert.equal(json[0].kind, 'sts-record');
  const d = json[0].diagnostics[0];
  assert.equal(d.code, 'STS202');
  assert.equal(d.name, 'sts-invalid-id');
  assert.equal(d.severity, 'error');
  assert.equal(typeof d.message, 'string');
  assert.deepEqual(d.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 22 } });
});

test('kind is detected from file names and content; folders are searched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mta-sts-cli-'));
  mkdirSync(join(dir, '.well-known'));
  writeFileSync(join(dir, '.well-known', 'mta-sts.txt'), GOOD);
  writeFileSync(join(dir, 'example.com.zone'), '$ORIGIN example.com.\n@ IN TXT "v=STSv1; id=1"\n');
  writeFileSync(join(dir, 'records.txt'), 'v=TLSRPTv1; rua=reports@example.com\n');
  writeFileSync(join(dir, 'notes.txt'), 'unrelated\n');
  const r = run(['lint', '--json', dir]);
  const json = JSON.parse(r.out) as { file: string; kind: string; diagnostics: { code: string }[] }[];
  const byName = Object.fromEntries(json.map((f) => [f.file.slice(dir.length + 1), f]));
  assert.deepEqual(Object.keys(byName).sort(), ['.well-known/mta-sts.txt', 'example.com.zone', 'records.txt'], 'notes.txt is not a known kind; .well-known is searched');
  assert.equal(byName['.well-known/mta-sts.txt']!.kind, 'policy');
  assert.equal(byName['example.com.zone']!.kind, 'zone');
  assert.ok(byName['example.com.zone']!.diagnostics.some((d) => d.code === 'ZON105'));
  assert.equal(byName['records.txt']!.kind, 'tlsrpt-record');
  assert.ok(byName['records.txt']!.diagnostics.some((d) => d.code === 'RPT102'));
  assert.equal(r.code, 1);
  const hidden = run(['lint', '--json', join(dir, '.well-known', 'mta-sts.txt')]);
  assert.equal(JSON.parse(hidden.out)[0].kind, 'policy');
  assert.equal(hidden.code, 0);
});

test('a missing file is reported by name with exit 2 and no stack trace', () => {
  const r = run(['lint', 'no/such/file.txt']);
  assert.equal(r.code, 2);
  assert.equal(r.err.trim(), 'mta-sts: no/such/file.txt: no such file or folder');
});

test('usage errors exit 2 with a one-line reason', () => {
  assert.equal(run(['lint']).code, 2);
  const bad = run(['lint', '--kind', 'nope', '-'], '');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--kind must be one of/);
  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run(['lint', '--bogus', 'x']).code, 2);
  assert.equal(run(['lint', '--help']).code, 0);
});
