// The hand-written scanners of TXT record values (report URIs, ids) against the grammar they
// replaced, written as regular expressions here: RFC 3986 schemes and characters, `local@domain`,
// `https://host`, and RFC 8461's `sts-id`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lint } from '../../server/src/core/index';

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const MAILBOX = /^[^@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const HTTPS_HOST = /^\/\/[^/?#\s]+/;
const NON_URI_CHAR = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

/** The code a lone report URI gets, by the grammar: null when it is a good one. */
function expectedRuaCode(uri: string): string | null {
  if (uri.length === 0 || uri.startsWith('<') || uri.endsWith('>') || !SCHEME.test(uri)) return 'RPT102';
  const bang = uri.indexOf('!');
  const bad = NON_URI_CHAR.exec(uri);
  if (bang >= 0 && (!bad || bang < bad.index)) return 'RPT104';
  if (bad) return 'RPT102';
  const colon = uri.indexOf(':');
  const scheme = uri.slice(0, colon).toLowerCase();
  const rest = uri.slice(colon + 1);
  if (scheme === 'mailto') {
    const addr = rest.split('?')[0]!;
    return addr.startsWith('//') || !MAILBOX.test(addr.replace(/%40/gi, '@')) ? 'RPT105' : null;
  }
  if (scheme === 'https') return HTTPS_HOST.test(rest) ? null : 'RPT106';
  return 'RPT103';
}

function ruaCodes(uri: string): string[] {
  return lint(`v=TLSRPTv1; rua=${uri}`, 'tlsrpt-record').diagnostics.map((d) => d.code).filter((c) => /^RPT10[2-6]$/.test(c));
}

test('a report URI gets the code its grammar gives', () => {
  const cases: [string, string | null][] = [
    ['mailto:tlsrpt@example.com', null],
    ['MAILTO:tls%40example.co.uk', null],
    ['mailto:a@b', 'RPT105'],
    ['mailto:a@b.', 'RPT105'],
    ['mailto:a@.b.c', 'RPT105'],
    ['mailto:@b.c', 'RPT105'],
    ['mailto:a@b@c.d', 'RPT105'],
    ['mailto://a@b.c', 'RPT105'],
    ['mailto:a@b.c?subject=x', null],
    ['https://r.example/v1', null],
    ['https://', 'RPT106'],
    ['https:///x', 'RPT106'],
    ['https://?q', 'RPT106'],
    ['https://#f', 'RPT106'],
    ['https://h#f', null],
    ['https:r.example', 'RPT106'],
    ['http://r.example/', 'RPT103'],
    ['x-y.z+1:whatever', 'RPT103'],
    ['1mailto:a@b.c', 'RPT102'],
    ['reports@example.com', 'RPT102'],
    ['<mailto:a@b.c>', 'RPT102'],
    ['mailto:a@b.c!10m', 'RPT104'],
    ['mailto:a!b@c.d', 'RPT104'],
    ['mailto:a b@c.d', 'RPT102'],
    ['mailto:caf\u00e9@c.d', 'RPT102'],
    ['mailto:\u0130@c.d', 'RPT102'],
    // Past 128 characters the scanners are regular expressions of the same grammar.
    [`mailto:${'a'.repeat(200)}@example.com`, null],
    [`mailto:a@${'b'.repeat(200)}`, 'RPT105'],
    [`mailto:a@${'b'.repeat(200)}!10m`, 'RPT104'],
    [`${'s'.repeat(200)}:x`, 'RPT103'],
    [`${'s'.repeat(200)}1@x`, 'RPT102'],
    [`https://${'h'.repeat(200)} x`, 'RPT102'],
  ];
  for (const [uri, code] of cases) {
    assert.equal(expectedRuaCode(uri), code, `the oracle on ${JSON.stringify(uri)}`);
    assert.deepEqual(ruaCodes(uri), code ? [code] : [], JSON.stringify(uri));
  }
});

test('report URIs made of URI pieces get the codes of the grammar', () => {
  const piece = fc.constantFrom('mailto:', 'https:', 'http:', 'MaIlTo:', 'x+y.z-1:', ':', '//', '/', 'a', 'Z', '9', '@', '.', '-', '_', '?', '#', '!', '!10m', '%40', '%', '[', ']', '~', '=', '<', '>', ' ', '\u00e9', '\u00a0', '\u0010', '"', 'x'.repeat(130), '.example'.repeat(17));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
      const uri = parts.join('').replace(/[,;]/g, '');
      const code = expectedRuaCode(uri);
      const got = ruaCodes(uri);
      // Whitespace ends or splits a URI in the record grammar: only URIs without any are compared.
      return /[ \t]/.test(uri) || JSON.stringify(got) === JSON.stringify(code ? [code] : []);
    }),
    { numRuns: 20000 },
  );
});

test('an id is valid exactly when it is 1–32 letters and digits', () => {
  const valid = (id: string) => /^[A-Za-z0-9]{1,32}$/.test(id);
  const piece = fc.constantFrom('a', 'Z', '0', '9', 'T', '-', ':', '_', '.', '\u0010', '\u0019', '@', '[', '`', '{', '\u00e9', '\u0130', '\u212a', 'abcdefghij');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
      const id = parts.join('');
      const codes = lint(`v=STSv1; id=${id}`, 'sts-record').diagnostics.map((d) => d.code);
      return codes.includes('STS202') === !valid(id);
    }),
    { numRuns: 20000 },
  );
});
