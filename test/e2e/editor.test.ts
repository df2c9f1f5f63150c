// The extension in a real VS Code build, offline: code-server 4.100.3 (VS Code OSS 1.100) with the
// packaged .vsix, driven in headless Chromium. Checks what a person sees: Problems panel entries,
// a hover, the completion list, the outline, a severity setting, the Check Domain report
// against the sandbox mail domains, and a gzipped TLS-RPT report in its summary editor. Screenshots go to test-results/e2e/.
// Run: npm run test:e2e (it builds the .vsix and installs code-server first).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { codeServerEntry, isInstalled } from '../../scripts/e2e/installCodeServer';
import { startDemo, VSIX, type Demo } from './support/demo';
import { BROKEN, HEALTHY, ROOT } from './support/sandbox';
import { goTo, hoverToken, launchBrowser, openFile, openWorkbench, problemsOf, runCommand, showProblems, statusProblems, suggestions, until, webview, type Problem } from './support/workbench';

const OUT = join(ROOT, 'test-results', 'e2e');
const DOCS_IMAGES = join(ROOT, 'docs', 'images');
const CLI = join(ROOT, 'dist', 'cli.js');
const BROKEN_POLICY = 'mta-sts.broken.example/.well-known/mta-sts.txt';
const HEALTHY_POLICY = 'mta-sts.example.com/.well-known/mta-sts.txt';
/** The Problems panel filter that shows only the broken policy's entries. */
const BROKEN_FILTER = '**/mta-sts.broken.example/**';
const run = promisify(execFile);

let demo: Demo;
let browser: Browser;
let page: Page;

/**
 * Saves a screenshot of the whole window to test-results/e2e/. With UPDATE_SCREENSHOTS=1, also
 * saves the parts named by `docs` (workbench part selectors), cut to at most `maxHeight`, as
 * docs/images/<name>.png for the README.
 */
async function shot(name: string, docs?: { parts: readonly string[]; maxHeight?: number }): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
  if (!docs || !process.env.UPDATE_SCREENSHOTS) return;
  const boxes = await Promise.all(docs.parts.map(async (sel) => (await page.locator(sel).first().boundingBox())!));
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const width = Math.max(...boxes.map((b) => b.x + b.width)) - x;
  const height = Math.min(Math.max(...boxes.map((b) => b.y + b.height)) - y, docs.maxHeight ?? Infinity);
  mkdirSync(DOCS_IMAGES, { recursive: true });
  await page.screenshot({ path: join(DOCS_IMAGES, `${name}.png`), animations: 'disabled', clip: { x, y, width, height } });
}

/** Runs a step; on failure keeps a screenshot and the extension host logs in test-results/e2e/. */
async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const dir = join(OUT, `failed-${name}`);
    mkdirSync(dir, { recursive: true });
    await page?.screenshot({ path: join(dir, 'screen.png') }).catch(() => undefined);
    const logs = join(demo.dirs.userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(dir, 'logs'), { recursive: true });
    process.stderr.write(`e2e: step "${name}" failed; screenshot and logs (exthost*/remoteexthost.log, exthost*/mta-sts-tools.mta-sts-tools/MTA-STS.log) in ${relative(ROOT, dir)}\n`);
    throw e;
  }
}

/** What the CLI reports for a workspace file, as the Problems panel would show it (hints are not listed there). */
async function cliProblems(path: string, severity: Record<string, string> = {}): Promise<Problem[]> {
  const { stdout } = await run(process.execPath, [CLI, 'lint', '--json', join(demo.folder, path)]).catch((e: { stdout: string }) => e);
  const [file] = JSON.parse(stdout) as { diagnostics: { code: string; name: string; severity: string; range: { start: { line: number } } }[] }[];
  const label: Record<string, Problem['severity'] | undefined> = { error: 'Error', warning: 'Warning', information: 'Info' };
  return file!.diagnostics
    .map((d) => ({ ...d, severity: severity[d.code] ?? severity[d.name] ?? d.severity }))
    .filter((d) => label[d.severity])
    .map((d) => ({ severity: label[d.severity]!, code: d.code, line: d.range.start.line + 1 }));
}

