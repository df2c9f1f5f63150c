// The @vscode/test-electron suite (test/e2e/vscode/suite), run offline here: code-server's remote
// extension host loads the extension from this checkout (extensionDevelopmentPath) and runs the
// mocha suite (extensionTestsPath), both handed to the workbench in its `payload` query. The suite
// writes its results to a file; each becomes a subtest here.
// Run: npm run test:e2e.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { codeServerEntry, isInstalled } from '../../scripts/e2e/installCodeServer';
import { defaultDirs, startCodeServer, type CodeServer } from './support/codeServer';
import { prepareWorkspace, USER_SETTINGS } from './support/demo';
import { BROKEN, HEALTHY, ROOT, startSandbox, type Sandbox } from './support/sandbox';
import { bundleVscodeSuite } from './support/suiteBundle';
import { launchBrowser, until } from './support/workbench';
import type { SuiteResult } from './support/suiteResult';

const OUT = join(ROOT, 'test-results', 'e2e-extension-host');
let sandbox: Sandbox;
let server: CodeServer;
let browser: Browser;
let base: string;
let resultsFile: string;

before(async () => {
  assert.ok(isInstalled(), 'code-server is not installed: run `npx tsx scripts/e2e/installCodeServer.ts` (npm run test:e2e does)');
  assert.ok(existsSync(join(ROOT, 'dist', 'client.js')), 'dist/ is missing: run `npm run build` (npm run test:e2e does)');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const suite = await bundleVscodeSuite();
  sandbox = await startSandbox();
  base = mkdtempSync(join(tmpdir(), 'mta-sts-exthost-'));
  // As under test-electron, the suite writes the mtaSts.check.* settings itself.
  const ws = prepareWorkspace(base, sandbox, false);
  const dirs = defaultDirs(codeServerEntry(), base);
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  resultsFile = join(base, 'results.json');
  server = await startCodeServer(dirs, {
    folder: ws.folder,
    env: { MTA_STS_E2E: JSON.stringify({ settings: ws.settings, healthy: HEALTHY, broken: BROKEN }), MTA_STS_E2E_RESULTS: resultsFile },
  });
  const remote = (path: string) => `vscode-remote://${new URL(server.url).host}${path}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(suite)],
  ]);
  browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(`${server.url}?folder=${encodeURIComponent(ws.folder)}&payload=${encodeURIComponent(payload)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  try {
    await until('the suite results', async () => existsSync(resultsFile), (done) => done, 180_000);
  } catch (e) {
    await page.screenshot({ path: join(OUT, 'screen.png') }).catch(() => undefined);
    cpSync(join(dirs.userDataDir, 'logs'), join(OUT, 'logs'), { recursive: true });
    process.stderr.write(`e2e: the suite did not finish; screenshot and logs (exthost*/remoteexthost.log) in test-results/e2e-extension-host\n`);
    throw e;
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sandbox?.close();
  if (base) rmSync(base, { recursive: true, force: true });
});

test('the @vscode/test-electron suite passes in code-server (VS Code OSS 1.100)', async (t) => {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResult[];
  assert.ok(results.length >= 6, `the suite ran its tests: ${results.map((r) => r.title).join('; ')}`);
  for (const r of results) {
    await t.test(r.title, { skip: r.state === 'skipped' }, () => {
      if (r.state === 'failed') assert.fail(r.error ?? 'failed');
    });
  }
});
