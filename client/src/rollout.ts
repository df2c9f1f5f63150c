// "MTA-STS: Prepare Enforce Rollout": asks the server for the enforce version of the open
// testing policy and the new TXT record, shows them side by side, applies only on confirmation.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

const SCHEME = 'mta-sts-rollout';
type Result = { ok: true; rollout: { policy: string; record: string; notes: string[] } } | { ok: false; reason: string };

export function registerRollout(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const proposals = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => proposals.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('mtaSts.rollout', async () => {
      const editor = vscode.window.activeTextEditor;
      const c = client();
      if (!editor || editor.document.languageId !== 'mta-sts' || !c) {
        void vscode.window.showWarningMessage('Open an MTA-STS policy file (mta-sts.txt) in testing mode first.');
        return;
      }
      const doc = editor.document;
      const r = (await c.sendRequest(ExecuteCommandRequest.type, { command: 'mtaSts.server.enforceRollout', arguments: [doc.uri.toString()] })) as Result;
      if (!r.ok) {
        void vscode.window.showWarningMessage(`Cannot prepare the enforce rollout: ${r.reason}.`);
        return;
      }
      const proposal = vscode.Uri.from({ scheme: SCHEME, path: `/enforce/${doc.uri.path.split('/').pop()}`, query: doc.uri.toString() });
      proposals.set(proposal.toString(), r.rollout.policy);
      changed.fire(proposal);
      await vscode.commands.executeCommand('vscode.diff', doc.uri, proposal, 'Policy: testing ↔ enforce (review)');
      const pick = await vscode.window.showInformationMessage(
        `Enforce rollout. New _mta-sts TXT record: "${r.rollout.record}". ${r.rollout.notes.join('; ')}.`,
        { modal: true },
        'Apply to the policy file',
        'Copy TXT record',
      );
      if (pick === 'Copy TXT record') await vscode.env.clipboard.writeText(r.rollout.record);
      if (pick === 'Apply to the policy file') {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), r.rollout.policy);
        await vscode.workspace.applyEdit(edit);
        await vscode.env.clipboard.writeText(r.rollout.record);
        void vscode.window.showInformationMessage('Enforce policy written (save to keep it). The new TXT record is on the clipboard: publish it after the policy is live.');
      }
    }),
  );
}
