// The injected environment: the only way the checker reaches the network. Raw DNS queries,
// TCP connections and in-place TLS upgrades; all protocol logic stays outside. No node:* here.

export type RrType = 'TXT' | 'MX' | 'A' | 'AAAA' | 'CNAME';

export type DnsRecord =
  | { readonly type: 'TXT'; readonly name: string; readonly strings: readonly string[] }
  | { readonly type: 'MX'; readonly name: string; readonly preference: number; readonly exchange: string }
  | { readonly type: 'A' | 'AAAA'; readonly name: string; readonly address: string }
  | { readonly type: 'CNAME'; readonly name: string; readonly target: string };

export interface DnsServer {
  readonly host: string;
  readonly port: number;
}

export interface DnsQuery {
  readonly name: string;
  readonly type: RrType;
  /** Resolvers to ask, in order; empty means the system's. */
  readonly servers: readonly DnsServer[];
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

export type DnsResponse =
  | { readonly kind: 'answer'; readonly rcode: string; readonly answers: readonly DnsRecord[]; readonly server: string }
  | { readonly kind: 'timeout'; readonly server: string | null }
  | { readonly kind: 'error'; readonly message: string; readonly server: string | null };

/** A certificate as the TLS layer saw it. Dates are ISO strings. */
export interface PeerCertificate {
  readonly subject: string;
  readonly issuer: string;
  /** SAN dNSName entries only. */
  readonly dnsNames: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
}

export interface TlsInfo {
  /** e.g. "TLSv1.3". */
  readonly protocol: string;
  readonly cipher: string;
  /** The chain verified against the trusted roots (host name NOT checked here). */
  readonly chainVerified: boolean;
  /** The verifier's error code when not verified (e.g. CERT_HAS_EXPIRED). */
  readonly verifyError: string | null;
  readonly certificate: PeerCertificate | null;
}

export interface TlsUpgrade {
  /** Sent as SNI. */
  readonly servername: string;
  /** Extra trusted CAs (PEM), added to the default roots. */
  readonly caCertificates: readonly string[];
}

/** One TCP connection. Every method rejects once the connection's signal aborts. */
export interface Conn {
  /** The next received bytes; null at the end of the stream. */
  read(): Promise<Uint8Array | null>;
  write(data: string | Uint8Array): void;
  /** Upgrades the connection to TLS in place; unread plaintext is discarded. */
  startTls(options: TlsUpgrade): Promise<TlsInfo>;
  /** Closes the connection at once. Safe to call twice. */
  close(): void;
}

export interface ConnectRequest {
  /** An IP address (names are resolved by the checker through `dnsQuery`). */
  readonly address: string;
  readonly port: number;
  /** Aborting closes the connection. */
  readonly signal: AbortSignal;
}

export interface CheckEnv {
  /** Never rejects for network trouble; rejects only when the signal aborts. */
  dnsQuery(query: DnsQuery): Promise<DnsResponse>;
  /** Rejects with an Error whose `code` (ECONNREFUSED, ETIMEDOUT…) or message says why. */
  connect(request: ConnectRequest): Promise<Conn>;
  /** Milliseconds since the epoch. */
  now(): number;
  /** The default EHLO name. */
  hostName(): string;
}
