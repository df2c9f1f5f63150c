// The language server: wires the pure core to LSP over any connection. Thin: every request
// handler converts positions, calls the core and converts back; failures are logged and
// answered with an error, and the server keeps running.
import {
  CodeActionKind, DidChangeConfigurationNotification, ErrorCodes, ResponseError, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applySeverities, complete, createLineIndex, documentSymbols, enforceRollout, formatPolicyEdits, hover, type Diagnostic } from '../core/index';
import { CHECK_DOMAIN, runCheckCommand } from './checkCommand';
import { codeActions, freshIdEdits } from './codeActions';
import { toCompletionItem, toDocumentSymbol, toLspDiagnostic, toRange } from './convert';
import { AnalysisCache } from './documents';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { WorkspaceIndex } from './workspace';

export const NEW_POLICY_ID = 'mtaSts.newPolicyId';
/** Quiet time after the last edit before cross-file checks run again. */
const CROSS_DEBOUNCE_MS = 200;
export const ROLLOUT = 'mtaSts.server.enforceRollout';

export interface ServerOptions {
  /** Clock for fresh ids (tests pin it). */
  readonly now?: () => Date;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const now = options.now ?? (() => new Date());
  let settings: Settings = DEFAULT_SETTINGS;
  let pullConfig = false;
  const pending = new Map<string, ReturnType<typeof setImmediate>>();
  const log = (msg: string) => connection.console.log(msg);
  const index = new WorkspaceIndex(log);
  let folders: string[] = [];
  let cross = new Map<string, Diagnostic[]>();
  let crossPending: ReturnType<typeof setTimeout> | null = null;

