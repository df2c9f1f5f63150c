// A throwaway certificate authority for the loopback tests, made with @peculiar/x509 and
// WebCrypto ECDSA P-256 keys during the run (nothing is written to the repository).
import 'reflect-metadata';
import { webcrypto, KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86400000;

export interface KeyCert {
  readonly key: string;
  readonly cert: string;
}

export interface TestCa extends KeyCert {
  /** A leaf certificate for the names (SAN dNSName), signed by this CA unless self-signed. */
  issue(names: readonly string[], o?: LeafOptions): Promise<KeyCert>;
}

export interface LeafOptions {
  /** Validity relative to now, in days (defaults: -1 and +90). */
  readonly fromDays?: number;
  readonly toDays?: number;
  readonly selfSigned?: boolean;
  /** Subject CN; defaults to the first name. */
  readonly cn?: string;
}

function pemKey(k: CryptoKey): string {
  return KeyObject.from(k).export({ type: 'pkcs8', format: 'pem' }) as string;
}

async function keys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function createTestCa(name = 'MTA-STS Test CA'): Promise<TestCa> {
  const caKeys = await keys();
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${name}`,
    notBefore: new Date(now - 2 * DAY),
    notAfter: new Date(now + 365 * DAY),
    signingAlgorithm: ALG,
    keys: caKeys,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true), await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey)],
  });
  let serial = 2;
  return {
    key: pemKey(caKeys.privateKey),
    cert: caCert.toString('pem'),
    async issue(names, o = {}) {
      const k = await keys();
      const exts = [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        ...(names.length ? [new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: 'dns' as const, value })))] : []),
      ];
      const common = {
        serialNumber: (serial++).toString(16).padStart(2, '0'),
        notBefore: new Date(now + (o.fromDays ?? -1) * DAY),
        notAfter: new Date(now + (o.toDays ?? 90) * DAY),
        signingAlgorithm: ALG,
        extensions: exts,
      };
      const cn = `CN=${o.cn ?? names[0] ?? 'no-name'}`;
      const cert = o.selfSigned
        ? await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: cn, keys: k })
        : await x509.X509CertificateGenerator.create({ ...common, subject: cn, issuer: caCert.subject, publicKey: k.publicKey, signingKey: caKeys.privateKey });
      return { key: pemKey(k.privateKey), cert: cert.toString('pem') };
    },
  };
}
