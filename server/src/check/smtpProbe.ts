// One SMTP session with an MX: greeting, EHLO, STARTTLS, TLS with SNI = MX host, EHLO, QUIT.
// Line and byte limits and one time limit bound hostile servers. No node:* imports.
import type { CheckContext } from './context';
import { describeError, stepLimit, throwIfCancelled } from './deadline';
import type { Conn, TlsInfo } from './env';
import { ConnReader, LimitError } from './reader';

export const MAX_SMTP_LINE = 2048;
export const MAX_SMTP_BYTES = 64 * 1024;
const MAX_REPLY_LINES = 100;

export type SmtpStage = 'connect' | 'greeting' | 'ehlo' | 'starttls' | 'tls' | 'ehlo-tls' | 'done';

export interface SmtpOutcome {
  readonly address: string;
  readonly port: number;
  /** How far the session got. */
  readonly stage: SmtpStage;
  readonly banner: readonly string[];
  readonly ehlo: readonly string[];
  readonly starttls: boolean | null;
  readonly tls: TlsInfo | null;
  /** Null when the session reached the end. */
  readonly failure: { readonly stage: SmtpStage; readonly timedOut: boolean; readonly message: string } | null;
  readonly ms: number;
}

class SmtpError extends Error {}

interface Reply {
  readonly code: number;
  readonly lines: string[];
}

async function readReply(reader: ConnReader): Promise<Reply> {
  const lines: string[] = [];
  for (;;) {
    const line = await reader.readLine(MAX_SMTP_LINE);
    if (line === null) throw new SmtpError(lines.length ? 'the server closed the connection inside a reply' : 'the server closed the connection');
    const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
    if (!m) throw new SmtpError(`not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`);
    lines.push(line);
    if (lines.length > MAX_REPLY_LINES) throw new LimitError(`a reply has more than ${MAX_REPLY_LINES} lines`);
    if (m[2] !== '-') return { code: Number(m[1]), lines };
  }
}

function offersStarttls(ehlo: readonly string[]): boolean {
  return ehlo.slice(1).some((l) => /^\d{3}[ -]STARTTLS\s*$/i.test(l));
}

export async function probeSmtp(ctx: CheckContext, host: string, address: string): Promise<SmtpOutcome> {
  const port = ctx.opts.smtpPort;
  const t0 = ctx.env.now();
  const limit = stepLimit(ctx.opts.timeoutMs, ctx.signal);
  let stage: SmtpStage = 'connect';
  let conn: Conn | null = null;
  const banner: string[] = [];
  let ehlo: string[] = [];
  let starttls: boolean | null = null;
  let tls: TlsInfo | null = null;
  const result = (failure: SmtpOutcome['failure']): SmtpOutcome => ({ address, port, stage, banner, ehlo, starttls, tls, failure, ms: ctx.env.now() - t0 });
  try {
    conn = await ctx.env.connect({ address, port, signal: limit.signal });
    const reader = new ConnReader(conn, MAX_SMTP_BYTES);
    stage = 'greeting';
    const greet = await readReply(reader);
    banner.push(...greet.lines);
    if (greet.code !== 220) throw new SmtpError(`the greeting is ${greet.code}, not 220: ${greet.lines[greet.lines.length - 1]}`);
    stage = 'ehlo';
    conn.write(`EHLO ${ctx.opts.ehloName}\r\n`);
    const e1 = await readReply(reader);
    ehlo = e1.lines;
    if (e1.code !== 250) throw new SmtpError(`EHLO was answered ${e1.lines[0]}`);
    starttls = offersStarttls(ehlo);
    if (!starttls) {
      stage = 'done';
      conn.write('QUIT\r\n');
      return result(null);
    }
    stage = 'starttls';
    conn.write('STARTTLS\r\n');
    const st = await readReply(reader);
    if (st.code !== 220) throw new SmtpError(`STARTTLS was answered ${st.lines[0]}`);
    stage = 'tls';
    tls = await conn.startTls({ servername: host, caCertificates: ctx.opts.caCertificates });
    reader.reset(conn);
    stage = 'ehlo-tls';
    conn.write(`EHLO ${ctx.opts.ehloName}\r\n`);
    const e2 = await readReply(reader);
    if (e2.code !== 250) throw new SmtpError(`EHLO after STARTTLS was answered ${e2.lines[0]}`);
    stage = 'done';
    conn.write('QUIT\r\n');
    return result(null);
  } catch (e) {
    throwIfCancelled(ctx.signal);
    const timedOut = limit.timedOut();
    const what = { connect: 'connecting', greeting: 'waiting for the greeting', ehlo: 'after EHLO', starttls: 'after STARTTLS', tls: 'during the TLS handshake', 'ehlo-tls': 'after EHLO over TLS', done: 'at QUIT' }[stage];
    const message = timedOut ? `no answer within ${ctx.opts.timeoutMs} ms (${what})` : `${describeError(e)} (${what})`;
    return result({ stage, timedOut, message });
  } finally {
    conn?.close();
    limit.dispose();
  }
}