  /** Runs a request handler; a failure is logged and answered with an error. */
  function guard<P, R>(name: string, fn: (p: P) => R): (p: P) => R {
    return (p: P) => {
      try {
        return fn(p);
      } catch (e) {
        const err = e as Error;
        connection.console.error(`${name} failed: ${err.stack ?? err.message}`);
        throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${err.message}`);
      }
    };
  }

  function validate(uri: string): void {
    pending.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    try {
      const a = cache.get(doc, { severities: settings.severity });
      if (!a) return;
      const all = [...a.result.diagnostics, ...applySeverities(cross.get(uri) ?? [], settings.severity)];
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: all.map((d) => toLspDiagnostic(uri, a.index, d)) });
    } catch (e) {
      connection.console.error(`validation of ${uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** Publishes the cross-file diagnostics of a file that is not open in the editor. */
  function publishClosed(uri: string): void {
    const text = index.textOf(uri);
    const ds = applySeverities(cross.get(uri) ?? [], settings.severity);
    const li = createLineIndex(text ?? '');
    void connection.sendDiagnostics({ uri, diagnostics: text === undefined ? [] : ds.map((d) => toLspDiagnostic(uri, li, d)) });
  }

  /** Re-runs the cross-file checks (debounced) and republishes the files whose results changed. */
  function scheduleCross(): void {
    // Cross-file checks parse every policy and zone file of the workspace, so a typing burst
    // runs them once, after it pauses; per-document lint stays immediate.
    if (crossPending) clearTimeout(crossPending);
    crossPending = setTimeout(() => {
      crossPending = null;
      try {
        const next = index.check();
        const uris = new Set([...cross.keys(), ...next.keys()]);
        const prev = cross;
        cross = next;
        for (const uri of uris) {
          if (JSON.stringify(prev.get(uri) ?? []) === JSON.stringify(next.get(uri) ?? [])) continue;
          if (documents.get(uri)) schedule(uri);
          else publishClosed(uri);
        }
      } catch (e) {
        connection.console.error(`workspace checks failed: ${(e as Error).stack ?? e}`);
      }
    }, CROSS_DEBOUNCE_MS);
  }

  function schedule(uri: string): void {
    if (pending.has(uri)) return;
    pending.set(uri, setImmediate(() => validate(uri)));
  }

  async function refreshSettings(pushed?: unknown): Promise<void> {
    try {
      const raw = pullConfig ? await connection.workspace.getConfiguration('mtaSts') : (pushed as { mtaSts?: unknown } | undefined)?.mtaSts;
      settings = readSettings(raw);
    } catch (e) {
      connection.console.error(`reading settings failed: ${(e as Error).message}`);
    }
    cache.invalidateAll();
    index.domains = settings.policyDomains;
    for (const d of documents.all()) schedule(d.uri);
    for (const uri of cross.keys()) if (!documents.get(uri)) publishClosed(uri);
    scheduleCross();
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfig = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) settings = readSettings(init.settings);
    index.domains = settings.policyDomains;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '=', '"', ';'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll] },
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [NEW_POLICY_ID, ROLLOUT, CHECK_DOMAIN] },
      },
      serverInfo: { name: 'mta-sts-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mtaSts' }).catch(() => undefined);
      void refreshSettings();
    }
    void index.scan(folders).then(scheduleCross, (e) => connection.console.error(`workspace scan failed: ${e}`));
    log('mta-sts language server ready');
  });

  connection.onDidChangeConfiguration((p) => void refreshSettings(p.settings));

  const track = (doc: TextDocument) => {
    schedule(doc.uri);
    if (index.setText(doc.uri, doc.getText())) scheduleCross();
  };
  documents.onDidOpen((e) => track(e.document));
  documents.onDidChangeContent((e) => track(e.document));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const t = pending.get(uri);
    if (t) clearImmediate(t);
    pending.delete(uri);
    cache.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    // The file on disk may differ from the closed editor's text.
    void index.refresh(uri, false).then(() => {
      if (cross.has(uri)) publishClosed(uri);
      scheduleCross();
    });
  });

  connection.onDidChangeWatchedFiles(async (p) => {
    for (const c of p.changes) if (!documents.get(c.uri)) await index.refresh(c.uri, c.type === 3);
    scheduleCross();
  });

  const analysis = (uri: string) => {
    const doc = documents.get(uri);
    return doc ? cache.get(doc, { severities: settings.severity }) : null;
  };

  connection.onCompletion(guard('completion', (p) => {
    const a = analysis(p.textDocument.uri);
    if (!a) return [];
    return complete(a.text, a.kind, a.index.offsetAt(p.position), now(), a.result).map((c) => toCompletionItem(a.index, c));
  }));

  connection.onHover(guard('hover', (p) => {
    const a = analysis(p.textDocument.uri);
    if (!a) return null;
    const h = hover(a.text, a.kind, a.index.offsetAt(p.position), a.result);
    return h ? { contents: { kind: 'markdown' as const, value: h.contents }, range: toRange(a.index, h.span) } : null;
  }));

  connection.onDocumentSymbol(guard('documentSymbol', (p) => {
    const a = analysis(p.textDocument.uri);
    if (!a) return [];
    return documentSymbols(a.text, a.kind, a.result).map((s) => toDocumentSymbol(a.index, s));
  }));

  connection.onCodeAction(guard('codeAction', (p) => {
    const a = analysis(p.textDocument.uri);
    return a ? codeActions(a, p.textDocument.uri, p, now()) : [];
  }));

  connection.onDocumentFormatting(guard('formatting', (p) => {
    const a = analysis(p.textDocument.uri);
    if (!a || a.kind !== 'policy') return [];
    return formatPolicyEdits(a.text).map((e) => ({ range: toRange(a.index, e.span), newText: e.newText }));
  }));

  connection.onCodeLens(guard('codeLens', (p) => {
    const a = analysis(p.textDocument.uri);
    if (!a || a.kind === 'policy') return [];
    if (a.kind === 'tlsrpt-report') {
      return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: 'Show TLS-RPT report summary', command: 'mtaSts.showReportSummary', arguments: [p.textDocument.uri] } }];
    }
    return freshIdEdits(a, now()).map((e) => {
      const range = toRange(a.index, e.span);
      return { range, command: { title: 'New policy id', command: NEW_POLICY_ID, arguments: [p.textDocument.uri, range.start.line] } };
    });
  }));

  connection.onExecuteCommand(async (p, token, progress) => {
    if (p.command === CHECK_DOMAIN) return runCheckCommand(p.arguments ?? [], settings.check, token, progress);
    if (p.command === ROLLOUT) {
      const [uri] = (p.arguments ?? []) as [string];
      const a = typeof uri === 'string' ? analysis(uri) : null;
      if (!a || a.kind !== 'policy') throw new ResponseError(ErrorCodes.InvalidParams, `${ROLLOUT} needs the URI of an open policy file`);
      return enforceRollout(a.text, now());
    }
    if (p.command !== NEW_POLICY_ID) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${p.command}`);
    const [uri, line] = (p.arguments ?? []) as [string, number | undefined];
    const a = typeof uri === 'string' ? analysis(uri) : null;
    if (!a) throw new ResponseError(ErrorCodes.InvalidParams, 'mtaSts.newPolicyId needs the URI of an open document');
    const edits = freshIdEdits(a, now()).filter((e) => line === undefined || toRange(a.index, e.span).start.line === line);
    if (edits.length === 0) return { applied: false };
    const r = await connection.workspace.applyEdit({ label: 'New policy id', edit: { changes: { [uri]: edits.map((e) => ({ range: toRange(a.index, e.span), newText: e.newText })) } } });
    return { applied: r.applied };
  });

  documents.listen(connection);
  connection.listen();
}
