import { X509Certificate, createHash, verify as verifySignature } from "node:crypto";
import { rootCertificates } from "node:tls";

// Verifying a Partner Center webhook as Microsoft documents it (https://learn.microsoft.com/partner-center/developer/partner-center-webhooks,
// "Authenticate the callback"): the Authorization (scheme Signature), x-ms-certificate-url and
// x-ms-signature-algorithm headers must be present; the certificate is downloaded from x-ms-certificate-url, its
// chain and its organization are checked, and the body (UTF-8) must match the signature under the certificate's
// RSA key with the named hash (rsa-sha256). Only certificate URLs on the configured hosts are fetched (no request
// to an address a caller chose), and certificates are cached for an hour.

export interface WebhookTrust {
  /** Hosts the certificate may be downloaded from (Microsoft's documented example: 3psostorageacct.blob.core.windows.net). */
  certificateHosts: string[];
  /** The certificate subject's organization (O=). */
  organization: string;
  /** Extra trusted issuers (PEM bundle), beside Node's root certificates: an intermediate, or the emulator's. */
  trustedCaPem: string | null;
  /** Accept http:// certificate URLs (the emulator in development and tests; never in production). */
  allowHttp: boolean;
}

export const DEFAULT_WEBHOOK_CERT_HOSTS = ["3psostorageacct.blob.core.windows.net"];
export const DEFAULT_WEBHOOK_ORGANIZATION = "Microsoft Corporation";

export class WebhookRejected extends Error {}

const CERT_TTL_MS = 3_600_000;
const MAX_CERT_BYTES = 64 * 1024;

function splitPem(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

export class WebhookVerifier {
  private readonly cache = new Map<string, { cert: X509Certificate; until: number }>();
  private readonly issuers: X509Certificate[];

  constructor(
    private readonly trust: WebhookTrust,
    private readonly download: (url: string) => Promise<Buffer> = fetchCertificate,
  ) {
    this.issuers = [...rootCertificates, ...splitPem(trust.trustedCaPem ?? "")].map((pem) => new X509Certificate(pem));
  }

  /** Throws WebhookRejected unless the request is signed as documented; answers the body's SHA-256 (its identity). */
  async verify(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now = new Date(),
  ): Promise<string> {
    const header = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const authorization = header("authorization") ?? "";
    const certificateUrl = header("x-ms-certificate-url") ?? "";
    const algorithm = (header("x-ms-signature-algorithm") ?? "").toLowerCase();
    const match = /^Signature ([A-Za-z0-9+/=]+)$/.exec(authorization);
    if (!match || !certificateUrl) throw new WebhookRejected("missing Authorization Signature or x-ms-certificate-url");
    if (algorithm !== "rsa-sha256") throw new WebhookRejected("unsupported x-ms-signature-algorithm");
    const cert = await this.certificate(certificateUrl);
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo))
      throw new WebhookRejected("certificate not valid now");
    if (!cert.subject.split("\n").includes(`O=${this.trust.organization}`)) {
      throw new WebhookRejected("certificate organization is not the expected one");
    }
    const chained = this.issuers.some(
      (issuer) =>
        cert.fingerprint256 === issuer.fingerprint256 || (cert.checkIssued(issuer) && cert.verify(issuer.publicKey)),
    );
    if (!chained) throw new WebhookRejected("certificate is not issued by a trusted authority");
    const ok = verifySignature("RSA-SHA256", rawBody, cert.publicKey, Buffer.from(match[1]!, "base64"));
    if (!ok) throw new WebhookRejected("signature does not match the body");
    return createHash("sha256").update(rawBody).digest("hex");
  }

  private async certificate(urlText: string): Promise<X509Certificate> {
    let url: URL;
    try {
      url = new URL(urlText);
    } catch {
      throw new WebhookRejected("x-ms-certificate-url is not a URL");
    }
    const schemeOk = url.protocol === "https:" || (this.trust.allowHttp && url.protocol === "http:");
    if (!schemeOk || url.username || url.password || !this.trust.certificateHosts.includes(url.host)) {
      throw new WebhookRejected("x-ms-certificate-url is not on a trusted certificate host");
    }
    const cached = this.cache.get(url.href);
    if (cached && cached.until > Date.now()) return cached.cert;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(await this.download(url.href));
    } catch {
      throw new WebhookRejected("the certificate could not be downloaded or read");
    }
    this.cache.set(url.href, { cert, until: Date.now() + CERT_TTL_MS });
    return cert;
  }
}

async function fetchCertificate(url: string): Promise<Buffer> {
  const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`certificate download answered ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_CERT_BYTES) throw new Error("certificate too large");
  return bytes;
}
