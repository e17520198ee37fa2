import type { LocalProviderAccount } from "./local-provider.mjs";
export interface EntraAuthority {
  /** https://login.microsoftonline.com/organizations/v2.0: the OIDC_ISSUER of a multi-tenant deployment. */
  authority: string;
  issuerOf(tid: string): string;
  homeRealm(tid: string): void;
  close(): Promise<void>;
}
export function startEntraAuthority(options: {
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
  tenants: Record<string, Record<string, LocalProviderAccount>>;
}): Promise<EntraAuthority>;
