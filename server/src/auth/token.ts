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
 * The email the token names, or null for anything invalid, expired, without `exp`/`iat`, or issued for longer
 * than the maximum lifetime (a token without `exp` would never expire).
 */
export async function verifyToken(secret: string, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      requiredClaims: ["exp", "iat", "sub"],
    });
    if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_SECONDS) return null;
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
