// The live demo that `npm start` runs and the editor e2e test drives: the sandbox mail domains,
// a copy of examples/ whose .vscode/settings.json points "Check Domain…" at them, and
// code-server with the packaged extension installed, all on 127.0.0.1.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDirs, installExtension, startCodeServer, type CodeServer, type CodeServerDirs } from './codeServer';
import { EXAMPLES, ROOT, startSandbox, type Sandbox } from './sandbox';

export const VSIX = join(ROOT, 'mta-sts-tools.vsix');

/** User settings for a quiet, reproducible workbench. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

export interface DemoOptions {
  readonly codeServerEntry: string;
  readonly vsix?: string;
  /** Folder for the workspace copy and code-server's state; a fresh temp folder when omitted (and removed on close). */
  readonly base?: string;
  readonly host?: string;
  readonly port?: number;
  readonly onLine?: (line: string) => void;
}

export interface Demo extends DemoWorkspace {
  readonly url: string;
  readonly dirs: CodeServerDirs;
  readonly sandbox: Sandbox;
  readonly server: CodeServer;
  close(): Promise<void>;
}

export interface DemoWorkspace {
  /** The workspace folder (a copy of examples/). */
  readonly folder: string;
  readonly workspaceSettingsFile: string;
  /** The sandbox CA certificate (PEM), outside the folder. */
  readonly caFile: string;
  /** The `mtaSts.check.*` settings that point the checker at the sandbox. */
  readonly settings: Record<string, unknown>;
  /** Rewrites .vscode/settings.json: the sandbox settings plus `extra`. */
  writeWorkspaceSettings(extra: Record<string, unknown>): void;
}

/** Copies examples/ to `base`/examples and writes the sandbox CA and the workspace settings. */
export function prepareWorkspace(base: string, sandbox: Sandbox, withCheckSettings = true): DemoWorkspace {
  const folder = join(base, 'examples');
  rmSync(folder, { recursive: true, force: true });
  cpSync(EXAMPLES, folder, { recursive: true });
  const caFile = join(base, 'sandbox-ca.pem');
  writeFileSync(caFile, sandbox.caPem);
  const settings = sandbox.settings(caFile);
  const workspaceSettingsFile = join(folder, '.vscode', 'settings.json');
  const writeWorkspaceSettings = (extra: Record<string, unknown>) => {
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(workspaceSettingsFile, JSON.stringify({ ...(withCheckSettings ? settings : {}), ...extra }, null, 2) + '\n');
  };
  writeWorkspaceSettings({});
  return { folder, workspaceSettingsFile, caFile, settings, writeWorkspaceSettings };
}

export async function startDemo(o: DemoOptions): Promise<Demo> {
  const ownBase = !o.base;
  const base = o.base ?? mkdtempSync(join(tmpdir(), 'mta-sts-demo-'));
  const dirs = defaultDirs(o.codeServerEntry, base);
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  const sandbox = await startSandbox();
  let server: CodeServer | undefined;
  try {
    const ws = prepareWorkspace(base, sandbox);
    await installExtension(dirs, o.vsix ?? VSIX);
    server = await startCodeServer(dirs, { folder: ws.folder, host: o.host ?? '127.0.0.1', port: o.port ?? 0, ...(o.onLine ? { onLine: o.onLine } : {}) });
    const started = server;
    return {
      ...ws,
      url: started.url,
      dirs,
      sandbox,
      server: started,
      async close() {
        await started.stop();
        await sandbox.close();
        if (ownBase) rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.stop();
    await sandbox.close();
    if (ownBase) rmSync(base, { recursive: true, force: true });
    throw e;
  }
}
