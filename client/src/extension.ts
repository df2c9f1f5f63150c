// VS Code glue: starts the bundled language server, shows its log in an output channel,
// restarts it on request. Activates only for our languages or commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCheckDomain } from './checkDomain';
import { registerReports } from './reports';
import { registerRollout } from './rollout';

/** Language ids the server handles: ours plus those of popular zone-file extensions. */
export const LANGUAGES = ['mta-sts', 'dns-zone', 'zone', 'zonefile', 'zone-file', 'dns', 'bind', 'tlsrpt-report'];

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]), { scheme: 'tlsrpt-gz', language: 'tlsrpt-report' }],
    synchronize: { configurationSection: 'mtaSts', fileEvents: vscode.workspace.createFileSystemWatcher('**/{mta-sts.txt,*.zone,db.*}') },
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient('mtaSts', 'MTA-STS Language Server', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  const output = vscode.window.createOutputChannel('MTA-STS', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  context.subscriptions.push(
    vscode.commands.registerCommand('mtaSts.restartServer', async () => {
      output.appendLine('Restarting the MTA-STS language server…');
      if (client) await client.restart();
    }),
    vscode.commands.registerCommand('mtaSts.showOutput', () => output.show(true)),
  );
  registerRollout(context, () => client);
  registerCheckDomain(context, () => client, output);
  registerReports(context);
  await client.start();
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
