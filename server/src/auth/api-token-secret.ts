import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// API token secrets: "cg_" + 32 random bytes in base64url (43 characters), so that a leaked one is recognisable
// (secret scanners, logs). Only the SHA-256 hash is stored; a fast hash is enough for 256 random bits.
export const API_TOKEN_PREFIX = "cg_";
const SECRET_BYTES = 32;
const SECRET_SHAPE = /^cg_[A-Za-z0-9_-]{43}$/;
/** Characters of the secret kept in clear for display: "cg_" and 6 more. */
export const DISPLAY_PREFIX_LENGTH = 9;

export function newApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
}

/** True for a string shaped like one of our secrets (checked before any hashing or SQL). */
export function looksLikeApiToken(value: string): boolean {
  return SECRET_SHAPE.test(value);
}

/** SHA-256 of the secret, hex: what the database holds and is searched by. */
export function hashApiTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
