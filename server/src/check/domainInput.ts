// Turns what a user typed (a domain, an address, a policy URL, an IDN) into the A-label policy
// domain, or a message naming what is wrong. Uses the standard URL class; no node:* imports.

export type DomainInput = { readonly ok: true; readonly domain: string } | { readonly ok: false; readonly reason: string };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function fail(reason: string): DomainInput {
  return { ok: false, reason };
}

/** Host part of a URL, or null when the text is not a URL with a host. */
function urlHost(text: string): string | null {
  try {
    const u = new URL(text);
    return u.hostname || null;
  } catch {
    return null;
  }
}

/** A-labels through the URL parser's IDNA processing (UTS #46), or null when it refuses. */
function toAscii(host: string): string | null {
  try {
    const h = new URL(`http://${host}/`).hostname;
    return h || null;
  } catch {
    return null;
  }
}

/** Parses the input of "Check domain" into a policy domain. */
export function parseDomainInput(raw: string): DomainInput {
  let s = raw.trim();
  if (s.length === 0) return fail('the input is empty; give a domain such as example.com');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    const host = urlHost(s);
    if (!host) return fail(`\`${s}\` is not a valid URL`);
    s = host;
  } else if (s.includes('@')) {
    s = s.slice(s.lastIndexOf('@') + 1);
    if (s.length === 0) return fail(`\`${raw.trim()}\` has nothing after the \`@\``);
  }
  if (/\s/.test(s)) return fail(`\`${s}\` contains spaces; give one domain such as example.com`);
  if (s.startsWith('[') || s.includes(':') || IPV4.test(s.replace(/\.$/, ''))) return fail(`\`${s}\` is an IP address; MTA-STS applies to domain names`);
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s.length === 0) return fail('the input is only a dot; give a domain such as example.com');
  if (/[^\x00-\x7f]/.test(s)) {
    const ascii = toAscii(s);
    if (!ascii) return fail(`\`${s}\` is not a valid internationalised domain name`);
    s = ascii;
  }
  s = s.toLowerCase();
  for (const prefix of ['mta-sts.', '_mta-sts.', '_smtp._tls.']) {
    if (s.startsWith(prefix) && s.split('.').length > prefix.split('.').length) {
      s = s.slice(prefix.length);
      break;
    }
  }
  const bad = /[^a-z0-9.-]/.exec(s);
  if (bad) return fail(`\`${bad[0]}\` is not allowed in a domain name (\`${s}\`); use letters, digits, \`-\` and dots`);
  if (s.length > 253) return fail(`the domain is ${s.length} characters long; at most 253 are allowed`);
  const labels = s.split('.');
  if (labels.some((l) => l.length === 0)) return fail(`\`${s}\` has an empty label (two dots in a row, or a leading dot)`);
  const long = labels.find((l) => l.length > 63);
  if (long) return fail(`the label \`${long.slice(0, 20)}…\` is ${long.length} characters long; at most 63 are allowed`);
  const hyphen = labels.find((l) => l.startsWith('-') || l.endsWith('-'));
  if (hyphen) return fail(`the label \`${hyphen}\` starts or ends with \`-\``);
  if (labels.length < 2) return fail(`\`${s}\` is a single label; give a full domain such as ${s}.com`);
  if (/^\d+$/.test(labels[labels.length - 1]!)) return fail(`\`${s}\` ends in a numeric label; it looks like an IP address, not a domain`);
  return { ok: true, domain: s };
}
