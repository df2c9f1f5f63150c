// TCP connections with in-place TLS upgrade for the checker (the node env's Conn). Reads are
// pulled by the caller; the connection closes when its signal aborts. Node only.
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import type { Conn, ConnectRequest, PeerCertificate, TlsInfo, TlsUpgrade } from '../env';

const HIGH_WATER = 256 * 1024;

/** Secure contexts by extra-CA list: parsing the root store for every connection is slow. */
const contexts = new Map<string, tls.SecureContext>();

/**
 * A client context that trusts the default roots plus `extra`, and allows TLS 1.0 and weak
 * ciphers so that old servers can be reported instead of failing the handshake.
 */
function clientContext(extra: readonly string[]): tls.SecureContext {
  const key = extra.join('\n');
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: extra.length ? [...tls.rootCertificates, ...extra] : undefined, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
    if (contexts.size > 16) contexts.clear();
    contexts.set(key, ctx);
  }
  return ctx;
}

function errorOf(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** SAN dNSName entries of node's `subjectAltName` string (`DNS:a, DNS:"b,c", IP Address:…`). */
export function sanDnsNames(san: string | undefined): string[] {
  if (!san) return [];
  const out: string[] = [];
  for (const m of san.matchAll(/([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,\s*|$)/g)) {
    if (m[1]!.trim() !== 'DNS') continue;
    const v = m[2]!;
    out.push(v.startsWith('"') ? (JSON.parse(v) as string) : v);
  }
  return out;
}

function isoDate(s: string): string {
  const d = new Date(s.replace(/\s+/g, ' '));
  return Number.isNaN(d.getTime()) ? s : d.toISOString();
}

function peerCertificate(c: X509Certificate | undefined): PeerCertificate | null {
  if (!c) return null;
  return {
    subject: c.subject.split('\n').join(', '),
    issuer: c.issuer.split('\n').join(', '),
    dnsNames: sanDnsNames(c.subjectAltName),
    validFrom: isoDate(c.validFrom),
    validTo: isoDate(c.validTo),
    fingerprint256: c.fingerprint256,
  };
}

class NodeConn implements Conn {
  private sock: net.Socket;
  private queue: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private failure: Error | null = null;
  private waiter: { resolve: (b: Uint8Array | null) => void; reject: (e: Error) => void } | null = null;
  private readonly onAbort = () => this.fail(errorOf(this.signal.reason ?? new Error('aborted')), true);

  constructor(sock: net.Socket, private readonly signal: AbortSignal) {
    this.sock = sock;
    this.attach(sock);
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  private attach(sock: net.Socket): void {
    sock.on('data', (d: Buffer) => {
      this.queue.push(d);
      this.queued += d.length;
      if (this.queued > HIGH_WATER) sock.pause();
      this.wake();
    });
    sock.on('end', () => {
      this.ended = true;
      this.wake();
    });
    sock.on('error', (e) => this.fail(e, false));
    sock.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  private fail(e: Error, destroy: boolean): void {
    if (!this.failure) this.failure = e;
    if (destroy) this.close();
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    if (!w) return;
    const next = this.queue.shift();
    if (next) {
      this.queued -= next.length;
      if (this.queued <= HIGH_WATER && this.sock.isPaused()) this.sock.resume();
      this.waiter = null;
      w.resolve(next);
    } else if (this.failure) {
      this.waiter = null;
      w.reject(this.failure);
    } else if (this.ended) {
      this.waiter = null;
      w.resolve(null);
    }
  }

  read(): Promise<Uint8Array | null> {
    if (this.waiter) return Promise.reject(new Error('concurrent read'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.wake();
    });
  }

  write(data: string | Uint8Array): void {
    if (!this.sock.destroyed && this.sock.writable) this.sock.write(data);
  }

  startTls(o: TlsUpgrade): Promise<TlsInfo> {
    if (this.failure) return Promise.reject(this.failure);
    const plain = this.sock;
    plain.removeAllListeners('data');
    plain.removeAllListeners('end');
    plain.removeAllListeners('close');
    this.queue = [];
    this.queued = 0;
    return new Promise((resolve, reject) => {
      const secure = tls.connect({
        socket: plain,
        servername: o.servername,
        secureContext: clientContext(o.caCertificates),
        rejectUnauthorized: false,
        checkServerIdentity: () => undefined,
      });
      plain.removeAllListeners('error');
      plain.on('error', () => undefined);
      this.sock = secure;
      let settled = false;
      const settle = (r: TlsInfo | Error) => {
        if (settled) return;
        settled = true;
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      secure.once('secureConnect', () => {
        const cipher = secure.getCipher();
        settle({
          protocol: secure.getProtocol() ?? 'unknown',
          cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
          chainVerified: secure.authorized,
          verifyError: secure.authorized ? null : String(secure.authorizationError ?? 'unknown'),
          certificate: peerCertificate(secure.getPeerX509Certificate()),
        });
      });
      this.attach(secure);
      secure.on('error', (e) => settle(e));
      secure.on('close', () => settle(this.failure ?? Object.assign(new Error('connection closed during the TLS handshake'), { code: 'ECONNRESET' })));
      this.signal.addEventListener('abort', () => settle(errorOf(this.signal.reason)), { once: true });
    });
  }

  close(): void {
    this.signal.removeEventListener('abort', this.onAbort);
    this.ended = true;
    if (!this.sock.destroyed) this.sock.destroy();
    this.wake();
  }
}

/** Opens a TCP connection; rejects with the socket error (its `code` says why). */
export function connectTcp(req: ConnectRequest): Promise<Conn> {
  if (req.signal.aborted) return Promise.reject(errorOf(req.signal.reason));
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: req.address, port: req.port });
    const onAbort = () => {
      sock.destroy();
      reject(errorOf(req.signal.reason));
    };
    req.signal.addEventListener('abort', onAbort, { once: true });
    sock.once('error', (e) => {
      req.signal.removeEventListener('abort', onAbort);
      sock.destroy();
      reject(e);
    });
    sock.once('connect', () => {
      req.signal.removeEventListener('abort', onAbort);
      sock.removeAllListeners('error');
      resolve(new NodeConn(sock, req.signal));
    });
  });
}
