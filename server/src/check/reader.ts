// Pull-based reading from an environment connection with hard limits on line length and total
// bytes, shared by the SMTP dialogue and the HTTP response parser. No node:* imports.
import type { Conn } from './env';

/** Thrown when the peer sends more than a limit allows. */
export class LimitError extends Error {}

export class ConnReader {
  private buf = new Uint8Array(0);
  /** Bytes of `buf` before `pos` are consumed; taking a line only moves `pos` (no copy of the rest). */
  private pos = 0;
  private received = 0;
  private eof = false;

  constructor(private conn: Conn, private readonly maxTotal: number) {}

  /** Total bytes received so far. */
  get bytes(): number {
    return this.received;
  }

  /** Forgets buffered bytes (after a TLS upgrade). */
  reset(conn: Conn): void {
    this.conn = conn;
    this.buf = new Uint8Array(0);
    this.pos = 0;
  }

  private get available(): number {
    return this.buf.length - this.pos;
  }

  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const chunk = await this.conn.read();
    if (!chunk) {
      this.eof = true;
      return false;
    }
    this.received += chunk.length;
    if (this.received > this.maxTotal) throw new LimitError(`the server sent more than ${this.maxTotal} bytes`);
    const rest = this.buf.subarray(this.pos);
    const next = new Uint8Array(rest.length + chunk.length);
    next.set(rest);
    next.set(chunk, rest.length);
    this.buf = next;
    this.pos = 0;
    return true;
  }

  private take(n: number): Uint8Array {
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** One line without its CRLF/LF, decoded as Latin-1; null at the end of the stream. */
  async readLine(maxLine: number): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl >= 0) {
        if (nl - this.pos > maxLine) throw new LimitError(`a line is longer than ${maxLine} bytes`);
        const line = this.take(nl - this.pos + 1);
        let end = line.length - 1;
        if (end > 0 && line[end - 1] === 13) end--;
        return latin1(line.subarray(0, end));
      }
      if (this.available > maxLine) throw new LimitError(`a line is longer than ${maxLine} bytes`);
      if (!(await this.fill())) {
        if (this.available === 0) return null;
        return latin1(this.take(this.available));
      }
    }
  }

  /** Up to `n` bytes; fewer only at the end of the stream. */
  async readBytes(n: number): Promise<Uint8Array> {
    while (this.available < n && (await this.fill()));
    return this.take(Math.min(n, this.available));
  }

  /** Whatever is buffered, else the next chunk; null at the end of the stream. */
  async readSome(max: number): Promise<Uint8Array | null> {
    if (this.available === 0 && !(await this.fill())) return null;
    return this.take(Math.min(max, this.available));
  }
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}
