import { jwtVerify, SignJWT } from "jose";

const ISSUER = "channelgate";
const AUDIENCE = "channelgate-api";

/** The longest a user token may live: a token is refused when its `exp` is further than this from its `iat`. */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

const key = (secret: string) => new TextEncoder().encode(secret);

/** A bearer token naming a user by email (HS256), valid for at most MAX_TOKEN_LIFETIME_SECONDS. */
export async function signToken(secret: string, email: string, ttlSeconds = 8 * 3600): Promise<string> {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`A token lives 1 to ${MAX_TOKEN_LIFETIME_SECONDS} seconds, not ${ttlSeconds}`);
  }
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(email.toLowerCase())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/**
 * Tokens already verified, by their exact text: a client sends the same token on every request, and the edge
 * (http/caller.ts) and the context (request-context.ts) both ask, so the HMAC check ran twice per request (issue 10
 * profile: ~9 % of a small query's CPU). Only valid tokens are kept (garbage cannot fill it), each until its own
 * `exp` (checked on every hit) and under the secret it was verified with; bounded, oldest out first. A deactivated
 * user is still refused: that is the user lookup's check, not the token's.
 */
const verified = new Map<string, { secret: string; email: string; expiresAtMs: number }>();
const VERIFIED_MAX = 1024;

/**
 * The email the token names, or null for anything invalid, expired, without `exp`/`iat`, or issued for longer
 * than the maximum lifetime (a token without `exp` would never expire).
 */
export async function verifyToken(secret: string, token: string): Promise<string | null> {
  const known = verified.get(token);
  if (known && known.secret === secret && Date.now() < known.expiresAtMs) return known.email;
  if (known) verified.delete(token);
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      requiredClaims: ["exp", "iat", "sub"],
    });
    if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_SECONDS) return null;
    if (typeof payload.sub !== "string") return null;
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(token, { secret, email: payload.sub, expiresAtMs: payload.exp! * 1000 });
    return payload.sub;
  } catch {
    return null;
  }
}
