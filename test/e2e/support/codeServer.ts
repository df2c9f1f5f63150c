// Runs the cached code-server: installs a .vsix into an extensions folder and starts the server
// on loopback in its own process group, so that stopping it also ends its extension hosts,
// language servers and file watchers.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';

export interface CodeServerDirs {
  /** code-server's out/node/entry.js. */
  readonly entry: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** code-server's config file (written by code-server when missing; keeps ~/.config untouched). */
  readonly configFile: string;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  /** What code-server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** code-server keeps logs and a heartbeat under $XDG_DATA_HOME/code-server: keep them beside its other state. */
function isolatedEnv(d: CodeServerDirs): Record<string, string> {
  return { XDG_DATA_HOME: join(dirname(d.userDataDir), 'xdg-data') };
}

function baseArgs(d: CodeServerDirs): string[] {
  return [d.entry, '--config', d.configFile, '--user-data-dir', d.userDataDir, '--extensions-dir', d.extensionsDir];
}

/** Runs code-server once with `args`; resolves with its output, rejects on a non-zero exit. */
function runOnce(d: CodeServerDirs, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...baseArgs(d), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...isolatedEnv(d) } });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`code-server ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${out}`));
    });
  });
}

export async function installExtension(d: CodeServerDirs, vsix: string): Promise<void> {
  const out = await runOnce(d, ['--install-extension', vsix, '--force'], 120_000);
  if (!/successfully installed/i.test(out)) throw new Error(`code-server did not install ${vsix}:\n${out}`);
}

export interface StartOptions {
  readonly folder: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly timeoutMs?: number;
  /** Called with each line code-server prints. */
  readonly onLine?: (line: string) => void;
  /** More environment for code-server and so for its extension hosts. */
  readonly env?: Readonly<Record<string, string>>;
}

/** No extension gallery: the workbench would otherwise look up open-vsx.org, and tests never leave the machine. */
const GALLERY_OFF = { EXTENSIONS_GALLERY: '{}' };

function endGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

export function startCodeServer(d: CodeServerDirs, o: StartOptions): Promise<CodeServer> {
  const host = o.host ?? '127.0.0.1';
  const args = [
    ...baseArgs(d),
    '--auth', 'none',
    '--bind-addr', `${host}:${o.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    o.folder,
  ];
  // Its own process group: code-server forks extension hosts, file watchers and our language server.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, NODE_OPTIONS: '', ...GALLERY_OFF, ...isolatedEnv(d), ...o.env } });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((r) => child.on('exit', () => ((exited = true), r())));
  return new Promise((resolve, reject) => {
    let partial = '';
    const timer = setTimeout(() => {
      endGroup(child, 'SIGKILL');
      reject(new Error(`code-server did not start within ${o.timeoutMs ?? 60_000} ms:\n${output}`));
    }, o.timeoutMs ?? 60_000);
    const onData = (b: Buffer) => {
      const text = b.toString();
      output += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        o.onLine?.(line);
        const m = /HTTP server listening on (http:\/\/[^\s]+)/.exec(line);
        if (!m) continue;
        clearTimeout(timer);
        const url = new URL(m[1]!);
        resolve({
          url: `http://${host}:${url.port}/`,
          port: Number(url.port),
          output: () => output,
          async stop() {
            if (exited) return;
            endGroup(child, 'SIGTERM');
            const killer = setTimeout(() => endGroup(child, 'SIGKILL'), 5000);
            await exit;
            clearTimeout(killer);
            // Extension hosts and watchers may outlive the main process for a moment.
            endGroup(child, 'SIGKILL');
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${signal ?? `exit ${code}`}) before listening:\n${output}`));
    });
  });
}

export function defaultDirs(entry: string, base: string): CodeServerDirs {
  return { entry, userDataDir: join(base, 'user-data'), extensionsDir: join(base, 'extensions'), configFile: join(base, 'code-server.yaml') };
}
