// Decodes TLS-RPT report bytes: plain JSON, or gzip with a cap on the decompressed size so that
// a gzip bomb gets a clear message instead of a hang. Imports no vscode (tests call it directly).
import { gunzip } from 'node:zlib';

export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

/** Decodes report bytes: gunzips them when they start with the gzip magic, capped in size. */
export function decodeReportBytes(bytes: Uint8Array, cap = MAX_REPORT_BYTES): Promise<string> {
  if (bytes.length > cap) return Promise.reject(new Error(`the file is ${bytes.length} bytes, over the ${cap}-byte limit`));
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(new TextDecoder().decode(bytes));
  return new Promise((resolve, reject) => {
    gunzip(bytes, { maxOutputLength: cap }, (err, out) => {
      if (err) reject(new Error((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? `it decompresses to more than ${cap / 1024 / 1024} MB (a gzip bomb?); not read` : `it is not valid gzip (${err.message})`));
      else resolve(out.toString('utf8'));
    });
  });
}

