// Test helpers for reports: a gzip bomb built by streaming zeros through gzip (about 1 KB of
// output per MB of input), so the test never holds the decompressed bytes.
import { createGzip } from 'node:zlib';

/** Gzip of `megabytes` MB of zero bytes. */
export async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise<void>((resolve, reject) => {
    gz.on('end', resolve);
    gz.on('error', reject);
  });
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < megabytes; i++) {
    if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await done;
  return Buffer.concat(parts);
}
