// A loopback DNS server for the checker tests (UDP and TCP, dns-packet): answers like a
// recursive resolver from an in-memory zone, with CNAME chains, multi-string TXT, NXDOMAIN,
// SERVFAIL, truncation, silence and an optional delay.
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as packet from 'dns-packet';
import { bindUdpAndTcp } from './ports';

export interface ZoneEntry {
  readonly TXT?: readonly (readonly string[])[];
  readonly MX?: readonly (readonly [number, string])[];
  readonly A?: readonly string[];
  readonly AAAA?: readonly string[];
  readonly CNAME?: string;
  /** Answer every query for the name with this response code. */
  readonly rcode?: 'SERVFAIL' | 'REFUSED' | 'NXDOMAIN';
  /** Never answer queries for the name. */
  readonly silent?: boolean;
  /** Answer over UDP with TC set and no records, so clients must retry over TCP. */
  readonly tcpOnly?: boolean;
  /** Answer queries for the name after this delay (instead of the server's delayMs). */
  readonly delayMs?: number;
}

export type Zone = Map<string, ZoneEntry>;

export interface DnsTestServer {
  readonly port: number;
  readonly address: string;
  /** "127.0.0.1:port" for CheckOptions.dnsServers. */
  readonly spec: string;
  readonly zone: Zone;
  /** Queries received, as "name TYPE". */
  readonly queries: string[];
  delayMs: number;
  close(): Promise<void>;
}

function respond(zone: Zone, q: packet.Question, udp: boolean): packet.Packet | null {
  const answers: packet.Answer[] = [];
  let name = q.name.toLowerCase().replace(/\.$/, '');
  let entry = zone.get(name);
  if (entry?.silent) return null;
  let rcode = 'NOERROR';
  let flags = packet.RECURSION_AVAILABLE;
  for (let hops = 0; entry?.CNAME && q.type !== 'CNAME' && hops < 10; hops++) {
    answers.push({ type: 'CNAME', name, ttl: 300, data: entry.CNAME });
    name = entry.CNAME.toLowerCase();
    entry = zone.get(name);
    if (entry?.silent) return null;
  }
  if (!entry) rcode = 'NXDOMAIN';
  else if (entry.rcode) rcode = entry.rcode;
  else if (entry.tcpOnly && udp) flags |= packet.TRUNCATED_RESPONSE;
  else if (q.type === 'TXT') for (const t of entry.TXT ?? []) answers.push({ type: 'TXT', name, ttl: 300, data: t.map((s) => Buffer.from(s, 'utf8')) });
  else if (q.type === 'MX') for (const [preference, exchange] of entry.MX ?? []) answers.push({ type: 'MX', name, ttl: 300, data: { preference, exchange } });
  else if (q.type === 'A') for (const a of entry.A ?? []) answers.push({ type: 'A', name, ttl: 300, data: a });
  else if (q.type === 'AAAA') for (const a of entry.AAAA ?? []) answers.push({ type: 'AAAA', name, ttl: 300, data: a });
  const p = { type: 'response', flags, questions: [q], answers } as packet.Packet;
  (p as { rcode?: string }).rcode = rcode;
  return p;
}

function encodeWithRcode(p: packet.Packet, id: number, stream: boolean): Buffer {
  const rcodes: Record<string, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };
  const code = rcodes[(p as { rcode?: string }).rcode ?? 'NOERROR'] ?? 0;
  const withId = { ...p, id, flags: (p.flags ?? 0) | code };
  return stream ? packet.streamEncode(withId) : packet.encode(withId);
}

export async function startDnsServer(zone: Zone, address = '127.0.0.1'): Promise<DnsTestServer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const queries: string[] = [];
  const later = (delayMs: number, fn: () => void) => {
    if (delayMs <= 0) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, delayMs);
    timers.add(t);
  };
  const handle = (msg: Buffer, stream: boolean, send: (b: Buffer) => void) => {
    let req: packet.Packet;
    try {
      req = stream ? packet.streamDecode(msg) : packet.decode(msg);
    } catch {
      return;
    }
    const q = req.questions?.[0];
    if (!q) return;
    queries.push(`${q.name} ${q.type}`);
    const res = respond(server.zone, q, !stream);
    const delayMs = server.zone.get(q.name.toLowerCase().replace(/\.$/, ''))?.delayMs ?? server.delayMs;
    if (res) later(delayMs, () => send(encodeWithRcode(res, req.id ?? 0, stream)));
  };
  const makeUdp = () => {
    const u = dgram.createSocket('udp4');
    u.on('message', (msg, rinfo) => handle(msg, false, (b) => u.send(b, rinfo.port, rinfo.address)));
    return u;
  };
  const tcp = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    let buf = Buffer.alloc(0);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = 2 + buf.readUInt16BE(0);
        const one = buf.subarray(0, len);
        buf = buf.subarray(len);
        handle(one, true, (b) => !s.destroyed && s.write(b));
      }
    });
  });
  const { udp, port } = await bindUdpAndTcp(address, makeUdp, tcp);
  const server: DnsTestServer = {
    port,
    address,
    spec: `${address}:${port}`,
    zone,
    queries,
    delayMs: 0,
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
    },
  };
  return server;
}
