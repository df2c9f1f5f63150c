// Loopback HTTPS servers for the policy fetch tests: one server that picks its certificate by
// SNI and its behaviour by Host, a TLS 1.0-only server, a server that accepts and never answers,
// and a closed port.
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyCert } from './pki';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface Closable {
  readonly port: number;
  close(): Promise<void>;
}

export interface HttpsTestServer extends Closable {
  readonly routes: Map<string, Route>;
  readonly certs: Map<string, KeyCert>;
  /** Delay before every response (for the parallelism test). */
  delayMs: number;
  /** Requests seen, as "host path". */
  readonly requests: string[];
}

/** Tracks accepted sockets so that close() ends them all. */
function track(server: net.Server): () => void {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  });
  return () => {
    for (const s of sockets) s.destroy();
  };
}

function listen(server: net.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closer(server: net.Server, destroyAll: () => void): () => Promise<void> {
  return () =>
    new Promise<void>((r) => {
      destroyAll();
      server.close(() => r());
    });
}

export async function startHttpsServer(fallback: KeyCert, address = '127.0.0.1'): Promise<HttpsTestServer> {
  const routes = new Map<string, Route>();
  const certs = new Map<string, KeyCert>();
  const contexts = new Map<string, tls.SecureContext>();
  const requests: string[] = [];
  const state = { delayMs: 0 };
  const server = https.createServer(
    {
      key: fallback.key,
      cert: fallback.cert,
      SNICallback: (name, cb) => {
        const kc = certs.get(name.toLowerCase());
        if (!kc) return cb(null, undefined);
        let ctx = contexts.get(name);
        if (!ctx) contexts.set(name, (ctx = tls.createSecureContext({ key: kc.key, cert: kc.cert })));
        cb(null, ctx);
      },
    },
    (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      requests.push(`${host} ${req.url}`);
      const route = routes.get(host);
      const go = () => {
        if (res.destroyed) return;
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('no such host\n');
          return;
        }
        route(req, res);
      };
      if (state.delayMs > 0) {
        const t = setTimeout(go, state.delayMs);
        res.on('close', () => clearTimeout(t));
      } else go();
    },
  );
  const destroyAll = track(server);
  const port = await listen(server, address);
  return {
    port,
    routes,
    certs,
    requests,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    close: closer(server, destroyAll),
  };
}

/** An HTTPS server that only speaks TLS 1.0 and serves `body` for every request. */
export async function startTls10Server(kc: KeyCert, body: string, address = '127.0.0.1'): Promise<Closable> {
  const server = https.createServer({ key: kc.key, cert: kc.cert, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });
  const destroyAll = track(server);
  const port = await listen(server, address);
  return { port, close: closer(server, destroyAll) };
}

/** Accepts TCP connections and never sends a byte. */
export async function startSilentServer(address = '127.0.0.1'): Promise<Closable> {
  const server = net.createServer((s) => {
    s.resume();
    s.on('end', () => s.destroy());
  });
  const destroyAll = track(server);
  const port = await listen(server, address);
  return { port, close: closer(server, destroyAll) };
}

/** A port on which nothing listens (bound once, then released). */
export async function closedPort(address = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  const port = await listen(server, address);
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A route serving `body` with status 200 and the given content type. */
export function serve(body: string | Buffer, contentType = 'text/plain', status = 200, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
  };
}

/** A route that announces `body` and sends it one byte per second. */
export function drip(body: string): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) });
    let i = 0;
    const t = setInterval(() => {
      if (i >= body.length) {
        clearInterval(t);
        res.end();
        return;
      }
      res.write(body[i++]!);
    }, 1000);
    res.on('close', () => clearInterval(t));
  };
}
