// Loopback SMTP servers for the checker tests: Nodemailer's smtp-server with STARTTLS for the
// normal case, and a raw server for hostile behaviour (no STARTTLS, no greeting, multi-line
// greeting, endless junk, reset during the TLS handshake, TLS 1.0 only, delayed greeting).
import * as net from 'node:net';
import * as tls from 'node:tls';
import { SMTPServer } from 'smtp-server';
import type { Closable } from './httpsServers';
import type { KeyCert } from './pki';

export interface SmtpTestServer extends Closable {
  /** Sessions that reached a TLS handshake. */
  readonly tlsSessions: () => number;
}

/** smtp-server with STARTTLS; `byName` picks the certificate by SNI. */
export async function startSmtpServer(fallback: KeyCert, byName: Record<string, KeyCert> = {}, address = '127.0.0.1'): Promise<SmtpTestServer> {
  let tlsCount = 0;
  const server = new SMTPServer({
    secure: false,
    key: fallback.key,
    cert: fallback.cert,
    sniOptions: Object.fromEntries(Object.entries(byName).map(([n, kc]) => [n, { key: kc.key, cert: kc.cert }])),
    name: 'mx.test',
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    disabledCommands: ['AUTH'],
    onConnect(_session, cb) {
      cb();
    },
    onData(stream, _session, cb) {
      stream.resume();
      stream.on('end', () => cb());
    },
  });
  server.on('error', () => undefined);
  const raw = (server as unknown as { server: net.Server }).server;
  raw.on('secureConnection', () => tlsCount++);
  const port = await new Promise<number>((resolve) => server.listen(0, address, () => resolve((raw.address() as net.AddressInfo).port)));
  return {
    port,
    tlsSessions: () => tlsCount,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface RawSmtpOptions {
  /** Greeting lines; null = never greet. Default one line. */
  readonly banner?: readonly string[] | null;
  readonly bannerDelayMs?: number;
  /** Certificate for STARTTLS; omitted = STARTTLS not offered. */
  readonly tls?: KeyCert & { readonly maxVersion?: tls.SecureVersion };
  /** Offer STARTTLS but answer it with this reply instead of 220. */
  readonly starttlsReply?: string;
  /** Offer STARTTLS but reset the connection when the handshake starts. */
  readonly resetOnTls?: boolean;
  /** Send junk lines forever instead of a greeting. */
  readonly junk?: boolean;
  /** Send one endless line (no line break) instead of a greeting. */
  readonly longLine?: boolean;
  /** Called for every accepted connection (tests wait on it instead of on a timer). */
  readonly onConnect?: () => void;
}

export async function startRawSmtp(o: RawSmtpOptions, address = '127.0.0.1'): Promise<SmtpTestServer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let tlsCount = 0;
  const secureContext = o.tls ? tls.createSecureContext({ key: o.tls.key, cert: o.tls.cert, minVersion: o.tls.maxVersion === 'TLSv1' ? 'TLSv1' : undefined, maxVersion: o.tls.maxVersion, ciphers: 'DEFAULT@SECLEVEL=0' }) : null;
  const offersTls = !!secureContext || !!o.resetOnTls || !!o.starttlsReply;
  const serve = (s: net.Socket, secured: boolean) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString('latin1');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        const cmd = line.split(' ')[0]!.toUpperCase();
        if (cmd === 'EHLO') s.write(['250-mx.test hello', '250-PIPELINING', ...(offersTls && !secured ? ['250-STARTTLS'] : []), '250 8BITMIME'].join('\r\n') + '\r\n');
        else if (cmd === 'QUIT') s.end('221 bye\r\n');
        else if (cmd === 'STARTTLS' && o.starttlsReply) s.write(`${o.starttlsReply}\r\n`);
        else if (cmd === 'STARTTLS' && offersTls && !secured) {
          s.off('data', onData);
          s.write('220 go ahead\r\n');
          if (o.resetOnTls) {
            s.once('data', () => s.resetAndDestroy());
            return;
          }
          const t = new tls.TLSSocket(s, { isServer: true, secureContext: secureContext! });
          t.on('secure', () => tlsCount++);
          t.on('error', () => t.destroy());
          serve(t, true);
          return;
        } else s.write('502 not implemented\r\n');
      }
    };
    s.on('data', onData);
  };
  const server = net.createServer((s) => {
    o.onConnect?.();
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    s.on('end', () => s.destroy());
    if (o.junk || o.longLine) {
      const chunk = o.junk ? ('220-junk ' + 'x'.repeat(1000) + '\r\n').repeat(8) : 'x'.repeat(8192);
      const t = setInterval(() => {
        if (s.destroyed) return clearInterval(t);
        s.write(chunk);
      }, 5);
      s.on('close', () => clearInterval(t));
      return;
    }
    if (o.banner === null) return;
    const greet = () => {
      const lines = o.banner ?? ['220 mx.test ESMTP raw'];
      if (!s.destroyed) s.write(lines.join('\r\n') + '\r\n');
      serve(s, false);
    };
    if (o.bannerDelayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        greet();
      }, o.bannerDelayMs);
      timers.add(t);
      s.on('close', () => clearTimeout(t));
    } else greet();
  });
  const port = await new Promise<number>((resolve) => server.listen(0, address, () => resolve((server.address() as net.AddressInfo).port)));
  return {
    port,
    tlsSessions: () => tlsCount,
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