const key = (p: Problem) => `${p.line} ${p.severity} ${p.code}`;
const sorted = (ps: readonly Problem[]) => ps.map(key).sort();
/** Workspace cross-file findings (WSP…) come only from the language server, not from `mta-sts lint`. */
const fileOnly = (ps: readonly Problem[]) => ps.filter((p) => !p.code.startsWith('WSP'));

describe('the extension in code-server (VS Code OSS 1.100)', { timeout: 600_000 }, () => {
  before(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    assert.ok(isInstalled(), 'code-server is not installed: run `npx tsx scripts/e2e/installCodeServer.ts` (npm run test:e2e does)');
    assert.ok(existsSync(VSIX), 'mta-sts-tools.vsix is missing: run `npm run package` (npm run test:e2e does)');
    demo = await startDemo({ codeServerEntry: codeServerEntry() });
    browser = await launchBrowser();
    page = await openWorkbench(browser, demo.url, 'examples');
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('opening a policy file activates the extension; the Problems panel lists its diagnostics', { timeout: 90_000 }, () =>
    step('diagnostics', async () => {
      await openFile(page, BROKEN_POLICY);
      await until('the MTA-STS Policy language mode', () => page.locator('[id="status.editor.mode"]').innerText({ timeout: 1000 }), (t) => t === 'MTA-STS Policy');
      await showProblems(page, BROKEN_FILTER);
      const expected = await cliProblems(BROKEN_POLICY);
      assert.ok(expected.some((p) => p.code === 'STS106'), 'the broken example has `mode: enforced`');
      const seen = await until(`the Problems panel rows of ${BROKEN_POLICY}`, () => problemsOf(page, BROKEN_POLICY), (ps) => sorted(fileOnly(ps)).join() === sorted(expected).join(), 45_000);
      const errors = seen.filter((p) => p.severity === 'Error').length;
      assert.equal(errors, expected.filter((p) => p.severity === 'Error').length);
      assert.match(await statusProblems(page), new RegExp(`^Errors: ${errors}(,|$)`));
      for (const p of seen) assert.match(p.href ?? '', new RegExp(`/docs/rules\\.md#${p.code.toLowerCase()}-`), `${p.code} links to its rule's docs`);
      await shot('diagnostics', { parts: ['.part.editor', '.part.panel'] });
      await runCommand(page, 'View: Hide Panel');
    }));

  test('hover on max_age explains the key and the value', { timeout: 60_000 }, () =>
    step('hover', async () => {
      await openFile(page, HEALTHY_POLICY);
      const onValue = await hoverToken(page, '1209600');
      assert.match(onValue, /1209600 seconds = 14 days/);
      const onKey = await hoverToken(page, 'max_age');
      assert.notEqual(onKey, onValue);
      assert.match(onKey, /^max_age/);
      assert.match(onKey, /RFC 8461 §3\.2/);
      await shot('hover', { parts: ['.part.editor'], maxHeight: 240 });
      await page.mouse.move(5, 400);
    }));

  test('completion after "mode: " offers the three modes and inserts the chosen one', { timeout: 60_000 }, () =>
    step('completion', async () => {
      await openFile(page, HEALTHY_POLICY);
      const lines = readFileSync(join(demo.folder, HEALTHY_POLICY), 'utf8').split('\n');
      await goTo(page, lines.length, 1);
      await page.keyboard.type('mode: ');
      const server = (rows: readonly string[]) => rows.filter((r) => !r.endsWith(', Snippet'));
      const rows = await until('the server\'s completions', async () => {
        if (server(await suggestions(page)).length === 0) {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
          await page.locator('.editor-widget.suggest-widget.visible').waitFor({ timeout: 3000 });
        }
        return suggestions(page);
      }, (l) => server(l).length >= 3);
      // The server's completions; VS Code may list the contributed snippets after them.
      assert.deepEqual(server(rows), ['testing, Enum Member', 'enforce, Enum Member', 'none, Enum Member']);
      await shot('completion');
      await until('enforce selected', async () => {
        await page.keyboard.press('ArrowDown');
        return page.locator('.suggest-widget .monaco-list-row.focused .label-name').innerText({ timeout: 1000 });
      }, (t) => t === 'enforce');
      await page.keyboard.press('Enter');
      await until('the inserted mode', () => page.locator('.editor-instance .view-line').nth(lines.length - 1).innerText({ timeout: 1000 }), (t) => t.replace(/\u00a0/g, ' ') === 'mode: enforce');
      await runCommand(page, 'File: Revert File');
      await until('the reverted file', () => page.locator('.tab.active.dirty').count(), (n) => n === 0);
    }));

  test('the outline lists the policy fields in order', { timeout: 60_000 }, () =>
    step('outline', async () => {
      await openFile(page, HEALTHY_POLICY);
      await runCommand(page, 'Explorer: Focus on Outline View');
      const keys = readFileSync(join(demo.folder, HEALTHY_POLICY), 'utf8').split(/\r?\n/).filter(Boolean).map((l) => `${l.split(':')[0]} (field)`);
      await until('the outline', () => page.locator('.outline-pane .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label'))), (l) => l.join() === keys.join());
    }));

  test('a severity override in the workspace settings takes effect', { timeout: 90_000 }, () =>
    step('severity', async () => {
      await openFile(page, BROKEN_POLICY);
      await showProblems(page, BROKEN_FILTER);
      const override = { STS123: 'off', 'comment-line': 'warning' };
      const expected = await cliProblems(BROKEN_POLICY, override);
      assert.ok(!expected.some((p) => p.code === 'STS123') && expected.some((p) => p.code === 'STS128' && p.severity === 'Warning'));
      demo.writeWorkspaceSettings({ 'mtaSts.severity': override });
      await until('the Problems panel with the override applied', () => problemsOf(page, BROKEN_POLICY), (ps) => sorted(fileOnly(ps)).join() === sorted(expected).join(), 45_000);
      demo.writeWorkspaceSettings({});
      const defaults = await cliProblems(BROKEN_POLICY);
      await until('the Problems panel back to the defaults', () => problemsOf(page, BROKEN_POLICY), (ps) => sorted(fileOnly(ps)).join() === sorted(defaults).join(), 45_000);
      await runCommand(page, 'View: Hide Panel');
    }));

  /** The checker's own verdict and findings for a sandbox domain, from `mta-sts check --json`. */
  async function cliCheck(domain: string): Promise<{ verdict: string; codes: string[] }> {
    const { stdout } = await run(process.execPath, [CLI, 'check', '--json', ...demo.sandbox.cliArgs(demo.caFile), domain]).catch((e: { stdout: string }) => e);
    const [r] = JSON.parse(stdout) as { verdict: { kind: string }; findings: { code: string }[] }[];
    return { verdict: r!.verdict.kind, codes: r!.findings.map((f) => f.code) };
  }

  /** Opens `file`, runs "MTA-STS: Check Domain…", expects the picker to offer `inferred` and accepts it, or types `typed` over it. */
  async function checkFromPalette(file: string, inferred: string, typed?: string): Promise<void> {
    await runCommand(page, 'View: Close All Editors');
    // Room for the report beside the editor.
    if (await page.locator('.part.sidebar').isVisible()) await runCommand(page, 'View: Close Primary Side Bar');
    await openFile(page, file);
    await runCommand(page, 'MTA-STS: Check Domain…');
    const input = page.locator('.quick-input-widget input.input');
    await until('the domain picker', () => page.locator('.quick-input-widget .quick-input-title').innerText({ timeout: 1000 }), (t) => t.includes('MTA-STS: Check Domain'));
    await until('the domain inferred from the open file', () => input.inputValue(), (v) => v === inferred);
    if (typed !== undefined) await input.fill(typed);
    await page.keyboard.press('Enter');
  }

  test('Check Domain… on the healthy sandbox domain opens the report: enforced, every check passes', { timeout: 90_000 }, () =>
    step('check-healthy', async () => {
      const cli = await cliCheck(HEALTHY.domain);
      assert.equal(cli.verdict, HEALTHY.verdict);
      // The picker is pre-filled with example.com, inferred from the mta-sts.example.com folder.
      await checkFromPalette(HEALTHY_POLICY, HEALTHY.domain);
      const view = webview(page);
      await view.locator(`[data-verdict]`).waitFor({ timeout: 30_000 });
      assert.equal(await view.locator('h1 code').innerText(), HEALTHY.domain);
      assert.equal(await view.locator('[data-verdict]').getAttribute('data-verdict'), HEALTHY.verdict);
      const statuses = await view.locator('table.checks tr[data-status]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-status')} ${r.querySelectorAll('td')[1]!.textContent}`));
      assert.deepEqual(statuses, ['pass DNS: _mta-sts TXT record', 'pass HTTPS: policy fetch', 'pass Policy contents', 'pass MX mx1.example.com', 'pass MX mx2.example.com', 'pass TLS-RPT record']);
      const codes = await view.locator('table.findings tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!));
      assert.deepEqual(codes, cli.codes);
      await shot('check-report', { parts: ['.part.editor'] });
    }));

  test('Check Domain… on the broken sandbox domain shows why senders ignore its policy', { timeout: 90_000 }, () =>
    step('check-broken', async () => {
      const cli = await cliCheck(BROKEN.domain);
      assert.equal(cli.verdict, BROKEN.verdict);
      // Typed by hand over the domain inferred from the example.com zone file.
      await checkFromPalette('zones/example.com.zone', HEALTHY.domain, BROKEN.domain);
      const view = webview(page);
      await until('the broken.example report', () => view.locator('h1 code').innerText({ timeout: 1000 }), (t) => t === BROKEN.domain, 30_000);
      assert.equal(await view.locator('[data-verdict]').getAttribute('data-verdict'), BROKEN.verdict);
      const failing = await view.locator('table.checks tr[data-status="fail"] td:nth-child(2)').allInnerTexts();
      assert.deepEqual(failing, ['DNS: _mta-sts TXT record', 'Policy contents', 'TLS-RPT record']);
      const codes = await view.locator('table.findings tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!));
      assert.deepEqual(codes, cli.codes);
      assert.ok(codes.includes('CHK104') && codes.includes('CHK133'));
      await shot('check-report-broken');
    }));

  test('a gzipped TLS-RPT report opens decompressed in the summary editor', { timeout: 90_000 }, () =>
    step('report-gz', async () => {
      const report = {
        'organization-name': 'Google Inc.', 'date-range': { 'start-datetime': '2026-05-01T00:00:00Z', 'end-datetime': '2026-05-01T23:59:59Z' },
        'contact-info': 'smtp-tls-reporting@google.com', 'report-id': '2026-05-01T00:00:00Z_example.com',
        policies: [{ policy: { 'policy-type': 'sts', 'policy-string': ['version: STSv1', 'mode: enforce', 'mx: mx1.example.com', 'max_age: 1209600'], 'policy-domain': 'example.com', 'mx-host': ['mx1.example.com'] },
          summary: { 'total-successful-session-count': 1204, 'total-failure-session-count': 3 },
          'failure-details': [{ 'result-type': 'certificate-expired', 'sending-mta-ip': '192.0.2.1', 'receiving-mx-hostname': 'mx2.example.com', 'failed-session-count': 3 }] }],
      };
      const name = 'google.com!example.com!1777593600!1777679999.json.gz';
      mkdirSync(join(demo.folder, 'reports'), { recursive: true });
      writeFileSync(join(demo.folder, 'reports', name), gzipSync(JSON.stringify(report)));
      await runCommand(page, 'View: Close All Editors');
      await openFile(page, `reports/${name}`);
      const view = webview(page);
      const totals = view.locator('p.totals');
      await totals.waitFor({ timeout: 30_000 });
      assert.equal(await totals.getAttribute('data-successful'), '1204');
      assert.equal(await totals.getAttribute('data-failed'), '3');
      assert.match(await view.locator('ul.readings').innerText(), /certificate-expired on mx2\.example\.com/);
      assert.equal(await view.locator('table.failures tr[data-result-type="certificate-expired"]').count(), 1);
      await shot('report-summary');
    }));
});
