// A real LSP client for protocol tests: spawns the bundled server (node dist/server.js --stdio)
// and speaks JSON-RPC to it. Waits on notifications, never on fixed sleeps.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const KILL_AFTER_MS = 2000;
export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; message: string; source: string; codeDescription?: { href: string }; relatedInformation?: unknown[] }[];
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  private readonly latest = new Map<string, PublishedDiagnostics>();
  private waiters: { uri: string; pred: (d: PublishedDiagnostics) => boolean; resolve: (d: PublishedDiagnostics) => void }[] = [];
  configuration: unknown = {};
  exited = false;

  constructor(args: string[] = []) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio', ...args], { stdio: 'pipe' });
    this.proc.stderr.on('data', (b) => this.stderr.push(String(b)));
    this.proc.on('exit', () => { this.exited = true; });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.latest.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.configuration));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  async initialize(capabilities: Record<string, unknown> = { workspace: { configuration: true } }): Promise<{ capabilities: Record<string, unknown> }> {
    const r = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions: {} });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  /** Resolves with the next (or latest) diagnostics for `uri` that satisfy `pred`. */
  diagnostics(uri: string, pred: (d: PublishedDiagnostics) => boolean = () => true, timeoutMs = 5000): Promise<PublishedDiagnostics> {
    const have = this.latest.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest.get(uri))}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (d) => { clearTimeout(t); resolve(d); } });
    });
  }

  /** The last diagnostics published for `uri`, if any. */
  published(uri: string): PublishedDiagnostics | undefined {
    return this.latest.get(uri);
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.conn.sendRequest('shutdown');
        await this.conn.sendNotification('exit');
      } catch {
        // The server may already be gone.
      }
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => { this.proc.kill(); resolve(); }, KILL_AFTER_MS);
      this.proc.on('exit', () => { clearTimeout(t); resolve(); });
    });
    this.conn.dispose();
  }
}

/** Builds the bundle when it is missing (a test file run on its own). */
export function ensureServerBuilt(): void {
  const root = join(__dirname, '..', '..');
  if (!existsSync(SERVER)) execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root });
}

/** Starts the server and completes the initialize handshake. */
export async function startClient(capabilities?: Record<string, unknown>): Promise<LspClient> {
  ensureServerBuilt();
  const c = new LspClient();
  await c.initialize(capabilities);
  return c;
}
