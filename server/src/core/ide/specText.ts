// What each key, value and tag means, with RFC links: the text behind hover and completion.
// Pure: core only.

export const RFC8461 = 'https://www.rfc-editor.org/rfc/rfc8461';
export const RFC8460 = 'https://www.rfc-editor.org/rfc/rfc8460';

export function rfcLink(rfc: 8461 | 8460, section: string): string {
  return `[RFC ${rfc} §${section}](${rfc === 8461 ? RFC8461 : RFC8460}#section-${section})`;
}

export const POLICY_KEY_DOCS: Record<string, string> = {
  version: `**version** — the policy format version. Must be exactly \`STSv1\` (case-sensitive). ${rfcLink(8461, '3.2')}`,
  mode: `**mode** — what sending servers do when an MX fails validation: \`enforce\`, \`testing\` or \`none\` (case-sensitive). ${rfcLink(8461, '5')}`,
  mx: `**mx** — an MX host pattern that sending servers may deliver to: a host name, or \`*.\` plus a domain to allow exactly one extra leftmost label. One pattern per line; repeat the field for each MX. ${rfcLink(8461, '4.1')}`,
  max_age: `**max_age** — how long, in seconds, senders cache this policy (at most 31557600, one year). Weeks or more is expected once enforcing. ${rfcLink(8461, '3.2')}`,
};

export const MODE_DOCS: Record<string, string> = {
  enforce: 'Senders must not deliver to an MX that fails the mx patterns, lacks STARTTLS or presents an invalid certificate. Use once TLS-RPT reports are clean.',
  testing: 'Senders deliver as usual but report validation failures through TLS-RPT. Use while rolling out.',
  none: 'Senders treat the domain as having no active policy. Publish this to withdraw MTA-STS (RFC 8461 §8.3).',
};

export const MAX_AGE_PRESETS: readonly { seconds: number; label: string; advice: string }[] = [
  { seconds: 86400, label: '1 day', advice: 'for testing, or while withdrawing with mode none' },
  { seconds: 604800, label: '1 week', advice: 'the least once enforcing' },
  { seconds: 1209600, label: '2 weeks', advice: 'a common choice when enforcing' },
  { seconds: 31557600, label: '1 year', advice: 'the maximum; for stable setups' },
];

export const STS_TAG_DOCS: Record<string, string> = {
  v: `**v** — the record version; must be \`STSv1\` and must come first. ${rfcLink(8461, '3.1')}`,
  id: `**id** — identifies the current policy (1–32 letters and digits). Senders refetch the policy when it changes, so publish a new id every time the policy file changes, after the new file is live. Ids have no order; a UTC timestamp such as \`20240501T120000\` is customary. ${rfcLink(8461, '3.1')}`,
};

export const TLSRPT_TAG_DOCS: Record<string, string> = {
  v: `**v** — the record version; must be \`TLSRPTv1\` and must come first. ${rfcLink(8460, '3')}`,
  rua: `**rua** — where reporters send daily TLS reports: one or more \`mailto:\` or \`https:\` URIs separated by commas. ${rfcLink(8460, '3')}`,
};

export const OWNER_DOCS: Record<string, string> = {
  '_mta-sts': `**_mta-sts** — the name of the MTA-STS TXT record (\`v=STSv1; id=…\`). Senders look here first; exactly one such record may exist. ${rfcLink(8461, '3.1')}`,
  '_smtp._tls': `**_smtp._tls** — the name of the TLS-RPT TXT record (\`v=TLSRPTv1; rua=…\`). ${rfcLink(8460, '3')}`,
  'mta-sts': `**mta-sts** — the policy host: it must serve \`https://mta-sts.<domain>/.well-known/mta-sts.txt\` with a certificate valid for this name. ${rfcLink(8461, '3.3')}`,
};

/** A fresh id: the UTC time as YYYYMMDDHHMMSS. */
export function timestampId(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(now.getUTCFullYear(), 4)}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
}

/** What an mx pattern matches, in words. */
export function mxReach(pattern: string): string {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) {
    const base = p.slice(2);
    return `matches any host exactly one label below \`${base}\`, such as \`mx1.${base}\`; not \`${base}\` or \`a.b.${base}\``;
  }
  return `matches only the MX host \`${p}\` (in any letter case); not \`mx.${p}\` or other hosts`;
}
