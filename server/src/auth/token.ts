import { jwtVerify, SignJWT } from "jose";

const ISSUER = "channelgate";
const AUDIENCE = "channelgate-api";

const key = (secret: string) => new TextEncoder().encode(secret);

/** A bearer token naming a user by email (HS256). */
export async function signToken(secret: string, email: string, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(email.toLowerCase())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** The email the token names, or null for anything invalid or expired. */
export async function verifyToken(secret: string, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
