import { jwtVerify, SignJWT } from "jose";

/**
 * The signed-in administrator of a CUSTOMER tenant (not a partner user): who may accept a relationship request.
 * In production it comes from the customer's OIDC sign-in (auth/customer-oidc.ts: `tid` = the customer's Entra tenant
 * id, `wids` = the directory roles); in the sandbox from the simulated sign-in (POST /auth/demo-customer-login, demo
 * only).
 */
export interface CustomerAdminIdentity {
  tenantId: string;
  upn: string;
  isGlobalAdmin: boolean;
}

const ISSUER = "channelgate";
/** Distinct from the partner API's audience: a customer-admin session is never a partner sign-in, and vice versa. */
export const CUSTOMER_ADMIN_AUDIENCE = "channelgate-customer-admin";
/** Entra ID's role template id of Global Administrator, as carried in the `wids` claim of its tokens. */
export const GLOBAL_ADMIN_ROLE_TEMPLATE_ID = "62e90394-69f5-4237-9190-012177145e10";
/** A customer-admin session is short: long enough to read the request and accept it. */
export const CUSTOMER_ADMIN_SESSION_SECONDS = 15 * 60;

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs a customer-admin session (HS256) carrying `tid`, `upn` and `wids`. */
export function signCustomerAdminToken(
  secret: string,
  identity: { tenantId: string; upn: string; roleTemplateIds: readonly string[] },
  ttlSeconds = CUSTOMER_ADMIN_SESSION_SECONDS,
): Promise<string> {
  return new SignJWT({ tid: identity.tenantId, upn: identity.upn.toLowerCase(), wids: [...identity.roleTemplateIds] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(identity.upn.toLowerCase())
    .setIssuer(ISSUER)
    .setAudience(CUSTOMER_ADMIN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** The identity a customer-admin session names, or null for anything invalid, expired, or too long-lived. */
export async function verifyCustomerAdminToken(secret: string, token: string): Promise<CustomerAdminIdentity | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: CUSTOMER_ADMIN_AUDIENCE,
      algorithms: ["HS256"],
      requiredClaims: ["exp", "iat", "tid", "upn"],
    });
    if (payload.exp! - payload.iat! > CUSTOMER_ADMIN_SESSION_SECONDS) return null;
    const { tid, upn, wids } = payload;
    if (typeof tid !== "string" || typeof upn !== "string") return null;
    const roles = Array.isArray(wids) ? wids : [];
    return { tenantId: tid, upn, isGlobalAdmin: roles.includes(GLOBAL_ADMIN_ROLE_TEMPLATE_ID) };
  } catch {
    return null;
  }
}
