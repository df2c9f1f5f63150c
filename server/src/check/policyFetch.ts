// Fetches https://mta-sts.<domain>/.well-known/mta-sts.txt as RFC 8461 §3.3 asks: SNI, no
// redirects, no cache, no proxy, one time limit for the whole fetch, 64 KiB. No node:* imports.
import type { CheckContext } from './context';
import { describeError, stepLimit, throwIfCancelled } from './deadline';
import type { TlsInfo } from './env';
import { readHttpResponse, type HttpResponse } from './httpResponse';
import { ConnReader } from './reader';

export const POLICY_PATH = '/.well-known/mta-sts.txt';
export const MAX_POLICY_BYTES = 64 * 1024;

export type FetchPhase = 'connect' | 'tls' | 'response' | 'body';

export interface FetchOutcome {
  readonly url: string;
  readonly address: string | null;
  readonly port: number;
  readonly tls: TlsInfo | null;
  readonly response: HttpResponse | null;
  /** Status and headers when the body could not be read completely. */
  readonly partial: Omit<HttpResponse, 'body' | 'truncated'> | null;
  /** Null when the response was read completely. */
  readonly failure: { readonly phase: FetchPhase; readonly timedOut: boolean; readonly message: string } | null;
  readonly ms: number;
}

export function policyUrl(host: string, port: number): string {
  return `https://${host}${port === 443 ? '' : `:${port}`}${POLICY_PATH}`;
}

/** One GET of the policy from `address`, with SNI and Host set to `host`. */
export async function fetchPolicy(ctx: CheckContext, host: string, address: string): Promise<FetchOutcome> {
  const port = ctx.opts.httpsPort;
  const url = policyUrl(host, port);
  const t0 = ctx.env.now();
  const limit = stepLimit(ctx.opts.timeoutMs, ctx.signal);
  let phase: FetchPhase = 'connect';
  let tls: TlsInfo | null = null;
  let partial: FetchOutcome['partial'] = null;
  let conn = null as Awaited<ReturnType<typeof ctx.env.connect>> | null;
  try {
    conn = await ctx.env.connect({ address, port, signal: limit.signal });
    phase = 'tls';
    tls = await conn.startTls({ servername: host, caCertificates: ctx.opts.caCertificates });
    phase = 'response';
    const hostHeader = port === 443 ? host : `${host}:${port}`;
    conn.write(`GET ${POLICY_PATH} HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: mta-sts-check\r\nAccept: text/plain, */*\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n`);
    const reader = new ConnReader(conn, MAX_POLICY_BYTES + 64 * 1024);
    const response = await readHttpResponse(reader, MAX_POLICY_BYTES, (head) => {
      phase = 'body';
      partial = head;
    });
    return { url, address, port, tls, response, partial: null, failure: null, ms: ctx.env.now() - t0 };
  } catch (e) {
    throwIfCancelled(ctx.signal);
    const timedOut = limit.timedOut();
    const where = { connect: 'while connecting', tls: 'during the TLS handshake', response: 'while waiting for the response', body: 'while reading the body' }[phase];
    const message = timedOut ? `no complete response within ${ctx.opts.timeoutMs} ms (stopped ${where})` : `${describeError(e)} (${where})`;
    return { url, address, port, tls, response: null, partial, failure: { phase, timedOut, message }, ms: ctx.env.now() - t0 };
  } finally {
    conn?.close();
    limit.dispose();
  }
}
