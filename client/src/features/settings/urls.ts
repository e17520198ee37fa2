import { flag, formatParams, text, type ParamChanges } from "../../lib/url-params";

/** /settings/users: the page cursor and whether the invite form is open. */
export const usersParams = { after: text, invite: flag };
/** /settings/api-tokens: the page cursor and whether the create form is open. */
export const apiTokensParams = { after: text, create: flag };

/** /settings/webhooks: the page cursor, whether the add form is open, and the endpoint whose deliveries show. */
export const webhooksParams = { after: text, create: flag, endpoint: text };

export function webhooksUrl(params: ParamChanges<typeof webhooksParams> = {}): string {
  return `/settings/webhooks${formatParams(webhooksParams, params)}`;
}

export function usersUrl(params: ParamChanges<typeof usersParams> = {}): string {
  return `/settings/users${formatParams(usersParams, params)}`;
}

export function apiTokensUrl(params: ParamChanges<typeof apiTokensParams> = {}): string {
  return `/settings/api-tokens${formatParams(apiTokensParams, params)}`;
}

/** /settings/partner-facts: whether the record form is open. */
export const partnerFactsParams = { record: flag };

export function partnerFactsUrl(params: ParamChanges<typeof partnerFactsParams> = {}): string {
  return `/settings/partner-facts${formatParams(partnerFactsParams, params)}`;
}

export function syncUrl(): string {
  return "/settings/partner-center-sync";
}

/** Where "Settings" in the main navigation leads for this viewer, or null when its role may use no settings. */
export function settingsHome(permissions: {
  canManageUsers: boolean;
  canManageApiTokens: boolean;
  canViewSync?: boolean;
  canManageWebhooks?: boolean;
  canRecordPartnerFacts?: boolean;
}): string | null {
  if (permissions.canManageUsers) return usersUrl();
  if (permissions.canManageApiTokens) return apiTokensUrl();
  if (permissions.canViewSync) return syncUrl();
  if (permissions.canManageWebhooks) return webhooksUrl();
  if (permissions.canRecordPartnerFacts) return partnerFactsUrl();
  return null;
}
