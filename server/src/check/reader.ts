// Pull-based reading from an environment connection with hard limits on line length and total
// bytes, shared by the SMTP dialogue and the HTTP response parser. No node:* imports.
import type { Conn } from './env';

/** Thrown when the peer sends more than a limit allows. */
export class LimitError extends Error {}

export class ConnReader {
  private buf = new Uint8Array(0);
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
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    this.buf = next;
    return true;
  }

  private take(n: number): Uint8Array {
    const out = this.buf.slice(0, n);
    this.buf = this.buf.slice(n);
    return out;
  }

  /** One line without its CRLF/LF, decoded as Latin-1; null at the end of the stream. */
  async readLine(maxLine: number): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl >= 0) {
        if (nl > maxLine) throw new LimitError(`a line is longer than ${maxLine} bytes`);
        const line = this.take(nl + 1);
        let end = line.length - 1;
        if (end > 0 && line[end - 1] === 13) end--;
        return latin1(line.subarray(0, end));
      }
      if (this.buf.length > maxLine) throw new LimitError(`a line is longer than ${maxLine} bytes`);
      if (!(await this.fill())) {
        if (this.buf.length === 0) return null;
        return latin1(this.take(this.buf.length));
      }
    }
  }

  /** Up to `n` bytes; fewer only at the end of the stream. */
  async readBytes(n: number): Promise<Uint8Array> {
    while (this.buf.length < n && (await this.fill()));
    return this.take(Math.min(n, this.buf.length));
  }

  /** Whatever is buffered, else the next chunk; null at the end of the stream. */
  async readSome(max: number): Promise<Uint8Array | null> {
    if (this.buf.length === 0 && !(await this.fill())) return null;
    return this.take(Math.min(max, this.buf.length));
  }
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}
