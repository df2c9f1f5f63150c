// The report webview panel: shows one check report and handles its buttons (re-run, copy as
// Markdown, open the fetched policy, compare it with the local policy file).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CheckReport } from '../../server/src/check/types';
import { renderReportHtml } from './reportHtml';

interface ViewOptions {
  readonly localPolicy: vscode.Uri | undefined;
  readonly rerun: () => unknown;
  readonly markdown: (r: CheckReport) => string;
}

const panels = new Map<string, vscode.WebviewPanel>();

async function openFetched(r: CheckReport): Promise<vscode.TextDocument | undefined> {
  if (r.policy?.text === null || r.policy?.text === undefined) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'mta-sts', content: r.policy.text });
  return doc;
}

export function showReport(context: vscode.ExtensionContext, r: CheckReport, opts: ViewOptions): vscode.WebviewPanel {
  const key = r.domain ?? r.input;
  let panel = panels.get(key);
  if (!panel) {
    panel = vscode.window.createWebviewPanel('mtaSts.report', `MTA-STS: ${key}`, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    panels.set(key, panel);
    panel.onDidDispose(() => panels.delete(key), null, context.subscriptions);
  }
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = renderReportHtml(r, { nonce, cspSource: panel.webview.cspSource, hasLocalPolicy: !!opts.localPolicy });
  const sub = panel.webview.onDidReceiveMessage(async (m: { action?: string }) => {
    if (m.action === 'rerun') {
      sub.dispose();
      await opts.rerun();
    } else if (m.action === 'copy') {
      await vscode.env.clipboard.writeText(opts.markdown(r));
      void vscode.window.showInformationMessage('MTA-STS report copied as Markdown.');
    } else if (m.action === 'open') {
      const doc = await openFetched(r);
      if (doc) await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    } else if (m.action === 'compare' && opts.localPolicy) {
      const doc = await openFetched(r);
      if (doc) await vscode.commands.executeCommand('vscode.diff', opts.localPolicy, doc.uri, `Local policy ↔ served by ${key}`);
    }
  });
  panel.onDidDispose(() => sub.dispose());
  panel.reveal(undefined, true);
  return panel;
}
