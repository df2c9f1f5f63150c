// Drives the VS Code workbench in headless Chromium (playwright-core, Debian's chromium) the way
// a person does: keyboard shortcuts, the command palette, the Problems panel, hovers, the
// suggest widget, the outline and webviews. Every wait is on a condition with a time limit.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // launch() starts from a fresh, throwaway profile every time; the XDG folders keep Chromium's
  // crash-report and cache folders out of the home directory too.
  const xdg = mkdtempSync(join(tmpdir(), 'mta-sts-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_CACHE_HOME: join(xdg, 'cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  browser.on('disconnected', () => rmSync(xdg, { recursive: true, force: true }));
  return browser;
}

/** Polls `probe` until `ok` holds for its value; throws with the last value after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await probe();
      error = undefined;
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() > end) {
      const seen = error ? `error ${(error as Error).message}` : JSON.stringify(last, null, 1);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function openWorkbench(browser: Browser, url: string, folderName: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer shows the folder once the remote connection and workspace are up.
  await page.locator('.explorer-folders-view, .pane-header', { hasText: new RegExp(folderName, 'i') }).first().waitFor({ timeout: 60_000 });
  return page;
}

/** Gives keyboard focus to the workbench (shortcuts go nowhere before the first click). */
async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.statusbar').click({ position: { x: 600, y: 5 } });
}

async function quickInput(page: Page, key: string, text: string, row: RegExp): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  for (let attempt = 1; ; attempt++) {
    await focusWorkbench(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press(key);
    try {
      await input.waitFor({ timeout: 10_000 });
      await input.fill(key === 'F1' ? `>${text}` : text, { timeout: 5_000 });
      break;
    } catch (e) {
      // The widget closed between opening and filling: a view still opening (a webview) took
      // the focus. Open it again, a few times at most.
      if (attempt >= 3) throw e;
    }
  }
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await until(`a quick-input row matching ${row}`, async () => (await first.getAttribute('aria-label', { timeout: 1000 })) ?? '', (l) => row.test(l));
  await page.keyboard.press('Enter');
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const esc = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Rows read "Title" or "Title, Ctrl+K Ctrl+W, similar commands".
  await quickInput(page, 'F1', title, new RegExp(`^${esc}(,|$)`));
}

/** Opens a workspace file with Quick Open (Ctrl+P); `path` is relative to the folder. */
export async function openFile(page: Page, path: string): Promise<void> {
  const name = path.split('/').pop()!;
  const dir = path.split('/').slice(0, -1).join('/');
  await quickInput(page, 'Control+p', path, new RegExp(`^${name.replace(/\./g, '\\.')} ${dir.replace(/\./g, '\\.')}`));
  // The active tab's label starts with the file's full path.
  await until(`${path} in the active editor`, () => page.locator('.tab.active .monaco-icon-label').getAttribute('aria-label', { timeout: 1000 }), (t) => !!t && t.includes(`/${path}`));
}

export interface Problem {
  readonly severity: 'Error' | 'Warning' | 'Info';
  readonly code: string;
  readonly line: number;
  /** Where the code links to (the rule's docs). */
  readonly href?: string;
}

/** The Problems panel rows of one file, as the panel shows them (it must be open). */
export async function problemsOf(page: Page, path: string): Promise<Problem[]> {
  const name = path.split('/').pop()!;
  const dir = path.split('/').slice(0, -1).join('/');
  return page.locator('.markers-panel .monaco-list-row').evaluateAll(
    (rows, [n, d]) => {
      const out: { severity: string; code: string; line: number; href: string }[] = [];
      let inFile = false;
      for (const r of rows) {
        const label = r.getAttribute('aria-label') ?? '';
        if (/problems? in file/.test(label)) {
          inFile = label.includes(` in file ${n} of folder ${d}`);
          continue;
        }
        if (!inFile) continue;
        const sev = /^(Error|Warning|Info)/.exec(label)?.[1] ?? '?';
        const code = r.querySelector('.marker-code')?.textContent ?? '?';
        const href = r.querySelector('a.monaco-link')?.getAttribute('href') ?? '';
        const line = Number(/Ln (\d+)/.exec(r.querySelector('.marker-line')?.textContent ?? '')?.[1] ?? 0);
        out.push({ severity: sev, code, line, href });
      }
      return out;
    },
    [name, dir] as const,
  ) as Promise<Problem[]>;
}

/** Opens the Problems panel, filtered to the files matching `glob` when given (the list renders only visible rows). */
export async function showProblems(page: Page, glob = ''): Promise<void> {
  await runCommand(page, 'Problems: Focus on Problems View');
  await page.locator('.markers-panel').waitFor({ timeout: 10_000 });
  const filter = page.locator('.panel .viewpane-filter input');
  await filter.fill(glob);
  await until('the Problems filter', () => filter.inputValue(), (v) => v === glob);
}

/** The status bar's problem counts, e.g. "Errors: 8, Warnings: 1". */
export async function statusProblems(page: Page): Promise<string> {
  return (await page.locator('[id="status.problems"]').getAttribute('aria-label')) ?? '';
}

/** Moves the cursor to 1-based line:column with Go to Line (Ctrl+G). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+g');
  await page.locator('.quick-input-widget input.input').fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await until(`the cursor at Ln ${line}, Col ${column}`, () => page.locator('[id="status.editor.selection"]').innerText({ timeout: 1000 }), (t) => t.includes(`Ln ${line}, Col ${column}`));
}

/**
 * Hovers the mouse over the first token with exactly this text in the active editor; returns the
 * hover text. Moves away and back until a hover shows: a hover asked for before the language
 * server is ready stays empty until the mouse moves again.
 */
export async function hoverToken(page: Page, token: string, timeoutMs = 30_000): Promise<string> {
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .hover-contents');
  const span = page.locator('.editor-instance .view-line span span', { hasText: new RegExp(`^${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  return until(
    `a hover over ${token}`,
    async () => {
      // Close any earlier hover first, so that the text read below is this token's.
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      await until('no hover', () => hover.count(), (n) => n === 0, 5000);
      const box = (await span.boundingBox())!;
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await hover.last().waitFor({ timeout: 3000 });
      return hover.last().innerText({ timeout: 1000 });
    },
    (t) => t.trim().length > 0,
    timeoutMs,
  ).then(async (text) => {
    // The hover fades in; wait until it is opaque so that a screenshot shows it as a person does.
    await until('the hover faded in', () => page.locator('.monaco-editor .monaco-hover:not(.hidden)').last().evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).opacity), (o) => o === '1', 5000);
    return text;
  });
}

/** The rows of the open suggest widget, in order, as "label, Kind" (e.g. "enforce, Enum Member"). */
export async function suggestions(page: Page): Promise<string[]> {
  return page.locator('.editor-widget.suggest-widget.visible .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

/** The active webview's content frame (webviews are an iframe in an iframe). */
export function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
