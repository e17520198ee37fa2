/** A customer tenant's global admin, signed in: the session the API takes as `customerAdminToken`. */
export interface CustomerAdminSession {
  token: string;
  upn: string;
}

/**
 * Signs in as the global admin of the customer tenant that owns the UPN's domain. In the sandbox this is the
 * simulated sign-in `POST /auth/demo-customer-login` (served only while the demo sign-in is on; production would
 * use the customer's Microsoft Entra sign-in instead, whose `tid` the API checks the same way). Null when no
 * customer tenant can sign in with that domain here, or the simulated sign-in is off.
 */
export async function signInCustomerAdmin(upn: string): Promise<CustomerAdminSession | null> {
  const domain = upn.slice(upn.lastIndexOf("@") + 1).trim();
  if (!upn.includes("@") || !domain) return null;
  const res = await fetch("/auth/demo-customer-login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ domain }),
  });
  if (!res.ok) return null;
  const body = (await res.json()) as { token?: unknown; upn?: unknown };
  return typeof body.token === "string" && typeof body.upn === "string" ? { token: body.token, upn: body.upn } : null;
}

/** The sign-in ways GET /auth/session says the server offers a customer's admin. */
export interface CustomerSignInMethods {
  /** The organisation's Microsoft (OpenID Connect) sign-in: server/src/auth/customer-oidc.ts. */
  customerOidc: boolean;
  /** The sandbox's simulated sign-in. */
  demo: boolean;
}

/** Where the organisation's Microsoft sign-in starts for this link (the server checks tenant and role). */
export const customerSignInUrl = (linkToken: string) =>
  `/auth/oidc/customer/login?link=${encodeURIComponent(linkToken)}`;

/** The session the server's customer sign-in puts in the accept page's fragment (`#session=…&upn=…`), if any. */
export function sessionFromFragment(hash: string): CustomerAdminSession | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const token = params.get("session");
  const upn = params.get("upn");
  return token && upn && token.length <= 4096 && upn.length <= 254 ? { token, upn } : null;
}
