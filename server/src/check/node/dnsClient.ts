// Raw DNS queries with dns-packet over UDP (TCP when truncated), so that TXT string boundaries,
// CNAME chains and NXDOMAIN/SERVFAIL/timeout stay visible. Node only; part of the node env.
import * as dgram from 'node:dgram';
import { getServers } from 'node:dns';
import * as net from 'node:net';
import { randomInt } from 'node:crypto';
import * as packet from 'dns-packet';
import type { DnsQuery, DnsRecord, DnsResponse, DnsServer } from '../env';

const MAX_TCP_BYTES = 65535 + 2;

/** The system's resolvers, from node:dns (which reads /etc/resolv.conf). */
export function systemServers(): DnsServer[] {
  return getServers().map((s) => {
    const m = /^\[(.+)\]:(\d+)$/.exec(s) ?? /^([^:]+):(\d+)$/.exec(s);
    return m ? { host: m[1]!, port: Number(m[2]) } : { host: s, port: 53 };
  });
}

function label(s: DnsServer): string {
  return net.isIPv6(s.host) ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

function text(b: unknown): string {
  return Buffer.isBuffer(b) ? b.toString('utf8') : String(b);
}

function convert(answers: readonly packet.Answer[]): DnsRecord[] {
  const out: DnsRecord[] = [];
  for (const a of answers) {
    const name = a.name.replace(/\.$/, '');
    if (a.type === 'TXT') {
      const data = a.data as unknown;
      const strings = Array.isArray(data) ? data.map(text) : [text(data)];
      out.push({ type: 'TXT', name, strings });
    } else if (a.type === 'MX') out.push({ type: 'MX', name, preference: a.data.preference ?? 0, exchange: a.data.exchange.replace(/\.$/, '') });
    else if (a.type === 'A' || a.type === 'AAAA') out.push({ type: a.type, name, address: a.data });
    else if (a.type === 'CNAME') out.push({ type: 'CNAME', name, target: a.data.replace(/\.$/, '') });
  }
  return out;
}

function queryPacket(q: DnsQuery, id: number): packet.Packet {
  return {
    type: 'query',
    id,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type: q.type, name: q.name, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232 } as packet.Answer],
  };
}

function matches(p: packet.Packet, id: number, q: DnsQuery): boolean {
  const question = p.questions?.[0];
  return p.id === id && p.type === 'response' && !!question && question.name.toLowerCase().replace(/\.$/, '') === q.name.toLowerCase().replace(/\.$/, '') && question.type === q.type;
}

function answer(p: packet.Packet, server: DnsServer): DnsResponse {
  return { kind: 'answer', rcode: (p as { rcode?: string }).rcode ?? 'NOERROR', answers: convert(p.answers ?? []), server: label(server) };
}

/** One query over TCP (used after a truncated UDP answer). */
function queryTcp(q: DnsQuery, server: DnsServer, deadline: number): Promise<DnsResponse> {
  return new Promise((resolve, reject) => {
    const id = randomInt(0, 65536);
    const sock = net.connect({ host: server.host, port: server.port });
    let buf = Buffer.alloc(0);
    const finish = (r: DnsResponse | Error) => {
      clearTimeout(timer);
      q.signal.removeEventListener('abort', onAbort);
      sock.destroy();
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    const onAbort = () => finish(q.signal.reason instanceof Error ? q.signal.reason : new Error('aborted'));
    const timer = setTimeout(() => finish({ kind: 'timeout', server: label(server) }), Math.max(1, deadline - Date.now()));
    q.signal.addEventListener('abort', onAbort, { once: true });
    sock.on('connect', () => sock.write(packet.streamEncode(queryPacket(q, id))));
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length > MAX_TCP_BYTES) return finish({ kind: 'error', message: 'TCP answer too large', server: label(server) });
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        try {
          const p = packet.streamDecode(buf);
          if (!matches(p, id, q)) return finish({ kind: 'error', message: 'TCP answer does not match the question', server: label(server) });
          finish(answer(p, server));
        } catch (e) {
          finish({ kind: 'error', message: `malformed TCP answer: ${(e as Error).message}`, server: label(server) });
        }
      }
    });
    sock.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'error', message: `TCP ${e.code ?? e.message}`, server: label(server) }));
    sock.on('close', () => finish({ kind: 'error', message: 'TCP connection closed before the answer', server: label(server) }));
  });
}

/**
 * One query: UDP to each server in turn (retransmitting every third of the timeout), the first
 * matching answer wins; a truncated answer is repeated over TCP.
 */
export function queryDns(q: DnsQuery): Promise<DnsResponse> {
  const servers = q.servers.length ? q.servers : systemServers();
  if (servers.length === 0) return Promise.resolve({ kind: 'error', message: 'no DNS servers are configured', server: null });
  if (q.signal.aborted) return Promise.reject(q.signal.reason);
  const deadline = Date.now() + q.timeoutMs;
  return new Promise((resolve, reject) => {
    const id = randomInt(0, 65536);
    const msg = packet.encode(queryPacket(q, id));
    const sockets = new Map<string, dgram.Socket>();
    let done = false;
    let attempt = 0;
    let lastError: string | null = null;
    const finish = (r: DnsResponse | Error | Promise<DnsResponse>) => {
      if (done) return;
      done = true;
      clearTimeout(retry);
      clearTimeout(timer);
      q.signal.removeEventListener('abort', onAbort);
      for (const s of sockets.values()) s.close();
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    const onAbort = () => finish(q.signal.reason instanceof Error ? q.signal.reason : new Error('aborted'));
    const socketFor = (server: DnsServer): dgram.Socket => {
      const family = net.isIPv6(server.host) ? 'udp6' : 'udp4';
      let s = sockets.get(family);
      if (!s) {
        s = dgram.createSocket(family);
        s.on('error', (e: NodeJS.ErrnoException) => (lastError = e.code ?? e.message));
        s.on('message', (data, rinfo) => {
          const from = servers.find((sv) => sv.port === rinfo.port && sv.host.replace(/^::ffff:/, '') === rinfo.address.replace(/^::ffff:/, ''));
          if (!from || done) return;
          let p: packet.Packet;
          try {
            p = packet.decode(data);
          } catch {
            return;
          }
          if (!matches(p, id, q)) return;
          if ((p.flags ?? 0) & packet.TRUNCATED_RESPONSE) finish(queryTcp(q, from, deadline));
          else finish(answer(p, from));
        });
        sockets.set(family, s);
      }
      return s;
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      if (done) return;
      const server = servers[attempt % servers.length]!;
      attempt++;
      socketFor(server).send(msg, server.port, server.host, (e) => {
        if (e) lastError = (e as NodeJS.ErrnoException).code ?? e.message;
      });
      retry = setTimeout(send, Math.max(50, Math.floor(q.timeoutMs / 3)));
    };
    const timer = setTimeout(() => finish(lastError ? { kind: 'error', message: lastError, server: label(servers[0]!) } : { kind: 'timeout', server: servers.map(label).join(', ') }), Math.max(1, deadline - Date.now()));
    q.signal.addEventListener('abort', onAbort, { once: true });
    send();
  });
}
