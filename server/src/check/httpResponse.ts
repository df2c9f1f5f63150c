// A small HTTP/1.1 response reader for the policy fetch: status line, headers, and a body
// (Content-Length, chunked or until close) cut off at a byte limit. No node:* imports.
import { ConnReader, LimitError } from './reader';

export class HttpProtocolError extends Error {}

export interface HttpResponse {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  /** Header names lower-cased, in order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
  /** True when the body was longer than the limit and reading stopped there. */
  readonly truncated: boolean;
}

const MAX_LINE = 8192;
const MAX_HEADERS = 100;

/** The value of the first header with this (lower-case) name. */
export function header(r: { headers: readonly (readonly [string, string])[] }, name: string): string | null {
  return r.headers.find(([n]) => n === name)?.[1] ?? null;
}

async function readHead(reader: ConnReader): Promise<Omit<HttpResponse, 'body' | 'truncated'>> {
  const statusLine = await reader.readLine(MAX_LINE);
  if (statusLine === null) throw new HttpProtocolError('the server closed the connection without a response');
  const m = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!m) throw new HttpProtocolError(`not an HTTP status line: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const headers: [string, string][] = [];
  for (;;) {
    const line = await reader.readLine(MAX_LINE);
    if (line === null) throw new HttpProtocolError('the connection closed inside the response headers');
    if (line === '') break;
    if (headers.length >= MAX_HEADERS) throw new LimitError(`more than ${MAX_HEADERS} response headers`);
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpProtocolError(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
    headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { version: m[1]!, status: Number(m[2]), reason: m[3] ?? '', headers };
}

class BodySink {
  readonly parts: Uint8Array[] = [];
  size = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  /** Adds bytes; false once the limit is passed. */
  add(b: Uint8Array): boolean {
    const room = this.max - this.size;
    if (b.length > room) {
      this.parts.push(b.subarray(0, room));
      this.size = this.max;
      this.truncated = true;
      return false;
    }
    this.parts.push(b);
    this.size += b.length;
    return true;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

async function readChunked(reader: ConnReader, sink: BodySink): Promise<void> {
  for (;;) {
    const sizeLine = await reader.readLine(MAX_LINE);
    if (sizeLine === null) throw new HttpProtocolError('the connection closed inside a chunked body');
    const size = parseInt(sizeLine.split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) throw new HttpProtocolError(`bad chunk size ${JSON.stringify(sizeLine.slice(0, 40))}`);
    if (size === 0) return;
    let left = size;
    while (left > 0) {
      const b = await reader.readBytes(Math.min(left, 16384));
      if (b.length === 0) throw new HttpProtocolError('the connection closed inside a chunk');
      left -= b.length;
      if (!sink.add(b)) return;
    }
    await reader.readLine(MAX_LINE);
  }
}

/** Reads one response (skipping 1xx), its body limited to `maxBody` bytes. */
export async function readHttpResponse(reader: ConnReader, maxBody: number, onHead?: (head: Omit<HttpResponse, 'body' | 'truncated'>) => void): Promise<HttpResponse> {
  let head = await readHead(reader);
  while (head.status >= 100 && head.status < 200) head = await readHead(reader);
  onHead?.(head);
  const sink = new BodySink(maxBody);
  const te = (header(head, 'transfer-encoding') ?? '').toLowerCase();
  const cl = header(head, 'content-length');
  if (head.status === 204 || head.status === 304) {
    // No body.
  } else if (te.includes('chunked')) {
    await readChunked(reader, sink);
  } else if (cl !== null && /^\d+$/.test(cl)) {
    let left = Number(cl);
    while (left > 0) {
      const b = await reader.readBytes(Math.min(left, 16384));
      if (b.length === 0) throw new HttpProtocolError(`the connection closed after ${Number(cl) - left} of ${cl} body bytes`);
      left -= b.length;
      if (!sink.add(b)) break;
    }
  } else {
    for (;;) {
      const b = await reader.readSome(16384);
      if (!b || !sink.add(b)) break;
    }
  }
  return { ...head, body: sink.bytes(), truncated: sink.truncated };
}
