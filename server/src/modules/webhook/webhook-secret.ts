import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Endpoint secrets are needed in the clear to sign, so they are encrypted, not hashed: AES-256-GCM under a key
// derived (HKDF-SHA256) from AUTH_SECRET, the deployment's one key setting. Changing AUTH_SECRET makes stored
// secrets unreadable: deliveries then fail with a clear error until each endpoint's secret is rotated.

const PREFIX = "whsec_";
export const SECRET_DISPLAY_LENGTH = PREFIX.length + 4;

/** A new signing secret: whsec_ + 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

function keyOf(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "channelgate", "webhook endpoint secret v1", 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encryptSecret(authSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(authSecret), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The secret, or null when the stored value was not encrypted under this AUTH_SECRET. */
export function decryptSecret(authSecret: string, stored: string): string | null {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(authSecret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
