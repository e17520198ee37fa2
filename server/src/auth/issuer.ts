/**
 * Which `iss` an ID token may carry, shared by the partner sign-in (auth/oidc.ts) and the customer sign-in
 * (auth/customer-oidc.ts).
 *
 * A multi-tenant authority (Microsoft Entra ID's `organizations` or `common`:
 * https://login.microsoftonline.com/organizations/v2.0) publishes the issuer TEMPLATE
 * `https://login.microsoftonline.com/{tenantid}/v2.0` in its discovery document, and each token carries its own
 * tenant's issuer; so `{tenantid}` is replaced with the token's `tid` and compared ("Update your code to handle
 * multiple issuer values", https://learn.microsoft.com/en-us/entra/identity-platform/howto-convert-app-to-be-multi-tenant).
 * A single-tenant issuer (no `{tenantid}`) must equal `iss` exactly.
 */

const TENANT_PLACEHOLDER = "{tenantid}";

/**
 * The ID token's `iss` is its own tenant's issuer: the configured issuer with `{tenantid}` replaced by the token's
 * `tid` (a multi-tenant authority), or the configured issuer itself (a single-issuer provider).
 */
export function issuerMatchesTenant(configuredIssuer: string, claims: Record<string, unknown>): boolean {
  const { iss, tid } = claims;
  if (typeof iss !== "string" || typeof tid !== "string" || !/^[0-9a-zA-Z-]{1,64}$/.test(tid)) return false;
  return iss === configuredIssuer.replace(TENANT_PLACEHOLDER, tid);
}
