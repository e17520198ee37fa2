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
