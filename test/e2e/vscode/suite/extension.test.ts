// The extension in a real VS Code (@vscode/test-electron): activation on opening a policy file,
// diagnostics (awaited through onDidChangeDiagnostics, never a fixed sleep), completion, hover,
// outline, a severity setting, and "MTA-STS: Check Domain…" against loopback servers.
// The expected diagnostics come from the pure core's lint(), the same code the server runs.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lint, type SeveritySetting } from '../../../../server/src/core/index';

const EXTENSION_ID = 'mta-sts-tools.mta-sts-tools';
const BROKEN_POLICY = 'mta-sts.broken.example/.well-known/mta-sts.txt';
const HEALTHY_POLICY = 'mta-sts.example.com/.well-known/mta-sts.txt';

interface SandboxEnv {
  readonly settings: Record<string, unknown>;
  readonly healthy: { readonly domain: string; readonly verdict: string };
  readonly broken: { readonly domain: string; readonly verdict: string };
}
const SANDBOX = JSON.parse(process.env.MTA_STS_E2E ?? 'null') as SandboxEnv | null;

function fileUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run opens the examples workspace');
  return vscode.Uri.joinPath(folder.uri, ...path.split('/'));
}

async function open(path: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(path));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** "line code severity" keys, sorted; workspace cross-file codes (WSP…) are left out. */
function keysOf(ds: readonly vscode.Diagnostic[]): string {
  return ds.filter((d) => !codeOf(d).startsWith('WSP')).map((d) => `${d.range.start.line} ${codeOf(d)} ${d.severity}`).sort().join('\n');
}

/** What the core's lint() reports for a document, as VS Code diagnostics keys. */
function expectedKeys(doc: vscode.TextDocument, severities: Record<string, SeveritySetting> = {}): string {
  const text = doc.getText();
  return lint(text, 'policy', { severities })
    .diagnostics.map((d) => `${doc.positionAt(d.span.start).line} ${d.code} ${SEVERITY[d.severity]}`)
    .sort()
    .join('\n');
}

/** Resolves once the diagnostics of `uri` satisfy `ok`, checking on every onDidChangeDiagnostics. */
function diagnosticsWhen(uri: vscode.Uri, ok: (ds: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const test = () => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!ok(ds)) return;
      done();
      resolve(ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) test();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; have:\n${keysOf(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    test();
  });
}

/** Resolves once a tab satisfies `ok`, checking on every onDidChangeTabs (the tab model reaches extensions asynchronously). */
function tabWhen(ok: (t: vscode.Tab) => boolean, what: string, timeoutMs = 10_000): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const test = () => {
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(ok);
      if (!tab) return;
      done();
      resolve(tab);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(test);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`));
    }, timeoutMs);
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    test();
  });
}

function text(contents: readonly (vscode.MarkdownString | vscode.MarkedString)[]): string {
  return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

suite('MTA-STS extension in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('mtaSts').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('opening a policy file activates the extension and publishes its diagnostics', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded from the development path`);
    const doc = await open(BROKEN_POLICY);
    assert.equal(doc.languageId, 'mta-sts');
    const want = expectedKeys(doc);
    assert.match(want, / STS106 /, 'the broken example has `mode: enforced`');
    await diagnosticsWhen(doc.uri, (ds) => keysOf(ds) === want, 'the broken policy diagnostics');
    assert.ok(ext.isActive, 'opening the policy file activated the extension');
  });

  test('completion after "mode: " offers the three modes', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'mta-sts', content: 'version: STSv1\nmode: ' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 6));
    const labels = list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual([...labels].sort(), ['enforce', 'none', 'testing']);
  });

  test('hover on max_age explains the key and the value', async () => {
    const doc = await open(HEALTHY_POLICY);
    const at = doc.getText().indexOf('max_age');
    const onKey = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 2));
    assert.match(text(onKey.flatMap((h) => h.contents)), /max_age[\s\S]*RFC 8461 §3\.2/);
    const onValue = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 'max_age: '.length + 1));
    assert.match(text(onValue.flatMap((h) => h.contents)), /1209600 seconds = 14 days/);
  });

  test('the outline lists the policy fields in order', async () => {
    const doc = await open(HEALTHY_POLICY);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const keys = doc.getText().split(/\r?\n/).filter(Boolean).map((l) => l.split(':')[0]);
    assert.deepEqual(symbols.map((s) => s.name), keys);
  });

  test('a severity override in the settings takes effect', async () => {
    const doc = await open(BROKEN_POLICY);
    const config = () => vscode.workspace.getConfiguration('mtaSts');
    const override = { STS123: 'off', 'comment-line': 'warning' } as const;
    const want = expectedKeys(doc, override);
    assert.notEqual(want, expectedKeys(doc));
    await config().update('severity', override, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(doc.uri, (ds) => keysOf(ds) === want, 'the diagnostics with the override');
    await config().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(doc.uri, (ds) => keysOf(ds) === expectedKeys(doc), 'the default diagnostics');
  });

  test('"MTA-STS: Check Domain…" runs against loopback servers and opens its report', async function () {
    if (!SANDBOX) this.skip();
    const sandbox = SANDBOX!;
    for (const [key, value] of Object.entries(sandbox.settings)) {
      await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Workspace);
    }
    // The server applies settings when it has pulled them after a change. A severity change
    // shows in the diagnostics, so waiting for it proves the check settings arrived too.
    const doc = await open(BROKEN_POLICY);
    await vscode.workspace.getConfiguration('mtaSts').update('severity', { STS123: 'off' }, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(doc.uri, (ds) => keysOf(ds) === expectedKeys(doc, { STS123: 'off' }), 'the settings to reach the server');
    await vscode.workspace.getConfiguration('mtaSts').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(doc.uri, (ds) => keysOf(ds) === expectedKeys(doc), 'the default diagnostics');

    for (const d of [sandbox.healthy, sandbox.broken]) {
      const report = await vscode.commands.executeCommand<{ domain: string; verdict: { kind: string } } | undefined>('mtaSts.checkDomain', d.domain);
      assert.ok(report, `a report for ${d.domain}`);
      assert.equal(report.domain, d.domain);
      assert.equal(report.verdict.kind, d.verdict);
      await tabWhen((t) => t.input instanceof vscode.TabInputWebview && t.label === `MTA-STS: ${d.domain}`, `the report view for ${d.domain}`);
    }
  });
});
