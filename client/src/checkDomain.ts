// "MTA-STS: Check Domain…": asks for a domain (inferred from the open file, with recent ones
// offered), runs the server's check command with a cancellable progress notification, writes
// the text report to the output channel and opens the report view.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { renderReportMarkdown } from '../../server/src/check/renderMarkdown';
import { renderReportText } from '../../server/src/check/renderText';
import type { CheckReport } from '../../server/src/check/types';
import { inferDomains } from './inferDomain';
import { showReport } from './reportView';

const RECENT = 'mtaSts.recentDomains';

async function pickDomain(context: vscode.ExtensionContext): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const inferred = editor ? inferDomains(editor.document.uri.fsPath, editor.document.languageId, editor.document.getText()) : [];
  const recent = context.globalState.get<string[]>(RECENT, []);
  const items: vscode.QuickPickItem[] = [
    ...inferred.map((d) => ({ label: d, description: 'from the open file' })),
    ...recent.filter((d) => !inferred.includes(d)).map((d) => ({ label: d, description: 'recently checked' })),
  ];
  const qp = vscode.window.createQuickPick();
  qp.title = 'MTA-STS: Check Domain';
  qp.placeholder = 'Domain to check (example.com, user@example.com or a policy URL)';
  qp.items = items;
  qp.value = inferred[0] ?? recent[0] ?? '';
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      const v = (qp.selectedItems[0]?.label ?? qp.value).trim();
      resolve(v || undefined);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

export async function runCheck(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel, domain: string): Promise<CheckReport | undefined> {
  const recent = context.globalState.get<string[]>(RECENT, []).filter((d) => d !== domain);
  await context.globalState.update(RECENT, [domain, ...recent].slice(0, 10));
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `MTA-STS: checking ${domain}`, cancellable: true }, async (progress, token) => {
    const workDoneToken = `mta-sts-check-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if ((v.kind === 'report' || v.kind === 'begin') && v.message) progress.report({ message: v.message });
    });
    try {
      return (await client.sendRequest(ExecuteCommandRequest.type, { command: 'mtaSts.server.checkDomain', arguments: [domain], workDoneToken }, token)) as CheckReport;
    } catch (e) {
      if (token.isCancellationRequested) return undefined;
      void vscode.window.showErrorMessage(`MTA-STS check of ${domain} failed: ${(e as Error).message}`);
      return undefined;
    } finally {
      sub.dispose();
    }
  });
  if (!report) return undefined;
  output.appendLine(renderReportText(report));
  return report;
}

export function registerCheckDomain(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.OutputChannel): void {
  const run = async (domainArg?: unknown) => {
    const c = client();
    if (!c) return;
    const domain = typeof domainArg === 'string' && domainArg.trim() ? domainArg.trim() : await pickDomain(context);
    if (!domain) return;
    const localPolicy = vscode.window.activeTextEditor?.document.languageId === 'mta-sts' ? vscode.window.activeTextEditor.document.uri : undefined;
    const report = await runCheck(context, c, output, domain);
    if (report) showReport(context, report, { localPolicy, rerun: () => run(domain), markdown: renderReportMarkdown });
    return report;
  };
  context.subscriptions.push(vscode.commands.registerCommand('mtaSts.checkDomain', run));
}
