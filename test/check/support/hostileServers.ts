// Hostile loopback servers for the checker's robustness tests: plain TCP and TLS servers that
// hand each connection to a misbehaviour (reset, drip one byte at a time, flood, go silent), a
// proxy that slows any server down to a trickle (slowloris on the server side), and a DNS
// server that forces TCP and then misbehaves there. close() ends every socket and timer.
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as packet from 'dns-packet';
import type { Closable } from './httpsServers';
import { bindUdpAndTcp } from './ports';
import type { KeyCert } from './pki';

/** Timers and sockets of one server, cleared by close(). */
export class Tracker {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  readonly sockets = new Set<net.Socket>();

  every(ms: number, fn: () => boolean): void {
    const t = setInterval(() => {
      if (fn() === false) {
        clearInterval(t);
        this.timers.delete(t);
      }
    }, ms);
    this.timers.add(t);
  }

  add(s: net.Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
  }

  clear(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
  }
}

/** Writes `data` one byte every `ms`, then (if `forever`) keeps writing `x` until the peer goes. */
export function drip(s: net.Socket, tr: Tracker, data: string | Buffer, ms: number, forever = true): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  let i = 0;
  tr.every(ms, () => {
    if (s.destroyed) return false;
    if (i < bytes.length) s.write(bytes.subarray(i, ++i));
    else if (forever) s.write('x');
    else return false;
    return true;
  });
}

/** Writes `chunk` every `ms` until the peer goes (a flood). */
export function flood(s: net.Socket, tr: Tracker, chunk: string, ms = 2): void {
  tr.every(ms, () => {
    if (s.destroyed) return false;
    s.write(chunk);
    return true;
  });
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closer(server: net.Server, tr: Tracker): () => Promise<void> {
  return () => new Promise<void>((r) => {
    tr.clear();
    server.close(() => r());
  });
}

/** A TCP server that hands every connection to `behave`. */
export async function startTcp(behave: (s: net.Socket, tr: Tracker) => void): Promise<Closable> {
  const tr = new Tracker();
  const server = net.createServer((s) => {
    tr.add(s);
    behave(s, tr);
  });
  return { port: await listen(server), close: closer(server, tr) };
}

/**
 * A TLS server that hands every established session to `behave`, with the raw TCP socket
 * underneath (for resets, which a TLS socket cannot send).
 */
export async function startTls(kc: KeyCert, behave: (s: tls.TLSSocket, raw: net.Socket, tr: Tracker) => void): Promise<Closable> {
  const tr = new Tracker();
  const raws = new Map<number, net.Socket>();
  const server = tls.createServer({ key: kc.key, cert: kc.cert });
  server.on('connection', (raw: net.Socket) => {
    tr.add(raw);
    const port = raw.remotePort ?? 0;
    raws.set(port, raw);
    raw.on('close', () => raws.delete(port));
  });
  server.on('secureConnection', (s) => {
    tr.add(s);
    behave(s, raws.get(s.remotePort ?? 0) ?? s, tr);
  });
  server.on('tlsClientError', () => undefined);
  return { port: await listen(server), close: closer(server, tr) };
}

/** Relays to `target`, passing the client's bytes at once and the server's one byte every `ms`. */
export async function startSlowProxy(target: number, ms: number): Promise<Closable> {
  return startTcp((client, tr) => {
    const upstream = net.connect({ host: '127.0.0.1', port: target });
    tr.add(upstream);
    const queue: number[] = [];
    upstream.on('data', (d: Buffer) => queue.push(...d));
    client.on('data', (d) => upstream.write(d));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    tr.every(ms, () => {
      if (client.destroyed) return false;
      const b = queue.shift();
      if (b !== undefined) client.write(Buffer.of(b));
      return true;
    });
  });
}

export type DnsMisbehaviour = 'tcp-reset' | 'tcp-drip' | 'tcp-oversize' | 'udp-junk';

/**
 * A DNS server that answers every UDP query with TC set (so clients retry over TCP) and then
 * misbehaves on TCP, or answers UDP with junk. Answers are NOERROR with one TXT, MX or A record.
 */
export async function startHostileDns(kind: DnsMisbehaviour): Promise<Closable & { spec: string }> {
  const tr = new Tracker();
  const makeUdp = () => {
    const udp = dgram.createSocket('udp4');
    udp.on('message', (msg, rinfo) => {
      if (kind === 'udp-junk') {
        udp.send(Buffer.from('this is not a DNS message at all'), rinfo.port, rinfo.address);
        return;
      }
      try {
        const q = packet.decode(msg);
        const res = packet.encode({ id: q.id, type: 'response', flags: packet.TRUNCATED_RESPONSE | packet.RECURSION_AVAILABLE, questions: q.questions ?? [] });
        udp.send(res, rinfo.port, rinfo.address);
      } catch {
        // Not a query: ignore.
      }
    });
    return udp;
  };
  const tcp = net.createServer((s) => {
    tr.add(s);
    if (kind === 'tcp-reset') {
      s.resetAndDestroy();
      return;
    }
    s.once('data', (d) => {
      let q: packet.Packet;
      try {
        q = packet.streamDecode(d);
      } catch {
        s.destroy();
        return;
      }
      if (kind === 'tcp-oversize') {
        // Announce the largest message, then send junk without end.
        s.write(Buffer.from([0xff, 0xff]));
        flood(s, tr, 'junk'.repeat(4096));
        return;
      }
      const question = q.questions?.[0];
      const answers: packet.Answer[] = [];
      if (question?.type === 'TXT') answers.push({ type: 'TXT', name: question.name, ttl: 60, data: 'v=STSv1; id=1' });
      else if (question?.type === 'A') answers.push({ type: 'A', name: question.name, ttl: 60, data: '127.0.0.1' });
      const res = packet.streamEncode({ id: q.id, type: 'response', flags: packet.RECURSION_AVAILABLE, questions: q.questions ?? [], answers });
      drip(s, tr, res, 20, false);
    });
  });
  const { udp, port } = await bindUdpAndTcp('127.0.0.1', makeUdp, tcp);
  return {
    port,
    spec: `127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => {
      tr.clear();
      udp.close(() => tcp.close(() => r()));
    }),
  };
}
