// TLS-RPT reports in VS Code: "Show TLS-RPT Report Summary" for a report or a folder of them,
// a read-only custom editor for `.json.gz` reports, and a decompressed virtual document.
// Decompression is capped, so a gzip bomb gets a clear message instead of a hang.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { looksLikeReport, readReport, summarizeReports, type TlsRptReport } from '../../server/src/core/index';
import { decodeReportBytes, MAX_REPORT_BYTES } from './reportBytes';
import { renderSummaryHtml, type SummaryProblem } from './summaryHtml';

const MAX_FILES = 5000;
const GZ_SCHEME = 'tlsrpt-gz';

async function readUri(uri: vscode.Uri): Promise<{ text: string } | { problem: string }> {
  try {
    return { text: await decodeReportBytes(await vscode.workspace.fs.readFile(uri)) };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}

async function collect(uri: vscode.Uri, reports: TlsRptReport[], problems: SummaryProblem[], depth = 0): Promise<void> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.Directory) {
    if (depth > 6) return;
    for (const [name, type] of (await vscode.workspace.fs.readDirectory(uri)).sort()) {
      if (reports.length + problems.length >= MAX_FILES) return;
      const child = vscode.Uri.joinPath(uri, name);
      if (type & vscode.FileType.Directory) await collect(child, reports, problems, depth + 1);
      else if (/\.json(\.gz)?$/i.test(name)) await collect(child, reports, problems, depth + 1);
    }
    return;
  }
  const name = uri.path.split('/').pop() ?? uri.path;
  const r = await readUri(uri);
  if ('problem' in r) return void problems.push({ source: name, problem: r.problem });
  const read = readReport(r.text, name);
  if (read.report) reports.push(read.report);
  else if (depth === 0 || /"policies"/.test(r.text.slice(0, 65536))) problems.push({ source: name, problem: read.problem ?? 'not a TLS-RPT report' });
}

function openPanel(context: vscode.ExtensionContext, title: string, reports: TlsRptReport[], problems: SummaryProblem[], panel?: vscode.WebviewPanel, jsonUri?: vscode.Uri): vscode.WebviewPanel {
  const p = panel ?? vscode.window.createWebviewPanel('mtaSts.reportSummary', title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
  const nonce = randomBytes(16).toString('base64');
  p.webview.html = renderSummaryHtml(title, summarizeReports(reports), problems, { nonce, cspSource: p.webview.cspSource, canOpenJson: !!jsonUri });
  if (jsonUri) {
    context.subscriptions.push(p.webview.onDidReceiveMessage(async (m: { action?: string }) => {
      if (m.action === 'open-json') {
        const doc = await vscode.workspace.openTextDocument(jsonUri);
        await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'tlsrpt-report'), { preview: false });
      }
    }));
  }
  return p;
}

/** The virtual, read-only `.json` view of a `.json.gz` report. */
function gzJsonUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: GZ_SCHEME, path: file.path.replace(/\.gz$/i, ''), query: file.toString() });
}

/** Gives JSON documents whose content is a TLS-RPT report the report language (and so validation). */
function adoptReport(doc: vscode.TextDocument): void {
  if ((doc.languageId === 'json' || doc.languageId === 'jsonc') && doc.getText().length < MAX_REPORT_BYTES && looksLikeReport(doc.getText())) {
    void vscode.languages.setTextDocumentLanguage(doc, 'tlsrpt-report');
  }
}

export function registerReports(context: vscode.ExtensionContext): void {
  vscode.workspace.textDocuments.forEach(adoptReport);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(adoptReport),
    vscode.workspace.registerTextDocumentContentProvider(GZ_SCHEME, {
      async provideTextDocumentContent(uri) {
        const r = await readUri(vscode.Uri.parse(uri.query));
        return 'text' in r ? r.text : `// This report could not be read: ${r.problem}\n`;
      },
    }),
    vscode.window.registerCustomEditorProvider('mtaSts.tlsrptGz', {
      openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
      async resolveCustomEditor(document, panel) {
        panel.webview.options = { enableScripts: true, localResourceRoots: [] };
        const reports: TlsRptReport[] = [];
        const problems: SummaryProblem[] = [];
        await collect(document.uri, reports, problems);
        openPanel(context, `TLS-RPT: ${document.uri.path.split('/').pop()}`, reports, problems, panel, gzJsonUri(document.uri));
      },
    }, { supportsMultipleEditorsPerDocument: true }),
    vscode.commands.registerCommand('mtaSts.showReportSummary', async (arg?: unknown) => {
      let target = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : undefined;
      const open = target && vscode.workspace.textDocuments.find((d) => d.uri.toString() === target!.toString());
      const editor = open ? { document: open } : vscode.window.activeTextEditor;
      if (open) target = undefined;
      if (!target && editor && (editor.document.languageId === 'tlsrpt-report' || /"policies"/.test(editor.document.getText().slice(0, 65536)))) {
        const read = readReport(editor.document.getText(), editor.document.uri.path.split('/').pop());
        const title = `TLS-RPT: ${editor.document.uri.path.split('/').pop()}`;
        return openPanel(context, title, read.report ? [read.report] : [], read.report ? [] : [{ source: title, problem: read.problem ?? 'not a TLS-RPT report' }]);
      }
      if (!target) {
        const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: false, openLabel: 'Summarise', filters: { 'TLS-RPT reports': ['json', 'gz'] } });
        target = picked?.[0];
      }
      if (!target) return undefined;
      const reports: TlsRptReport[] = [];
      const problems: SummaryProblem[] = [];
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Reading TLS-RPT reports…' }, () => collect(target!, reports, problems));
      return openPanel(context, `TLS-RPT: ${target.path.split('/').pop()}`, reports, problems);
    }),
  );
}
