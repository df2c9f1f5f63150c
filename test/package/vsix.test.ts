// The .vsix holds exactly the run-time files: bundles, grammars, language configurations,
// snippets, icon, README, CHANGELOG and LICENSE (plus the manifest files vsce adds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipEntries } from '../support/zip';

const ROOT = join(__dirname, '..', '..');

test('the packaged extension contains exactly what it should', { timeout: 120000 }, () => {
  if (!existsSync(join(ROOT, 'dist', 'server.js')) || !existsSync(join(ROOT, 'dist', 'client.js'))) execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT });
  const out = join(mkdtempSync(join(tmpdir(), 'vsix-')), 'ext.vsix');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], { cwd: ROOT, stdio: 'pipe' });
  const entries = zipEntries(out).sort();
  const grammarFiles = readdirSync(join(ROOT, 'syntaxes')).filter((f) => f.endsWith('.json')).map((f) => `extension/syntaxes/${f}`);
  const snippetFiles = existsSync(join(ROOT, 'snippets')) ? readdirSync(join(ROOT, 'snippets')).filter((f) => f.endsWith('.json')).map((f) => `extension/snippets/${f}`) : [];
  const expected = [
    '[Content_Types].xml', 'extension.vsixmanifest',
    'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
    'extension/dist/client.js', 'extension/dist/server.js', 'extension/images/icon.png',
    ...grammarFiles, ...snippetFiles,
  ].sort();
  assert.deepEqual(entries, expected);
  assert.ok(grammarFiles.some((f) => f.endsWith('mta-sts.tmLanguage.json')) && grammarFiles.some((f) => f.endsWith('dns-zone.tmLanguage.json')));
});
